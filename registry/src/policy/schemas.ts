// The policy as the API shows and accepts it (zod: validation and OpenAPI in one).
import { z } from '@hono/zod-openapi';
import { CONSENT_KINDS, LEGAL_BASES } from '@clearframe/core';
import type { ConsentKind, LegalBasis } from '@clearframe/core';

const LegalBasisSchema = z.enum(LEGAL_BASES as [LegalBasis, ...LegalBasis[]]);
const ConsentKindSchema = z.enum(CONSENT_KINDS as [ConsentKind, ...ConsentKind[]]);
const BehaviourSchema = z.enum(['hide', 'warn', 'block']);
const PresetSchema = z.enum(['SE', 'DE', 'NO']);

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const ChannelSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,31}$/, 'lowercase letters, digits, - and _, at most 32'),
    labels: z
      .record(
        z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag'),
        z.string().trim().min(1).max(100),
      )
      .openapi({ example: { en: 'Web', sv: 'Webb' } }),
  })
  .openapi('PolicyChannel');

const ChannelsSchema = z
  .array(ChannelSchema)
  .min(1)
  .max(50)
  .superRefine((channels, ctx) => {
    const seen = new Set<string>();
    channels.forEach((channel, index) => {
      if (seen.has(channel.id))
        ctx.addIssue({ code: 'custom', path: [index, 'id'], message: 'duplicate channel id' });
      seen.add(channel.id);
    });
  });

const uniqueList = <T extends z.ZodType<string>>(item: T) =>
  z
    .array(item)
    .min(1)
    .refine((list) => new Set(list).size === list.length, 'duplicate entries');

const age = z.number().int().min(0).max(25);

const SurfacesSchema = z
  .strictObject({ office: BehaviourSchema, wordpress: BehaviourSchema, embed: BehaviourSchema })
  .openapi({ description: 'What each surface does with an asset that is not approved' });

/** The fields of a policy; the preset fills whatever a PUT leaves out. */
const policyFields = {
  preset: PresetSchema,
  timeZone: z.string().refine(isTimeZone, 'not an IANA time zone'),
  channels: ChannelsSchema,
  warnDays: z.number().int().min(0).max(366),
  legalBases: uniqueList(LegalBasisSchema).nullable().openapi({ description: 'null: every basis' }),
  consentKinds: uniqueList(ConsentKindSchema)
    .nullable()
    .openapi({ description: 'null: every kind' }),
  ownConsentAge: age,
  guardianConsentUntilAge: age,
  guardiansRequired: z.number().int().min(0).max(4),
  postMortemYears: z.number().int().min(0).max(100),
  postMortemFromYearEnd: z.boolean(),
  surfaces: SurfacesSchema,
};

export const PolicySchema = z
  .object({ ...policyFields, version: z.number().int(), updatedAt: z.string() })
  .openapi('Policy');

export const PutPolicySchema = z
  .strictObject({
    ...policyFields,
    timeZone: policyFields.timeZone.optional(),
    channels: policyFields.channels.optional(),
    warnDays: policyFields.warnDays.optional(),
    legalBases: policyFields.legalBases.optional(),
    consentKinds: policyFields.consentKinds.optional(),
    ownConsentAge: policyFields.ownConsentAge.optional(),
    guardianConsentUntilAge: policyFields.guardianConsentUntilAge.optional(),
    guardiansRequired: policyFields.guardiansRequired.optional(),
    postMortemYears: policyFields.postMortemYears.optional(),
    postMortemFromYearEnd: policyFields.postMortemFromYearEnd.optional(),
    surfaces: SurfacesSchema.partial().optional(),
  })
  .openapi('PutPolicy', {
    description: 'The whole policy; fields left out take the preset’s value',
  });

export type PolicyDto = z.infer<typeof PolicySchema>;
export type PutPolicy = z.infer<typeof PutPolicySchema>;
