// Validates an EvaluateInput and turns it into numbers and sets, or throws InvalidInputError.
// Hand-written rather than a schema library: it runs once per asset on every verdict and sync,
// must name the exact field, and must stay cheaper than parsing the JSON it came from.
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { parseDate, parseInstant, Zone } from './calendar.js';
import { POLICY_DEFAULTS } from './presets.js';
import type { EvaluateInput } from './types.js';
import { CONSENT_KINDS, LEGAL_BASES, LegalBasis } from './vocabulary.js';
import type { ConsentKind } from './vocabulary.js';

export interface NormalPolicy {
  zone: Zone;
  channels: readonly string[];
  warnDays: number;
  legalBases: ReadonlySet<string>;
  consentKinds: ReadonlySet<string>;
  ownConsentAge: number;
  guardianConsentUntilAge: number;
  guardiansRequired: number;
  postMortemYears: number;
  postMortemFromYearEnd: boolean;
}

export interface NormalPerson {
  id: string;
  birthDay: number | undefined;
  deceasedDay: number | undefined;
  guardians: number | undefined;
  protectedIdentity: boolean;
  objectedAt: number | undefined;
}

export interface NormalRevocation {
  at: number;
  /** null: every channel. */
  channels: ReadonlySet<string> | null;
}

export interface NormalConsent {
  id: string;
  personId: string;
  kind: ConsentKind;
  /** Only the channels the policy lists. */
  channels: ReadonlySet<string>;
  fromDay: number;
  untilDay: number | undefined;
  assetIds: ReadonlySet<string> | null;
  signedBySubject: boolean;
  signedByGuardians: number;
  revocations: readonly NormalRevocation[];
}

export interface NormalAsset {
  id: string;
  basis: LegalBasis;
  /** Tagged persons, each once; relevant if any tag is. */
  tags: ReadonlyMap<string, boolean>;
  license: { untilDay: number | undefined; channels: ReadonlySet<string> | null } | undefined;
}

export interface NormalInput {
  policy: NormalPolicy;
  asset: NormalAsset;
  persons: ReadonlyMap<string, NormalPerson>;
  consents: readonly NormalConsent[];
  channel: string;
  now: number;
}

const KNOWN_BASES: ReadonlySet<string> = new Set(LEGAL_BASES);
const KNOWN_KINDS: ReadonlySet<string> = new Set(CONSENT_KINDS);

function fail(field: string, problem: string): never {
  throw new InvalidInputError(field, problem);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function object(value: unknown, field: string): Record<string, unknown> {
  if (!isObject(value)) fail(field, 'must be an object');
  return value;
}

function id(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') fail(field, 'is required (a non-empty string)');
  return value;
}

/** null and undefined are "missing" everywhere (spec §1). */
function array(value: unknown, field: string): readonly unknown[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) fail(field, 'must be an array');
  return value;
}

function strings(value: unknown, field: string): string[] | undefined {
  const items = array(value, field);
  if (items === undefined) return undefined;
  for (let i = 0; i < items.length; i++) {
    if (typeof items[i] !== 'string' || items[i] === '')
      fail(`${field}[${i}]`, 'must be a non-empty string');
  }
  return items as string[];
}

function count(value: unknown, field: string, fallback: number): number {
  if (value == null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(field, 'must be a whole number, 0 or more');
  }
  return value;
}

function flag(value: unknown, field: string, fallback: boolean): boolean {
  if (value == null) return fallback;
  if (typeof value !== 'boolean') fail(field, 'must be true or false');
  return value;
}

function date(value: unknown, field: string): number | undefined {
  if (value == null) return undefined;
  const day = typeof value === 'string' ? parseDate(value) : undefined;
  if (day === undefined)
    fail(field, `must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return day;
}

function instant(value: unknown, field: string): number | undefined {
  if (value == null) return undefined;
  const t = typeof value === 'string' ? parseInstant(value) : undefined;
  if (t === undefined)
    fail(field, `must be an RFC 3339 date-time with Z or an offset, got ${JSON.stringify(value)}`);
  return t;
}

function policyOf(value: unknown): NormalPolicy {
  const p = object(value, 'policy');
  if (typeof p.timeZone !== 'string' || p.timeZone === '')
    fail('policy.timeZone', 'is required (an IANA time zone)');
  const zone = Zone.of(p.timeZone);
  if (!zone)
    fail('policy.timeZone', `is not a known IANA time zone: ${JSON.stringify(p.timeZone)}`);
  const channels = strings(p.channels, 'policy.channels');
  if (!channels || channels.length === 0)
    fail('policy.channels', 'is required (a non-empty list of channels)');
  const legalBases = strings(p.legalBases, 'policy.legalBases') ?? POLICY_DEFAULTS.legalBases;
  legalBases.forEach((basis, i) => {
    if (!KNOWN_BASES.has(basis))
      fail(`policy.legalBases[${i}]`, `is not a known legal basis: ${basis}`);
  });
  const consentKinds =
    strings(p.consentKinds, 'policy.consentKinds') ?? POLICY_DEFAULTS.consentKinds;
  consentKinds.forEach((kind, i) => {
    if (!KNOWN_KINDS.has(kind))
      fail(`policy.consentKinds[${i}]`, `is not a known consent kind: ${kind}`);
  });
  return {
    zone,
    channels: [...new Set(channels)],
    warnDays: count(p.warnDays, 'policy.warnDays', POLICY_DEFAULTS.warnDays),
    legalBases: new Set(legalBases),
    consentKinds: new Set(consentKinds),
    ownConsentAge: count(p.ownConsentAge, 'policy.ownConsentAge', POLICY_DEFAULTS.ownConsentAge),
    guardianConsentUntilAge: count(
      p.guardianConsentUntilAge,
      'policy.guardianConsentUntilAge',
      POLICY_DEFAULTS.guardianConsentUntilAge,
    ),
    guardiansRequired: count(
      p.guardiansRequired,
      'policy.guardiansRequired',
      POLICY_DEFAULTS.guardiansRequired,
    ),
    postMortemYears: count(
      p.postMortemYears,
      'policy.postMortemYears',
      POLICY_DEFAULTS.postMortemYears,
    ),
    postMortemFromYearEnd: flag(
      p.postMortemFromYearEnd,
      'policy.postMortemFromYearEnd',
      POLICY_DEFAULTS.postMortemFromYearEnd,
    ),
  };
}

/** Channels outside the policy are ignored (spec §1); null means "not restricted". */
function policyChannels(list: readonly string[], policy: NormalPolicy): ReadonlySet<string> {
  const known = new Set<string>();
  for (const channel of list) if (policy.channels.includes(channel)) known.add(channel);
  return known;
}

function assetOf(value: unknown, policy: NormalPolicy): NormalAsset {
  const a = object(value, 'asset');
  const assetId = id(a.id, 'asset.id');
  const basis = a.legalBasis == null ? LegalBasis.unassessed : a.legalBasis;
  if (typeof basis !== 'string' || !KNOWN_BASES.has(basis)) {
    fail('asset.legalBasis', `is not a known legal basis: ${JSON.stringify(basis)}`);
  }
  const tags = new Map<string, boolean>();
  (array(a.persons, 'asset.persons') ?? []).forEach((tag, i) => {
    const t = object(tag, `asset.persons[${i}]`);
    const personId = id(t.personId, `asset.persons[${i}].personId`);
    const relevant = flag(t.relevant, `asset.persons[${i}].relevant`, true);
    tags.set(personId, relevant || tags.get(personId) === true);
  });
  let license: NormalAsset['license'];
  if (a.license != null) {
    const l = object(a.license, 'asset.license');
    const channels = strings(l.channels, 'asset.license.channels');
    license = {
      untilDay: date(l.validUntil, 'asset.license.validUntil'),
      channels: channels ? policyChannels(channels, policy) : null,
    };
  }
  return { id: assetId, basis: basis as LegalBasis, tags, license };
}

function personOf(value: unknown, i: number): NormalPerson {
  const field = `persons[${i}]`;
  const p = object(value, field);
  return {
    id: id(p.id, `${field}.id`),
    birthDay: date(p.birthDate, `${field}.birthDate`),
    deceasedDay: date(p.deceasedOn, `${field}.deceasedOn`),
    guardians: p.guardians == null ? undefined : count(p.guardians, `${field}.guardians`, 0),
    protectedIdentity: flag(p.protectedIdentity, `${field}.protectedIdentity`, false),
    objectedAt: instant(p.objectedAt, `${field}.objectedAt`),
  };
}

function consentOf(value: unknown, i: number, policy: NormalPolicy): NormalConsent {
  const field = `consents[${i}]`;
  const c = object(value, field);
  const consentId = id(c.id, `${field}.id`);
  const personId = id(c.personId, `${field}.personId`);
  const kind = c.kind == null ? 'written' : c.kind;
  if (typeof kind !== 'string' || !KNOWN_KINDS.has(kind)) {
    fail(`${field}.kind`, `is not a known consent kind: ${JSON.stringify(kind)}`);
  }
  const channels = strings(c.channels, `${field}.channels`);
  if (!channels) fail(`${field}.channels`, 'is required (a list of channels)');
  if (c.validFrom == null) fail(`${field}.validFrom`, 'is required (the first valid day)');
  const fromDay = date(c.validFrom, `${field}.validFrom`) as number;
  const untilDay = date(c.validUntil, `${field}.validUntil`);
  if (untilDay !== undefined && untilDay < fromDay)
    fail(`${field}.validUntil`, 'is before validFrom');
  const assetIds = strings(c.assetIds, `${field}.assetIds`);
  let signedBySubject = true;
  let signedByGuardians = 0;
  if (c.signedBy != null) {
    const s = object(c.signedBy, `${field}.signedBy`);
    signedBySubject = flag(s.subject, `${field}.signedBy.subject`, true);
    signedByGuardians = count(s.guardians, `${field}.signedBy.guardians`, 0);
  }
  const revocations: NormalRevocation[] = [];
  (array(c.revocations, `${field}.revocations`) ?? []).forEach((item, j) => {
    const r = object(item, `${field}.revocations[${j}]`);
    const at = instant(r.at, `${field}.revocations[${j}].at`);
    if (at === undefined)
      fail(`${field}.revocations[${j}].at`, 'is required (the instant of withdrawal)');
    const revoked = strings(r.channels, `${field}.revocations[${j}].channels`);
    // A revocation that names no channel withdraws the whole consent (fail closed on []).
    revocations.push({ at, channels: revoked && revoked.length > 0 ? new Set(revoked) : null });
  });
  return {
    id: consentId,
    personId,
    kind: kind as ConsentKind,
    channels: policyChannels(channels, policy),
    fromDay,
    untilDay,
    assetIds: assetIds ? new Set(assetIds) : null,
    signedBySubject,
    signedByGuardians,
    revocations,
  };
}

export function normalize(input: EvaluateInput): NormalInput {
  const root = object(input as unknown, 'input');
  const policy = policyOf(root.policy);
  const asset = assetOf(root.asset, policy);

  const persons = new Map<string, NormalPerson>();
  (array(root.persons, 'persons') ?? []).forEach((value, i) => {
    const person = personOf(value, i);
    // Two records for one person leave no way to know which is true: refuse, never guess.
    if (persons.has(person.id)) fail(`persons[${i}].id`, `repeats the id ${person.id}`);
    persons.set(person.id, person);
  });

  const seen = new Set<string>();
  const consents = (array(root.consents, 'consents') ?? []).map((value, i) => {
    const consent = consentOf(value, i, policy);
    if (seen.has(consent.id)) fail(`consents[${i}].id`, `repeats the id ${consent.id}`);
    seen.add(consent.id);
    return consent;
  });

  if (typeof root.channel !== 'string' || root.channel === '') fail('channel', 'is required');
  if (!policy.channels.includes(root.channel)) {
    fail('channel', `${JSON.stringify(root.channel)} is not one of policy.channels`);
  }
  const now = instant(root.now, 'now');
  if (now === undefined) fail('now', 'is required (an RFC 3339 date-time)');

  return { policy, asset, persons, consents, channel: root.channel, now };
}
