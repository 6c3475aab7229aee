// Ages on validFrom and the signatures they call for (spec §3.4, §3 on 29 February, DE preset).
import { describe, expect, it } from 'vitest';
import { presetPolicy } from '../index.js';
import type { PersonInput, SignedBy } from '../index.js';
import { codes, run } from './evaluate-fixtures.js';

const NOW = '2028-06-01T10:00:00Z';
const GUARDIANS_ONLY: SignedBy = { subject: false, guardians: 2 };
const SUBJECT_ONLY: SignedBy = { subject: true, guardians: 0 };
const BOTH: SignedBy = { subject: true, guardians: 2 };

/** The verdict for p1 with one open-ended consent for the web. */
function verdict(
  person: Omit<PersonInput, 'id'>,
  validFrom: string,
  signedBy: SignedBy,
  policy = {},
) {
  return run({
    policy,
    persons: [{ id: 'p1', ...person }],
    consents: [{ validFrom, validUntil: null, signedBy }],
    now: NOW,
  });
}

const approved = (v: ReturnType<typeof verdict>) => v.status !== 'blocked';

describe('ages on the birthday (SE: guardians below 15, own signature from 15)', () => {
  const born = { birthDate: '2011-06-15' };

  it('treats a person as 15 from 00:00 on the 15th birthday, so their own signature suffices', () => {
    expect(approved(verdict(born, '2026-06-15', SUBJECT_ONLY))).toBe(true);
  });

  it('treats a person as 14 the day before the birthday, so guardians must sign', () => {
    const own = verdict(born, '2026-06-14', SUBJECT_ONLY);
    expect(own.status).toBe('blocked');
    expect(codes(own, 'p1')).toEqual(['guardian_consent_required']);
    expect(approved(verdict(born, '2026-06-14', GUARDIANS_ONLY))).toBe(true);
  });

  it('refuses guardian signatures alone once the person is 15 on validFrom', () => {
    const v = verdict(born, '2026-06-15', GUARDIANS_ONLY);
    expect(v.status).toBe('blocked');
    expect(codes(v, 'p1')).toEqual(['guardian_consent_required']);
  });

  it('judges the signatures by the age on validFrom, not by the age now', () => {
    // 14 on validFrom, 16 now: the guardians' consent stays valid, the child's own does not.
    expect(approved(verdict(born, '2026-01-01', GUARDIANS_ONLY))).toBe(true);
    expect(codes(verdict(born, '2026-01-01', SUBJECT_ONLY), 'p1')).toEqual([
      'guardian_consent_required',
    ]);
  });

  it('counts coverage only for consents whose signatures fit', () => {
    expect(verdict(born, '2026-06-14', SUBJECT_ONLY).coverage).toBe('none');
    expect(verdict(born, '2026-06-14', GUARDIANS_ONLY).coverage).toBe('complete');
  });
});

describe('birthdays on 29 February', () => {
  const leapling = { birthDate: '2012-02-29' };

  it('makes a 29 February child 15 on 1 March in a common year', () => {
    expect(codes(verdict(leapling, '2027-02-28', SUBJECT_ONLY), 'p1')).toEqual([
      'guardian_consent_required',
    ]);
    expect(approved(verdict(leapling, '2027-02-28', GUARDIANS_ONLY))).toBe(true);
    expect(approved(verdict(leapling, '2027-03-01', SUBJECT_ONLY))).toBe(true);
    expect(approved(verdict(leapling, '2027-03-01', GUARDIANS_ONLY))).toBe(false);
  });

  it('makes a 29 February child a year older on 29 February in a leap year', () => {
    const policy = { ownConsentAge: 16, guardianConsentUntilAge: 16 };
    expect(approved(verdict(leapling, '2028-02-28', SUBJECT_ONLY, policy))).toBe(false);
    expect(approved(verdict(leapling, '2028-02-29', SUBJECT_ONLY, policy))).toBe(true);
  });
});

describe('guardian signatures', () => {
  const child = { birthDate: '2018-04-01' };
  const oneGuardian: SignedBy = { subject: false, guardians: 1 };

  it('asks for two guardian signatures by default (joint custody)', () => {
    const v = verdict(child, '2026-01-01', oneGuardian);
    expect(v.status).toBe('blocked');
    expect(codes(v, 'p1')).toEqual(['guardian_consent_required']);
  });

  it('accepts one guardian signature for a child in sole custody (person.guardians = 1)', () => {
    expect(approved(verdict({ ...child, guardians: 1 }, '2026-01-01', oneGuardian))).toBe(true);
  });

  it('lets person.guardians override policy.guardiansRequired in both directions', () => {
    const lenient = { guardiansRequired: 1 };
    expect(approved(verdict(child, '2026-01-01', oneGuardian, lenient))).toBe(true);
    expect(approved(verdict({ ...child, guardians: 2 }, '2026-01-01', oneGuardian, lenient))).toBe(
      false,
    );
    expect(
      approved(verdict({ ...child, guardians: 2 }, '2026-01-01', GUARDIANS_ONLY, lenient)),
    ).toBe(true);
  });

  it('accepts more guardian signatures than needed', () => {
    expect(approved(verdict(child, '2026-01-01', { subject: false, guardians: 3 }))).toBe(true);
  });

  it('does not ask a young child to sign personally', () => {
    expect(approved(verdict(child, '2026-01-01', GUARDIANS_ONLY))).toBe(true);
  });
});

describe('German double consent (DE preset: own signature from 14, guardians until 18)', () => {
  const de = presetPolicy('DE');
  const ask = (birthDate: string, signedBy: SignedBy) =>
    approved(verdict({ birthDate }, '2026-06-01', signedBy, de));

  it('needs only the guardians at 13', () => {
    expect(ask('2012-06-02', GUARDIANS_ONLY)).toBe(true);
    expect(ask('2012-06-02', SUBJECT_ONLY)).toBe(false);
  });

  it('needs both the teenager and the guardians from 14 to 17', () => {
    for (const birthDate of ['2012-06-01', '2010-01-01', '2008-06-02']) {
      expect(ask(birthDate, BOTH), birthDate).toBe(true);
      expect(ask(birthDate, SUBJECT_ONLY), birthDate).toBe(false);
      expect(ask(birthDate, GUARDIANS_ONLY), birthDate).toBe(false);
    }
  });

  it('needs only the person from the 18th birthday', () => {
    expect(ask('2008-06-01', SUBJECT_ONLY)).toBe(true);
    expect(ask('2008-06-01', GUARDIANS_ONLY)).toBe(false);
  });

  it('names the failed signatures with guardian_consent_required', () => {
    const v = verdict({ birthDate: '2010-01-01' }, '2026-06-01', SUBJECT_ONLY, de);
    expect(codes(v, 'p1')).toEqual(['guardian_consent_required']);
  });
});

describe('persons without a birth date', () => {
  it('treats a person without birthDate as an adult who signs alone', () => {
    expect(approved(verdict({}, '2026-01-01', SUBJECT_ONLY))).toBe(true);
  });

  it('refuses guardian signatures in place of an adult without birthDate', () => {
    const v = verdict({}, '2026-01-01', GUARDIANS_ONLY);
    expect(v.status).toBe('blocked');
    expect(codes(v, 'p1')).toEqual(['guardian_consent_required']);
  });

  it('treats a tagged person without any record as an adult', () => {
    const v = run({ persons: [], consents: [{ signedBy: SUBJECT_ONLY }], now: NOW });
    expect(v.status).toBe('approved');
  });

  it('reads a consent without signedBy as signed by the subject alone', () => {
    const adult = run({ consents: [{ validFrom: '2026-01-01' }], now: NOW });
    expect(adult.status).toBe('approved');
    const child = run({
      persons: [{ id: 'p1', birthDate: '2018-04-01' }],
      consents: [{ validFrom: '2026-01-01' }],
      now: NOW,
    });
    expect(codes(child, 'p1')).toEqual(['guardian_consent_required']);
  });
});
