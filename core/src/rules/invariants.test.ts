// Properties every verdict keeps, checked with fast-check over generated requests (spec §3–§6).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, LEGAL_BASES } from '../index.js';
import type {
  ConsentInput,
  ConsentKind,
  EvaluateInput,
  LegalBasis,
  PersonInput,
  PersonTag,
  Policy,
  Revocation,
  Verdict,
} from '../index.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const SPAN_DAYS = 4 * 366;
const ZONES = ['Europe/Stockholm', 'Europe/Berlin', 'Europe/Oslo', 'America/New_York', 'UTC'];
const UNIVERSE = ['web', 'intranet', 'social', 'print', 'newsletter'];
const PERSON_IDS = ['p1', 'p2', 'p3'];
const KINDS: ConsentKind[] = ['written', 'digital', 'oral'];
const RUNS = { numRuns: 300 };

const dayText = (n: number) => new Date(T0 + n * DAY).toISOString().slice(0, 10);
const iso = (t: number) => new Date(t).toISOString();
const ms = (instant: string) => Date.parse(instant);

const dateArb = (from: number, to: number) => fc.integer({ min: from, max: to }).map(dayText);

/** `arb` one time in `every`, null otherwise. */
const oneIn = <T>(every: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ arbitrary: fc.constant(null), weight: every - 1 }, { arbitrary: arb, weight: 1 });

const OFFSETS = [
  -1,
  0,
  1,
  -3_600_000,
  4 * 3_600_000,
  5 * 3_600_000,
  22 * 3_600_000,
  23 * 3_600_000,
];

/** Instants within `spread` days of `day`: anywhere, and often just around UTC and local midnights. */
const instantNear = (day: number, spread: number) =>
  fc
    .oneof(
      fc.integer({ min: T0 + (day - spread) * DAY, max: T0 + (day + spread) * DAY }),
      fc
        .tuple(fc.integer({ min: day - spread, max: day + spread }), fc.constantFrom(...OFFSETS))
        .map(([d, offset]) => T0 + d * DAY + offset),
    )
    .map(iso);

const revocationNear = (day: number): fc.Arbitrary<Revocation> =>
  fc.record({
    at: instantNear(day, 120),
    channels: fc.option(fc.subarray(UNIVERSE, { minLength: 1 }), { nil: null }),
  });

const ALL_CONSENT_CHANNELS = [...UNIVERSE, 'billboard'];

/** A consent around `day` (the day of now), mostly of an adult, written, for many channels. */
const consentNear = (day: number) =>
  fc.record({
    personId: fc.constantFrom(...PERSON_IDS),
    kind: fc.constantFrom<ConsentKind | null>('written', 'written', 'digital', 'oral', null),
    channels: fc.oneof(
      fc.constant(ALL_CONSENT_CHANNELS),
      fc.subarray(ALL_CONSENT_CHANNELS, { minLength: 1 }),
    ),
    start: fc.integer({ min: day - 400, max: day + 40 }),
    length: fc.option(fc.integer({ min: 0, max: 900 }), { nil: null, freq: 4 }),
    assetIds: fc.constantFrom<string[] | null>(
      null,
      null,
      null,
      null,
      ['a1'],
      ['a2'],
      ['a2', 'a1'],
    ),
    signedBy: oneIn(
      3,
      fc.record({ subject: fc.boolean(), guardians: fc.integer({ min: 0, max: 2 }) }),
    ),
    revocations: fc.oneof(
      { arbitrary: fc.constant([]), weight: 2 },
      { arbitrary: fc.array(revocationNear(day), { minLength: 1, maxLength: 2 }), weight: 1 },
    ),
  });

const personNear = (id: string, day: number): fc.Arbitrary<PersonInput> =>
  fc.record({
    id: fc.constant(id),
    birthDate: oneIn(3, dateArb(day - 20 * 365, day - 2 * 365)),
    deceasedOn: oneIn(5, dateArb(day - 12 * 365, day + 200)),
    guardians: fc.option(fc.constantFrom(1, 2), { nil: null, freq: 3 }),
    protectedIdentity: fc.constantFrom<boolean | null>(
      false,
      false,
      false,
      false,
      false,
      false,
      null,
      true,
    ),
    objectedAt: oneIn(5, instantNear(day, 120)),
  });

const tagArb: fc.Arbitrary<PersonTag> = fc.record({
  personId: fc.constantFrom(...PERSON_IDS),
  relevant: fc.constantFrom<boolean | null>(true, true, true, false, null),
});

const policyArb: fc.Arbitrary<Policy> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  channels: fc.oneof(fc.constant(UNIVERSE), fc.subarray(UNIVERSE, { minLength: 1 })),
  warnDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  legalBases: oneIn(8, fc.subarray([...LEGAL_BASES], { minLength: 1 })),
  consentKinds: oneIn(4, fc.subarray(KINDS, { minLength: 1 })),
  ownConsentAge: fc.option(fc.integer({ min: 13, max: 18 }), { nil: null }),
  guardianConsentUntilAge: fc.option(fc.integer({ min: 13, max: 18 }), { nil: null }),
  guardiansRequired: fc.option(fc.constantFrom(1, 2), { nil: null }),
  postMortemYears: fc.option(fc.constantFrom(0, 1, 10, 15), { nil: null }),
  postMortemFromYearEnd: fc.option(fc.boolean(), { nil: null }),
});

const basisArb: fc.Arbitrary<LegalBasis> = fc.oneof(
  { arbitrary: fc.constant<LegalBasis>('consent'), weight: 5 },
  { arbitrary: fc.constantFrom(...LEGAL_BASES), weight: 3 },
);

/** Several persons, consents with random windows, channels, signatures and revocations, mixed bases. */
const inputArb: fc.Arbitrary<EvaluateInput> = fc
  .integer({ min: 0, max: SPAN_DAYS })
  .chain((day) =>
    fc.record({
      policy: policyArb,
      basis: basisArb,
      tags: fc.oneof(
        {
          arbitrary: fc.uniqueArray(tagArb, {
            selector: (tag) => tag.personId,
            minLength: 1,
            maxLength: 3,
          }),
          weight: 6,
        },
        { arbitrary: fc.constant([]), weight: 1 },
      ),
      license: fc.option(
        fc.record({
          validUntil: fc.option(dateArb(day - 60, day + 400), { nil: null }),
          channels: fc.option(fc.subarray(ALL_CONSENT_CHANNELS), { nil: null }),
        }),
        { nil: null },
      ),
      persons: fc
        .tuple(...PERSON_IDS.map((id) => personNear(id, day)))
        .chain((all) => fc.subarray(all)),
      consents: fc.array(consentNear(day), { maxLength: 9 }),
      channelIndex: fc.nat(),
      now: instantNear(day, 0),
    }),
  )
  .map(({ policy, basis, tags, license, persons, consents, channelIndex, now }) => ({
    policy,
    asset: { id: 'a1', legalBasis: basis, persons: tags, license },
    persons,
    consents: consents.map((c, i): ConsentInput => ({
      id: `c${i + 1}`,
      personId: c.personId,
      kind: c.kind,
      channels: c.channels,
      validFrom: dayText(c.start),
      validUntil: c.length === null ? null : dayText(c.start + c.length),
      assetIds: c.assetIds,
      signedBy: c.signedBy,
      revocations: c.revocations,
    })),
    channel: policy.channels[channelIndex % policy.channels.length] ?? 'web',
    now,
  }));

const atTime = (input: EvaluateInput, t: number): Verdict => evaluate({ ...input, now: iso(t) });
const blocked = (verdict: Verdict) => verdict.status === 'blocked';
const isSubset = (small: readonly string[], big: readonly string[]) =>
  small.every((c) => big.includes(c));

/** Bases whose verdict is decided by the effective channels alone. */
function decidedByChannels(input: EvaluateInput): boolean {
  const basis = input.asset.legalBasis;
  if (basis == null || basis === 'unassessed') return false;
  if (input.policy.legalBases != null && !input.policy.legalBases.includes(basis)) return false;
  return !(basis === 'consent' && (input.asset.persons ?? []).length === 0);
}

describe('verdict invariants', () => {
  it('never lists a channel outside policy.channels', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const verdict = evaluate(input);
        expect(isSubset(verdict.channels, input.policy.channels)).toBe(true);
        expect(new Set(verdict.channels).size).toBe(verdict.channels.length);
      }),
      RUNS,
    );
  });

  it('approves the asked channel exactly when it is among the effective channels', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        fc.pre(decidedByChannels(input));
        const verdict = evaluate(input);
        expect(!blocked(verdict)).toBe(verdict.channels.includes(input.channel));
      }),
      RUNS,
    );
  });

  it('explains every block with a reason, and an approval with none', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const verdict = evaluate(input);
        if (blocked(verdict)) {
          expect(verdict.reasons.length).toBeGreaterThan(0);
          expect(verdict.approvedUntil).toBeNull();
        } else {
          expect(verdict.reasons).toEqual([]);
        }
        if (verdict.status === 'expiring') expect(verdict.approvedUntil).not.toBeNull();
      }),
      RUNS,
    );
  });

  it('approves a consent-based asset only with complete or not-required coverage', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const verdict = evaluate(input);
        const basis = input.asset.legalBasis;
        if ((basis === 'consent' || basis === 'deceased_only') && !blocked(verdict)) {
          expect(['complete', 'not_required']).toContain(verdict.coverage);
        }
        if (basis !== 'consent' && basis !== 'deceased_only') {
          expect(verdict.coverage).toBe('not_required');
        }
      }),
      RUNS,
    );
  });
});

describe('monotonicity', () => {
  it('never adds channels when one more required person is tagged', () => {
    const arb = fc.tuple(inputArb, fc.constantFrom(...PERSON_IDS));
    fc.assert(
      fc.property(arb, ([input, personId]) => {
        const tags = input.asset.persons ?? [];
        fc.pre(tags.length > 0);
        fc.pre(!tags.some((tag) => tag.personId === personId && tag.relevant !== false));
        const more: EvaluateInput = {
          ...input,
          asset: {
            ...input.asset,
            persons: [
              ...tags.filter((tag) => tag.personId !== personId),
              { personId, relevant: true },
            ],
          },
        };
        const before = evaluate(input);
        const after = evaluate(more);
        expect(isSubset(after.channels, before.channels)).toBe(true);
        if (blocked(before)) expect(after.status).toBe('blocked');
      }),
      RUNS,
    );
  });

  it('never adds channels when a revocation is added', () => {
    const arb = inputArb.chain((input) =>
      fc.tuple(
        fc.constant(input),
        fc.nat(),
        revocationNear(Math.floor((ms(input.now) - T0) / DAY)),
      ),
    );
    fc.assert(
      fc.property(arb, ([input, index, revocation]) => {
        const consents = input.consents ?? [];
        fc.pre(consents.length > 0);
        const target = index % consents.length;
        const revoked: EvaluateInput = {
          ...input,
          consents: consents.map((c, i) =>
            i === target ? { ...c, revocations: [...(c.revocations ?? []), revocation] } : c,
          ),
        };
        const before = evaluate(input);
        const after = evaluate(revoked);
        expect(isSubset(after.channels, before.channels)).toBe(true);
        if (blocked(before)) expect(after.status).toBe('blocked');
      }),
      RUNS,
    );
  });
});

describe('time', () => {
  it('approves until approvedUntil and not at approvedUntil', () => {
    fc.assert(
      fc.property(inputArb, fc.double({ min: 0, max: 1, noNaN: true }), (input, fraction) => {
        const verdict = evaluate(input);
        fc.pre(!blocked(verdict));
        const now = ms(input.now);
        if (verdict.approvedUntil === null) {
          // Never ends: still approved any time later.
          expect(blocked(atTime(input, now + Math.floor(fraction * 20 * 365 * DAY)))).toBe(false);
          return;
        }
        const end = ms(verdict.approvedUntil);
        expect(end).toBeGreaterThan(now);
        expect(blocked(atTime(input, end))).toBe(true);
        expect(blocked(atTime(input, end - 1))).toBe(false);
        expect(blocked(atTime(input, now + Math.floor(fraction * (end - now - 1))))).toBe(false);
      }),
      RUNS,
    );
  });

  it('keeps the status until nextCheckAt and changes it there', () => {
    fc.assert(
      fc.property(inputArb, fc.double({ min: 0, max: 1, noNaN: true }), (input, fraction) => {
        const verdict = evaluate(input);
        const now = ms(input.now);
        if (verdict.nextCheckAt === null) {
          const later = atTime(input, now + 1 + Math.floor(fraction * 20 * 365 * DAY));
          expect(later.status).toBe(verdict.status);
          return;
        }
        const next = ms(verdict.nextCheckAt);
        expect(next).toBeGreaterThan(now);
        expect(atTime(input, next - 1).status).toBe(verdict.status);
        expect(atTime(input, now + Math.floor(fraction * (next - now - 1))).status).toBe(
          verdict.status,
        );
        expect(atTime(input, next).status).not.toBe(verdict.status);
      }),
      RUNS,
    );
  });
});

describe('purity', () => {
  const summary = (v: Verdict) => ({
    ...v,
    channels: [...v.channels].sort(),
    reasons: v.reasons.map((r) => `${r.code}:${r.personId ?? ''}`).sort(),
    warnings: v.warnings.map((w) => w.code).sort(),
  });

  it('gives the same verdict for the same input, and leaves the input untouched', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const copy = structuredClone(input);
        const first = evaluate(deepFreeze(input));
        expect(evaluate(copy)).toEqual(first);
        expect(input).toEqual(copy);
      }),
      RUNS,
    );
  });

  it('does not depend on the order of persons, tags, consents or revocations', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const reversed: EvaluateInput = {
          ...input,
          asset: { ...input.asset, persons: [...(input.asset.persons ?? [])].reverse() },
          persons: [...(input.persons ?? [])].reverse(),
          consents: [...(input.consents ?? [])]
            .reverse()
            .map((c) => ({ ...c, revocations: [...(c.revocations ?? [])].reverse() })),
        };
        expect(summary(evaluate(reversed))).toEqual(summary(evaluate(input)));
      }),
      RUNS,
    );
  });
});

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
