// Every policy field changes a verdict, null reads as the default, and the presets hold their laws.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHANNELS, LEGAL_BASES, PRESETS, presetPolicy } from '../index.js';
import type { Policy, SignedBy } from '../index.js';
import { build, codes, instant, ms, run, sorted } from './evaluate-fixtures.js';
import { evaluate } from '../index.js';

const NOW = '2026-11-23T12:00:00Z';

describe('policy.timeZone', () => {
  it.each([
    ['Europe/Stockholm', '2026-05-10T22:00:00.000Z'],
    ['UTC', '2026-05-11T00:00:00.000Z'],
    ['America/New_York', '2026-05-11T04:00:00.000Z'],
    ['Asia/Tokyo', '2026-05-10T15:00:00.000Z'],
    ['Pacific/Auckland', '2026-05-10T12:00:00.000Z'],
  ])('ends a consent at midnight after its last day in %s', (timeZone, end) => {
    const v = run({
      policy: { timeZone },
      consents: [{ validFrom: '2026-01-01', validUntil: '2026-05-10' }],
      now: '2026-05-01T00:00:00Z',
    });
    expect(instant(v.approvedUntil)).toBe(end);
  });

  it('starts a consent at local midnight of validFrom in the policy zone', () => {
    const input = build({
      policy: { timeZone: 'Asia/Tokyo' },
      consents: [{ validFrom: '2026-05-10' }],
      now: '2026-05-09T14:59:59.999Z',
    });
    const before = evaluate(input);
    expect(before.status).toBe('blocked');
    expect(instant(before.nextCheckAt)).toBe('2026-05-09T15:00:00.000Z');
    expect(evaluate({ ...input, now: '2026-05-09T15:00:00Z' }).status).toBe('approved');
  });

  it('reads "today" in the policy zone when deciding whether a consent is expiring', () => {
    // 23:30 UTC on 23 Nov is already 24 Nov in Stockholm: a last day of 24 Dec is 30 days away there, 31 in UTC.
    const scenario = {
      consents: [{ validFrom: '2026-01-01', validUntil: '2026-12-24' }],
      now: '2026-11-23T23:30:00Z',
    };
    expect(run({ ...scenario, policy: { timeZone: 'Europe/Stockholm' } }).status).toBe('expiring');
    expect(run({ ...scenario, policy: { timeZone: 'UTC' } }).status).toBe('approved');
  });
});

describe('policy.channels', () => {
  const policy = { channels: ['web', 'newsletter'] };

  it('ignores consent channels the policy does not list', () => {
    const v = run({
      policy,
      consents: [{ channels: ['newsletter', 'print', 'billboard', 'web'] }],
      now: NOW,
      channel: 'newsletter',
    });
    expect(v.status).toBe('approved');
    expect(sorted(v.channels)).toEqual(['newsletter', 'web']);
  });

  it('ignores licence channels the policy does not list', () => {
    const v = run({
      policy,
      basis: 'external_agreement',
      tags: [],
      license: { channels: ['web', 'print'] },
      now: NOW,
    });
    expect(v.channels).toEqual(['web']);
  });

  it('gives exactly the policy channels to a basis that approves everything', () => {
    const v = run({ policy, basis: 'contract', now: NOW });
    expect(sorted(v.channels)).toEqual(['newsletter', 'web']);
  });

  it('refuses to answer for a channel outside the policy, even one a consent lists', () => {
    const input = build({
      policy,
      consents: [{ channels: ['web', 'print'] }],
      now: NOW,
      channel: 'print',
    });
    expect(() => evaluate(input)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
  });
});

describe('policy.warnDays', () => {
  const lastDay = (validUntil: string, warnDays?: number | null) =>
    run({
      policy: warnDays === undefined ? {} : { warnDays },
      consents: [{ validFrom: '2026-01-01', validUntil }],
      now: NOW,
    });

  it('counts 30 days by default: a last day of 23 Dec is expiring on 23 Nov, 24 Dec is not', () => {
    expect(lastDay('2026-12-23').status).toBe('expiring');
    expect(lastDay('2026-12-24').status).toBe('approved');
    expect(lastDay('2026-12-23', null).status).toBe('expiring');
    expect(lastDay('2026-12-24', null).status).toBe('approved');
  });

  it('widens the window to the days it names', () => {
    expect(lastDay('2027-01-22', 60).status).toBe('expiring');
    expect(lastDay('2027-01-23', 60).status).toBe('approved');
    expect(lastDay('2026-12-23', 10).status).toBe('approved');
  });

  it('with 0, marks only the last day itself as expiring', () => {
    const tomorrow = lastDay('2026-11-24', 0);
    expect(tomorrow.status).toBe('approved');
    expect(instant(tomorrow.nextCheckAt)).toBe('2026-11-23T23:00:00.000Z');
    expect(lastDay('2026-11-23', 0).status).toBe('expiring');
  });
});

describe('policy.legalBases', () => {
  it('permits every basis by default and when null', () => {
    for (const legalBases of [undefined, null]) {
      const policy = legalBases === undefined ? {} : { legalBases };
      expect(run({ policy, basis: 'legitimate_interest', now: NOW }).status).toBe('approved');
    }
  });

  it('blocks a basis the organisation may not use and permits the ones it lists', () => {
    const policy = { legalBases: LEGAL_BASES.filter((b) => b !== 'legitimate_interest') };
    const refused = run({ policy, basis: 'legitimate_interest', now: NOW });
    expect(refused.status).toBe('blocked');
    expect(codes(refused)).toContain('legal_basis_not_permitted');
    expect(run({ policy, basis: 'public_task', now: NOW }).status).toBe('approved');
  });
});

describe('policy.consentKinds', () => {
  it('accepts every kind by default and when null', () => {
    for (const policy of [{}, { consentKinds: null }]) {
      expect(run({ policy, consents: [{ kind: 'oral' }], now: NOW }).status).toBe('approved');
    }
  });

  it('refuses kinds it does not list with consent_kind_not_accepted', () => {
    const policy: Partial<Policy> = { consentKinds: ['written', 'digital'] };
    const oral = run({ policy, consents: [{ kind: 'oral' }], now: NOW });
    expect(oral.status).toBe('blocked');
    expect(codes(oral, 'p1')).toEqual(['consent_kind_not_accepted']);
    expect(oral.coverage).toBe('none');
    expect(run({ policy, consents: [{ kind: 'digital' }], now: NOW }).status).toBe('approved');
  });

  it('reads a consent without kind as written', () => {
    expect(run({ policy: { consentKinds: ['written'] }, consents: [{}], now: NOW }).status).toBe(
      'approved',
    );
    const v = run({ policy: { consentKinds: ['digital'] }, consents: [{}], now: NOW });
    expect(codes(v, 'p1')).toEqual(['consent_kind_not_accepted']);
  });
});

describe('ages and signatures in the policy', () => {
  const SUBJECT: SignedBy = { subject: true, guardians: 0 };
  const GUARDIANS: SignedBy = { subject: false, guardians: 2 };
  const BOTH: SignedBy = { subject: true, guardians: 2 };
  // 13 on 2026-06-01.
  const signed = (signedBy: SignedBy, policy: Partial<Policy>, birthDate = '2013-01-01') =>
    run({
      policy,
      persons: [{ id: 'p1', birthDate }],
      consents: [{ validFrom: '2026-06-01', signedBy }],
      now: NOW,
    }).status !== 'blocked';

  it('ownConsentAge: a lower age lets a 13-year-old sign alone where guardians stop at 13 too', () => {
    expect(signed(SUBJECT, {})).toBe(false);
    expect(signed(SUBJECT, { ownConsentAge: 13, guardianConsentUntilAge: 13 })).toBe(true);
  });

  it('ownConsentAge: below it the own signature is not needed, from it it is', () => {
    const policy = { ownConsentAge: 13, guardianConsentUntilAge: 15 };
    expect(signed(GUARDIANS, policy)).toBe(false);
    expect(signed(BOTH, policy)).toBe(true);
    expect(signed(GUARDIANS, policy, '2014-01-01')).toBe(true);
  });

  it('guardianConsentUntilAge: guardians are not asked for from that age', () => {
    expect(signed(SUBJECT, { guardianConsentUntilAge: 12, ownConsentAge: 12 })).toBe(true);
    expect(signed(SUBJECT, { guardianConsentUntilAge: 14, ownConsentAge: 12 })).toBe(false);
    expect(signed(BOTH, { guardianConsentUntilAge: 14, ownConsentAge: 12 })).toBe(true);
  });

  it('guardiansRequired: sets how many guardian signatures a child needs', () => {
    const one: SignedBy = { subject: false, guardians: 1 };
    expect(signed(one, {})).toBe(false);
    expect(signed(one, { guardiansRequired: 1 })).toBe(true);
    expect(signed(GUARDIANS, { guardiansRequired: 3 })).toBe(false);
  });
});

describe('post-mortem protection', () => {
  /** p1 deceased on the given day, tagged on a consent-based asset, with no consent. */
  const dead = (deceasedOn: string, policy: Partial<Policy>) =>
    build({ policy, persons: [{ id: 'p1', deceasedOn }], now: NOW });

  /** Asserts the person is required until `end` and needs no consent from then on. */
  function protectedUntil(deceasedOn: string, policy: Partial<Policy>, end: string) {
    const input = dead(deceasedOn, policy);
    const before = evaluate({ ...input, now: new Date(ms(end) - 86_400_000).toISOString() });
    expect(before.status).toBe('blocked');
    expect(codes(before, 'p1')).toEqual(['no_consent']);
    expect(instant(before.nextCheckAt)).toBe(end);
    expect(evaluate({ ...input, now: new Date(ms(end) - 1).toISOString() }).status).toBe('blocked');
    const after = evaluate({ ...input, now: end });
    expect(after.status).toBe('approved');
    expect(after.warnings).toEqual([{ code: 'all_persons_irrelevant' }]);
  }

  it('SE (0 years): a deceased person needs no consent from 00:00 on deceasedOn', () => {
    protectedUntil('2026-03-01', presetPolicy('SE'), '2026-02-28T23:00:00.000Z');
  });

  it('SE (0 years): postMortemFromYearEnd has no effect', () => {
    protectedUntil(
      '2026-03-01',
      presetPolicy('SE', { postMortemFromYearEnd: true }),
      '2026-02-28T23:00:00.000Z',
    );
  });

  it('DE (10 years): died 2020-03-01, consent needed until the end of 2030-03-01', () => {
    protectedUntil('2020-03-01', presetPolicy('DE'), '2030-03-01T23:00:00.000Z');
  });

  it('DE (10 years): died on 29 February, the anniversary in a common year is 1 March', () => {
    protectedUntil('2020-02-29', presetPolicy('DE'), '2030-03-01T23:00:00.000Z');
  });

  it('a 29 February death has its anniversary on 29 February in a leap year', () => {
    protectedUntil(
      '2020-02-29',
      presetPolicy('DE', { postMortemYears: 8 }),
      '2028-02-29T23:00:00.000Z',
    );
  });

  it('NO (15 years from the year end): protection runs through 31 December of the 15th year after death', () => {
    protectedUntil('2020-03-01', presetPolicy('NO'), '2035-12-31T23:00:00.000Z');
    protectedUntil('2020-12-31', presetPolicy('NO'), '2035-12-31T23:00:00.000Z');
    protectedUntil('2021-01-01', presetPolicy('NO'), '2036-12-31T23:00:00.000Z');
  });

  it('postMortemFromYearEnd moves the end of a German protection to the end of the year', () => {
    protectedUntil(
      '2020-03-01',
      presetPolicy('DE', { postMortemFromYearEnd: true }),
      '2030-12-31T23:00:00.000Z',
    );
  });

  it('treats a person as alive, and required, before deceasedOn', () => {
    const v = evaluate({ ...dead('2027-01-01', presetPolicy('SE')), now: NOW });
    expect(codes(v, 'p1')).toEqual(['no_consent']);
    expect(instant(v.nextCheckAt)).toBe('2026-12-31T23:00:00.000Z');
  });
});

describe('null policy fields', () => {
  const nulls: Policy = {
    timeZone: 'Europe/Stockholm',
    channels: [...DEFAULT_CHANNELS],
    warnDays: null,
    legalBases: null,
    consentKinds: null,
    ownConsentAge: null,
    guardianConsentUntilAge: null,
    guardiansRequired: null,
    postMortemYears: null,
    postMortemFromYearEnd: null,
  };

  it('reads every null field as its default', () => {
    const scenarios = [
      { consents: [{ kind: 'oral' as const, validUntil: '2026-12-20' }] },
      {
        persons: [{ id: 'p1', birthDate: '2012-01-01' }],
        consents: [{ validFrom: '2026-06-01', signedBy: { subject: false, guardians: 1 } }],
      },
      {
        persons: [{ id: 'p1', birthDate: '2011-01-01' }],
        consents: [{ validFrom: '2026-06-01', signedBy: { subject: true, guardians: 0 } }],
      },
      { persons: [{ id: 'p1', deceasedOn: '2020-01-01' }] },
      { basis: 'legitimate_interest' as const },
    ];
    const expected = ['expiring', 'blocked', 'approved', 'approved', 'approved'];
    scenarios.forEach((scenario, i) => {
      const withNulls = run({ ...scenario, policy: nulls, now: NOW });
      const withDefaults = run({ ...scenario, policy: { ...PRESETS.SE }, now: NOW });
      expect(withNulls.status, `scenario ${i}`).toBe(expected[i]);
      expect(withNulls, `scenario ${i}`).toEqual(withDefaults);
    });
  });
});

describe('presets', () => {
  it('SE: Stockholm, own signature from 15, two guardians below 15, no post-mortem protection', () => {
    expect(PRESETS.SE).toMatchObject({
      timeZone: 'Europe/Stockholm',
      ownConsentAge: 15,
      guardianConsentUntilAge: 15,
      guardiansRequired: 2,
      postMortemYears: 0,
      postMortemFromYearEnd: false,
      warnDays: 30,
    });
  });

  it('DE: Berlin, own signature from 14, guardians until 18, ten years after death', () => {
    expect(PRESETS.DE).toMatchObject({
      timeZone: 'Europe/Berlin',
      ownConsentAge: 14,
      guardianConsentUntilAge: 18,
      guardiansRequired: 2,
      postMortemYears: 10,
      postMortemFromYearEnd: false,
    });
  });

  it('NO: Oslo, own signature from 15, both parents below 15, 15 years from the end of the year of death', () => {
    expect(PRESETS.NO).toMatchObject({
      timeZone: 'Europe/Oslo',
      ownConsentAge: 15,
      guardianConsentUntilAge: 15,
      guardiansRequired: 2,
      postMortemYears: 15,
      postMortemFromYearEnd: true,
    });
  });

  it('every preset lists the default channels, every basis and every kind', () => {
    for (const preset of Object.values(PRESETS)) {
      expect(sorted(preset.channels)).toEqual(sorted(DEFAULT_CHANNELS));
      expect(sorted(preset.legalBases)).toEqual(sorted(LEGAL_BASES));
      expect(sorted(preset.consentKinds)).toEqual(['digital', 'oral', 'written']);
    }
  });

  it('presetPolicy overrides only the fields it is given', () => {
    const policy = presetPolicy('NO', { warnDays: 7 });
    expect(policy).toEqual({ ...PRESETS.NO, warnDays: 7 });
  });
});
