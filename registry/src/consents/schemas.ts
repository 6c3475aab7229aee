// Consents, revocations and evidence documents as the API shows and accepts them.
import { z } from '@hono/zod-openapi';
import { CONSENT_KINDS } from '@clearframe/core';
import type { ConsentKind } from '@clearframe/core';
import { CalendarDateSchema, InstantSchema } from '../persons/schemas.js';

const IdSchema = z.string().min(1).max(64);

const uniqueIds = (description: string) =>
  z
    .array(IdSchema)
    .min(1)
    .max(1000)
    .superRefine((ids, ctx) => {
      ids.forEach((id, index) => {
        if (ids.indexOf(id) !== index)
          ctx.addIssue({ code: 'custom', path: [index], message: `repeats ${id}` });
      });
    })
    .openapi({ description });

export const ChannelListSchema = uniqueIds('Channel ids of the policy');

export const ConsentKindSchema = z.enum(CONSENT_KINDS as [ConsentKind, ...ConsentKind[]]);

export const SignedBySchema = z
  .strictObject({
    subject: z.boolean().default(true),
    guardians: z.number().int().min(0).max(4).default(0),
  })
  .openapi('SignedBy');

/** The options of a consent (spec §1 and the registry's own), shared by one and group consents. */
export const consentOptionFields = {
  kind: ConsentKindSchema.default('written'),
  channels: ChannelListSchema,
  validFrom: CalendarDateSchema.openapi({ description: 'First valid day' }),
  validUntil: CalendarDateSchema.nullable()
    .default(null)
    .openapi({ description: 'Last valid day; null: open-ended' }),
  assetIds: uniqueIds('Only these assets; null: every asset of the person')
    .nullable()
    .default(null),
  signedBy: SignedBySchema.default({ subject: true, guardians: 0 }),
  comment: z.string().trim().max(2000).nullable().default(null),
  copyrightNotice: z.string().trim().max(500).nullable().default(null),
  formAuthorId: IdSchema.nullable().default(null),
};

/** validUntil on or after validFrom: `evaluate` refuses the opposite. */
export function untilNotBeforeFrom(
  consent: { validFrom?: string | undefined; validUntil?: string | null | undefined },
  ctx: z.RefinementCtx,
): void {
  const { validFrom, validUntil } = consent;
  if (validFrom !== undefined && validUntil != null && validUntil < validFrom)
    ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'is before validFrom' });
}

export const CreateConsentSchema = z
  .strictObject({ personId: IdSchema, ...consentOptionFields })
  .superRefine(untilNotBeforeFrom)
  .openapi('NewConsent');

export const PatchConsentSchema = z
  .strictObject({
    kind: ConsentKindSchema.optional(),
    channels: ChannelListSchema.optional(),
    validFrom: CalendarDateSchema.optional(),
    validUntil: CalendarDateSchema.nullable().optional(),
    assetIds: uniqueIds('Only these assets; null: every asset of the person').nullable().optional(),
    signedBy: SignedBySchema.optional(),
    comment: z.string().trim().max(2000).nullable().optional(),
    copyrightNotice: z.string().trim().max(500).nullable().optional(),
    formAuthorId: IdSchema.nullable().optional(),
  })
  .superRefine(untilNotBeforeFrom)
  .openapi('ConsentPatch', {
    description: 'The fields to change; the person and the group of a consent never change',
  });

export const CreateRevocationSchema = z
  .strictObject({
    at: InstantSchema.optional().openapi({
      description: 'When the withdrawal takes effect; default now; a future instant schedules it',
    }),
    channels: ChannelListSchema.nullable()
      .default(null)
      .openapi({ description: 'The channels withdrawn; null: the whole consent' }),
    reason: z.string().trim().max(2000).nullable().default(null),
  })
  .openapi('NewRevocation');

export const RevocationSchema = z
  .object({
    id: z.string(),
    consentId: z.string(),
    at: z.string(),
    channels: z.array(z.string()).nullable(),
    reason: z.string().nullable(),
    recordedBy: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi('Revocation');

export const DocumentSchema = z
  .object({
    id: z.string(),
    consentId: z.string().nullable(),
    groupId: z
      .string()
      .nullable()
      .openapi({ description: 'Set when the group’s consents share it' }),
    sha256: z.string(),
    mime: z.string(),
    size: z.number().int(),
    filename: z.string(),
    createdAt: z.string(),
  })
  .openapi('ConsentDocument');

export const CONSENT_STATUSES = ['pending', 'active', 'expired', 'revoked'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const ConsentSchema = z
  .object({
    id: z.string(),
    personId: z.string(),
    groupId: z.string().nullable(),
    kind: ConsentKindSchema,
    channels: z.array(z.string()),
    validFrom: z.string(),
    validUntil: z.string().nullable(),
    assetIds: z.array(z.string()).nullable(),
    signedBy: z.object({ subject: z.boolean(), guardians: z.number().int() }),
    comment: z.string().nullable(),
    copyrightNotice: z.string().nullable(),
    formAuthor: z.object({ id: z.string(), name: z.string() }).nullable(),
    status: z.enum(CONSENT_STATUSES).openapi({
      description:
        'Now, in the policy’s time zone: pending (starts later), active, expired, revoked (as a whole)',
    }),
    revocations: z.array(RevocationSchema),
    documents: z.array(DocumentSchema),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Consent');

export const ConsentListQuery = z.object({
  personId: IdSchema.optional(),
  assetId: IdSchema.optional().openapi({ description: 'Consents that apply to this asset' }),
  status: z.enum(CONSENT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/, 'a cursor from a previous page')
    .optional(),
});

export const ConsentListSchema = z
  .object({ consents: z.array(ConsentSchema), nextCursor: z.string().nullable() })
  .openapi('ConsentList');

export type ConsentOptions = Omit<z.infer<typeof CreateConsentSchema>, 'personId'>;
export type NewConsent = z.infer<typeof CreateConsentSchema>;
export type ConsentPatch = z.infer<typeof PatchConsentSchema>;
export type NewRevocation = z.infer<typeof CreateRevocationSchema>;
export type ConsentDto = z.infer<typeof ConsentSchema>;
export type RevocationDto = z.infer<typeof RevocationSchema>;
export type DocumentDto = z.infer<typeof DocumentSchema>;
