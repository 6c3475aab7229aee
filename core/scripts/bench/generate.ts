// Deterministic evaluate inputs for the benchmark: a Swedish school's photo archive, seeded.
import { DEFAULT_CHANNELS, presetPolicy } from '../../src/index.js';
import type {
  AssetInput,
  ConsentInput,
  EvaluateInput,
  LegalBasis,
  PersonInput,
  PersonTag,
  Policy,
  SignedBy,
} from '../../src/index.js';

/** mulberry32: a small, fast PRNG that is the same on every machine for a given seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers bound to one random stream. */
function picker(random: () => number) {
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const chance = (p: number): boolean => random() < p;
  const some = <T>(items: readonly T[], min: number): T[] => {
    const chosen = items.filter(() => chance(0.5));
    return chosen.length >= min ? chosen : items.slice(0, min);
  };
  /** Picks by weight from [value, weight] pairs. */
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let rest = random() * pairs.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of pairs) if ((rest -= w) < 0) return value;
    return (pairs[pairs.length - 1] as readonly [T, number])[0];
  };
  return { int, chance, some, weighted };
}
type Pick = ReturnType<typeof picker>;

const DAY_MS = 86_400_000;
/** The benchmark's "today": fixed so that every run evaluates the same thing. */
const BASE_NOW = Date.UTC(2026, 10, 23, 9, 0, 0);

const BASES: readonly (readonly [LegalBasis, number])[] = [
  ['consent', 80],
  ['legitimate_interest', 6],
  ['external_agreement', 6],
  ['no_identifiable_persons', 5],
  ['deceased_only', 3],
];
const ASKED: readonly (readonly [string, number])[] = [
  ['web', 60],
  ['intranet', 15],
  ['social', 15],
  ['print', 10],
];

/** How often a consent form has each channel ticked: the web and intranet nearly always. */
const TICKED: readonly (readonly [string, number])[] = [
  ['web', 0.9],
  ['intranet', 0.92],
  ['social', 0.45],
  ['print', 0.75],
  ['presentation', 0.75],
  ['press', 0.3],
];

const date = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const instant = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** `count` inputs, the same for the same seed; policy: the Swedish preset. */
export function generateInputs(count: number, seed = 20_261_123): EvaluateInput[] {
  const pick = picker(seededRandom(seed));
  const policy: Policy = presetPolicy('SE');
  const inputs: EvaluateInput[] = [];
  for (let i = 0; i < count; i += 1) inputs.push(generateInput(pick, policy, `a${i}`));
  return inputs;
}

function generateInput(pick: Pick, policy: Policy, assetId: string): EvaluateInput {
  const now = BASE_NOW + pick.int(0, 14 * 24) * 3_600_000;
  const legalBasis = pick.weighted(BASES);
  const asset: AssetInput = { id: assetId, legalBasis, persons: [] };
  const persons: PersonInput[] = [];
  const consents: ConsentInput[] = [];
  if (legalBasis === 'external_agreement') {
    asset.license = {
      validUntil: date(now + pick.int(-120, 900) * DAY_MS),
      ...(pick.chance(0.5) ? { channels: pick.some(DEFAULT_CHANNELS, 1) } : {}),
    };
  } else if (legalBasis !== 'no_identifiable_persons') {
    const tags: PersonTag[] = [];
    for (let p = 0, n = pick.int(2, 4); p < n; p += 1) {
      const person = generatePerson(pick, `${assetId}p${p}`, now, legalBasis === 'deceased_only');
      persons.push(person);
      tags.push(
        pick.chance(0.1) ? { personId: person.id, relevant: false } : { personId: person.id },
      );
      for (let c = 0, m = pick.int(1, 3); c < m; c += 1) {
        consents.push(generateConsent(pick, person, `${person.id}c${c}`, assetId, now));
      }
    }
    asset.persons = tags;
  }
  return { policy, asset, persons, consents, channel: pick.weighted(ASKED), now: instant(now) };
}

function generatePerson(pick: Pick, id: string, now: number, deceased: boolean): PersonInput {
  // Mostly pupils of 6 to 19, some staff; a pupil with sole custody now and then.
  const pupil = pick.chance(0.8);
  const age = pupil ? pick.int(6, 19) : pick.int(24, 64);
  const person: PersonInput = {
    id,
    birthDate: date(now - (age * 365.25 + pick.int(0, 364)) * DAY_MS),
  };
  if (pupil && age < 16 && pick.chance(0.15)) person.guardians = 1;
  if (pick.chance(0.005)) person.protectedIdentity = true;
  if (deceased) person.deceasedOn = date(now - pick.int(30, 20_000) * DAY_MS);
  if (pick.chance(0.01)) person.objectedAt = instant(now - pick.int(1, 400) * DAY_MS);
  return person;
}

function generateConsent(
  pick: Pick,
  person: PersonInput,
  id: string,
  assetId: string,
  now: number,
): ConsentInput {
  // A person's first consent is mostly this school year's; further ones are older or ahead.
  const current = id.endsWith('c0') && pick.chance(0.85);
  const from = now + (current ? pick.int(-450, -1) : pick.int(-1100, 40)) * DAY_MS;
  // Consents signed for the school year end on 30 June; some are open-ended.
  const fromYear = new Date(from).getUTCFullYear();
  const untilYear = current ? new Date(now).getUTCFullYear() + 1 : fromYear + pick.int(0, 3);
  const validUntil = pick.chance(0.3) ? null : `${untilYear}-06-30`;
  const consent: ConsentInput = {
    id,
    personId: person.id,
    kind: pick.weighted([
      ['written', 70],
      ['digital', 27],
      ['oral', 3],
    ] as const),
    channels: ticked(pick),
    validFrom: validUntil !== null && date(from) > validUntil ? validUntil : date(from),
    validUntil,
    signedBy: signatures(pick, person, from),
  };
  if (pick.chance(0.1)) consent.assetIds = pick.chance(0.7) ? [assetId] : ['elsewhere'];
  if (pick.chance(0.08)) {
    const at = now + pick.int(-300, 60) * DAY_MS;
    consent.revocations = [{ at: instant(at), channels: pick.chance(0.5) ? null : ['social'] }];
  }
  return consent;
}

function ticked(pick: Pick): string[] {
  const channels = TICKED.filter(([, p]) => pick.chance(p)).map(([channel]) => channel);
  return channels.length > 0 ? channels : ['intranet'];
}

/** Who signed: guardians for younger pupils (sometimes one too few), the pupil from 15. */
function signatures(pick: Pick, person: PersonInput, from: number): SignedBy {
  const born = Date.parse(person.birthDate ?? '1970-01-01');
  const age = (from - born) / (365.25 * DAY_MS);
  if (age >= 15) return { subject: true, guardians: age < 18 && pick.chance(0.3) ? 1 : 0 };
  const needed = person.guardians ?? 2;
  return { subject: pick.chance(0.5), guardians: pick.chance(0.9) ? needed : needed - 1 };
}
