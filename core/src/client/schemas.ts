// Validators for the editor's registry responses, so a malformed body fails at the boundary,
// typed. Public verdicts are checked by hand (public-verdicts.ts), to keep zod out of the embed.
import { z } from 'zod';
import type { Verdict } from '../rules/types.js';
import {
  CONSENT_KINDS,
  Coverage,
  LEGAL_BASES,
  REASON_CODES,
  Status,
  WarningCode,
} from '../rules/vocabulary.js';
import type {
  AssetRecord,
  Change,
  ConsentRecord,
  EditorVerdict,
  PersonRecord,
  PolicyRecord,
  SyncPage,
} from './types.js';

// Optional fields may be absent or null, never `undefined` (exactOptionalPropertyTypes).
const maybe = <T extends z.ZodType>(schema: T) => schema.nullable().exactOptional();

const instant = z.string().min(1);
const strings = z.array(z.string());
const localized = z.record(z.string(), z.string());

const policy = z.looseObject({
  timeZone: z.string().min(1),
  channels: strings,
  warnDays: maybe(z.number()),
  legalBases: maybe(z.array(z.enum(LEGAL_BASES))),
  consentKinds: maybe(z.array(z.enum(CONSENT_KINDS))),
  ownConsentAge: maybe(z.number()),
  guardianConsentUntilAge: maybe(z.number()),
  guardiansRequired: maybe(z.number()),
  postMortemYears: maybe(z.number()),
  postMortemFromYearEnd: maybe(z.boolean()),
  channelLabels: maybe(z.record(z.string(), localized)),
  surfaces: maybe(z.record(z.string(), z.string())),
}) satisfies z.ZodType<PolicyRecord>;

const asset = z.looseObject({
  id: z.string().min(1),
  legalBasis: maybe(z.enum(LEGAL_BASES)),
  persons: maybe(
    z.array(z.looseObject({ personId: z.string().min(1), relevant: maybe(z.boolean()) })),
  ),
  license: maybe(z.looseObject({ validUntil: maybe(z.string()), channels: maybe(strings) })),
  title: maybe(z.string()),
  alt: maybe(localized),
  credit: maybe(z.string()),
  tags: maybe(strings),
  width: maybe(z.number()),
  height: maybe(z.number()),
  thumbUrl: maybe(z.string()),
}) satisfies z.ZodType<AssetRecord>;

const person = z.looseObject({
  id: z.string().min(1),
  birthDate: maybe(z.string()),
  deceasedOn: maybe(z.string()),
  guardians: maybe(z.number()),
  protectedIdentity: maybe(z.boolean()),
  objectedAt: maybe(instant),
}) satisfies z.ZodType<PersonRecord>;

const consent = z.looseObject({
  id: z.string().min(1),
  personId: z.string().min(1),
  kind: maybe(z.enum(CONSENT_KINDS)),
  channels: strings,
  validFrom: z.string(),
  validUntil: maybe(z.string()),
  assetIds: maybe(strings),
  signedBy: maybe(z.looseObject({ subject: maybe(z.boolean()), guardians: maybe(z.number()) })),
  revocations: maybe(z.array(z.looseObject({ at: instant, channels: maybe(strings) }))),
}) satisfies z.ZodType<ConsentRecord>;

const id = z.string().min(1);
const change = z.union([
  z.object({ type: z.literal('policy'), id, deleted: z.literal(false), data: policy }),
  z.object({ type: z.literal('asset'), id, deleted: z.literal(false), data: asset }),
  z.object({ type: z.literal('person'), id, deleted: z.literal(false), data: person }),
  z.object({ type: z.literal('consent'), id, deleted: z.literal(false), data: consent }),
  z.object({
    type: z.enum(['policy', 'asset', 'person', 'consent']),
    id,
    deleted: z.literal(true),
  }),
]) satisfies z.ZodType<Change>;

export const syncPageSchema = z.object({
  changes: z.array(change),
  cursor: z.string(),
  hasMore: z.boolean(),
}) satisfies z.ZodType<SyncPage>;

const status = z.enum(Object.values(Status));
const verdict = z.object({
  status,
  channels: strings,
  approvedUntil: instant.nullable(),
  nextCheckAt: instant.nullable(),
  coverage: z.enum(Object.values(Coverage)),
  reasons: z.array(z.object({ code: z.enum(REASON_CODES), personId: z.string().exactOptional() })),
  warnings: z.array(z.object({ code: z.enum(Object.values(WarningCode)) })),
}) satisfies z.ZodType<Verdict>;

export const editorVerdictSchema = z.object({
  assetId: z.string(),
  channel: z.string(),
  verdict,
  persons: z.array(z.object({ id: z.string(), name: z.string() })),
  usages: z.array(z.object({ url: z.string(), source: z.string() })),
}) satisfies z.ZodType<EditorVerdict>;
