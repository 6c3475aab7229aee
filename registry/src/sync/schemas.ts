// The change feed's page (docs/api-contract.md), as zod for the OpenAPI document.
import { z } from '@hono/zod-openapi';
import { CONSENT_KINDS, LEGAL_BASES } from '@clearframe/core';
import type { ConsentKind, LegalBasis } from '@clearframe/core';

const strings = z.array(z.string());
const LegalBasisSchema = z.enum(LEGAL_BASES as [LegalBasis, ...LegalBasis[]]);
const ConsentKindSchema = z.enum(CONSENT_KINDS as [ConsentKind, ...ConsentKind[]]);

const PolicyRecordSchema = z
  .object({
    timeZone: z.string(),
    channels: strings,
    warnDays: z.number().nullable().optional(),
    legalBases: z.array(LegalBasisSchema).nullable().optional(),
    consentKinds: z.array(ConsentKindSchema).nullable().optional(),
    ownConsentAge: z.number().nullable().optional(),
    guardianConsentUntilAge: z.number().nullable().optional(),
    guardiansRequired: z.number().nullable().optional(),
    postMortemYears: z.number().nullable().optional(),
    postMortemFromYearEnd: z.boolean().nullable().optional(),
    channelLabels: z.record(z.string(), z.record(z.string(), z.string())).nullable().optional(),
    surfaces: z.record(z.string(), z.string()).nullable().optional(),
  })
  .openapi('PolicyRecord', { description: 'Policy of spec §1, plus labels and surfaces' });

const AssetRecordSchema = z
  .object({
    id: z.string(),
    legalBasis: LegalBasisSchema.nullable().optional(),
    persons: z
      .array(z.object({ personId: z.string(), relevant: z.boolean().nullable().optional() }))
      .nullable()
      .optional(),
    license: z
      .object({
        validUntil: z.string().nullable().optional(),
        channels: strings.nullable().optional(),
      })
      .nullable()
      .optional(),
    title: z.string().nullable().optional(),
    alt: z.record(z.string(), z.string()).nullable().optional(),
    credit: z.string().nullable().optional(),
    tags: strings.nullable().optional(),
    width: z.number().nullable().optional(),
    height: z.number().nullable().optional(),
    thumbUrl: z
      .string()
      .nullable()
      .optional()
      .openapi({
        description:
          'The editor thumbnail (GET /v1/assets/{id}/thumb, editor credential) relative to the ' +
          "registry's base URL, e.g. `v1/assets/ast_1/thumb`; null when the asset has none",
      }),
  })
  .openapi('AssetRecord', { description: 'AssetInput of spec §1 plus what a picker shows' });

const PersonRecordSchema = z
  .object({
    id: z.string(),
    birthDate: z.string().nullable().optional(),
    deceasedOn: z.string().nullable().optional(),
    guardians: z.number().nullable().optional(),
    protectedIdentity: z.boolean().nullable().optional(),
    objectedAt: z.string().nullable().optional(),
  })
  .openapi('PersonRecord', { description: 'PersonInput of spec §1 only: no name, no contact' });

const ConsentRecordSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    kind: ConsentKindSchema.nullable().optional(),
    channels: strings,
    validFrom: z.string(),
    validUntil: z.string().nullable().optional(),
    assetIds: strings.nullable().optional(),
    signedBy: z
      .object({
        subject: z.boolean().nullable().optional(),
        guardians: z.number().nullable().optional(),
      })
      .nullable()
      .optional(),
    revocations: z
      .array(z.object({ at: z.string(), channels: strings.nullable().optional() }))
      .nullable()
      .optional(),
  })
  .openapi('ConsentRecord', { description: 'ConsentInput of spec §1, revocations included' });

const live = <T extends string, S extends z.ZodType>(type: T, data: S) =>
  z.object({ type: z.literal(type), id: z.string(), deleted: z.literal(false), data });

export const ChangeSchema = z
  .union([
    live('policy', PolicyRecordSchema),
    live('asset', AssetRecordSchema),
    live('person', PersonRecordSchema),
    live('consent', ConsentRecordSchema),
    z.object({
      type: z.enum(['policy', 'asset', 'person', 'consent']),
      id: z.string(),
      deleted: z.literal(true),
    }),
  ])
  .openapi('Change');

export const SyncPageSchema = z
  .object({
    changes: z.array(ChangeSchema),
    cursor: z.string().openapi({ description: 'Opaque; pass as since= next time' }),
    hasMore: z.boolean(),
  })
  .openapi('SyncPage');
