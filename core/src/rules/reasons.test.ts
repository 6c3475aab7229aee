// Why a channel is blocked and how covered a file is: every reason, warning and coverage of §6.
import { describe, expect, it } from 'vitest';
import type { LegalBasis } from '../index.js';
import { ALL_CHANNELS, build, codes, instant, run, sorted } from './evaluate-fixtures.js';
import { evaluate } from '../index.js';

const NOW = '2026-11-23T12:00:00Z';
const PAST = '2026-10-01T08:00:00Z';
const CHILD = { id: 'p1', birthDate: '2018-04-01' };

describe('the first check a consent fails (§6 table)', () => {
  // Each row's consent also fails every later check, so only the row's own code may appear.
  it('reports only consent_kind_not_accepted for an unaccepted kind that fails everything else too', () => {
    const v = run({
      policy: { consentKinds: ['written'] },
      persons: [CHILD],
      consents: [
        {
          kind: 'oral',
          channels: ['print'],
          validFrom: '2027-01-01',
          signedBy: { subject: true, guardians: 0 },
          revocations: [{ at: PAST, channels: null }],
        },
      ],
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(codes(v, 'p1')).toEqual(['consent_kind_not_accepted']);
  });

  it('reports only guardian_consent_required for wrong signatures on a revoked, future, other-channel consent', () => {
    const v = run({
      persons: [CHILD],
      consents: [
        {
          channels: ['print'],
          validFrom: '2027-01-01',
          signedBy: { subject: true, guardians: 0 },
          revocations: [{ at: PAST, channels: null }],
        },
      ],
      now: NOW,
    });
    expect(codes(v, 'p1')).toEqual(['guardian_consent_required']);
  });

  it('reports consent_revoked for a wholly revoked consent that also lacks the channel and starts later', () => {
    const v = run({
      consents: [
        {
          channels: ['print'],
          validFrom: '2027-01-01',
          revocations: [{ at: PAST, channels: null }],
        },
      ],
      now: NOW,
    });
    expect(codes(v, 'p1')).toEqual(['consent_revoked']);
  });

  it('counts a revocation recorded at exactly now as already made', () => {
    const whole = run({
      consents: [{ channels: ['print'], revocations: [{ at: NOW, channels: null }] }],
      now: NOW,
    });
    expect(codes(whole, 'p1')).toEqual(['consent_revoked']);
    const perChannel = run({
      consents: [{ channels: ['web', 'print'], revocations: [{ at: NOW, channels: ['web'] }] }],
      now: NOW,
    });
    expect(codes(perChannel, 'p1')).toEqual(['consent_revoked']);
  });

  it('reports channel_not_granted before consent_not_yet_valid and consent_expired', () => {
    const future = run({ consents: [{ channels: ['print'], validFrom: '2027-01-01' }], now: NOW });
    expect(codes(future, 'p1')).toEqual(['channel_not_granted']);
    const ended = run({
      consents: [{ channels: ['print'], validFrom: '2025-01-01', validUntil: '2025-12-31' }],
      now: NOW,
    });
    expect(codes(ended, 'p1')).toEqual(['channel_not_granted']);
  });

  it('reports consent_not_yet_valid for a future consent whose channel was already revoked', () => {
    const v = run({
      consents: [{ validFrom: '2027-01-01', revocations: [{ at: PAST, channels: ['web'] }] }],
      now: NOW,
    });
    expect(codes(v, 'p1')).toEqual(['consent_not_yet_valid']);
  });

  it('reports consent_expired for an ended consent whose channel was also revoked', () => {
    const v = run({
      consents: [
        {
          validFrom: '2025-01-01',
          validUntil: '2026-11-01',
          revocations: [{ at: PAST, channels: ['web'] }],
        },
      ],
      now: NOW,
    });
    expect(codes(v, 'p1')).toEqual(['consent_expired']);
  });

  it('reports consent_revoked for a running consent whose channel was revoked', () => {
    const v = run({
      consents: [{ channels: ['web', 'print'], revocations: [{ at: PAST, channels: ['web'] }] }],
      now: NOW,
    });
    expect(codes(v, 'p1')).toEqual(['consent_revoked']);
  });

  it('gives a person the set of the codes of all applying consents, each once', () => {
    const v = run({
      consents: [
        { validFrom: '2025-01-01', validUntil: '2025-06-30' },
        { validFrom: '2027-01-01' },
        { validFrom: '2025-07-01', validUntil: '2025-12-31' },
      ],
      now: NOW,
    });
    expect(codes(v, 'p1')).toEqual(['consent_expired', 'consent_not_yet_valid']);
    const expired = v.reasons.filter((r) => r.personId === 'p1' && r.code === 'consent_expired');
    expect(expired).toHaveLength(1);
  });

  it('gives no reasons for a person who grants the channel through another consent', () => {
    const v = run({
      tags: ['p1', 'p2'],
      consents: [
        { personId: 'p1', validUntil: '2025-12-31' },
        { personId: 'p1', validFrom: '2026-01-01' },
      ],
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(codes(v, 'p1')).toEqual([]);
    expect(codes(v, 'p2')).toEqual(['no_consent']);
  });
});

describe('no_consent and the consents that apply to the asset', () => {
  it('reports no_consent for a required person without any consent', () => {
    const v = run({ now: NOW });
    expect(v.status).toBe('blocked');
    expect(v.reasons).toContainEqual({ code: 'no_consent', personId: 'p1' });
    expect(v.coverage).toBe('none');
  });

  it('reports no_consent when the only consent is restricted to other assets', () => {
    const v = run({ consents: [{ assetIds: ['a2', 'a3'] }], now: NOW });
    expect(codes(v, 'p1')).toEqual(['no_consent']);
    expect(v.coverage).toBe('none');
  });

  it('lets a consent restricted to a list of assets cover an asset on the list', () => {
    const v = run({ consents: [{ assetIds: ['a2', 'a1'] }], now: NOW });
    expect(v.status).toBe('approved');
  });

  it('lets a consent without assetIds cover every asset of the person', () => {
    for (const assetId of ['a1', 'x-42']) {
      expect(run({ assetId, consents: [{ assetIds: null }], now: NOW }).status).toBe('approved');
    }
  });

  it('never counts another person’s consent', () => {
    const v = run({ tags: ['p1', 'p2'], consents: [{ personId: 'p2' }], now: NOW });
    expect(codes(v, 'p1')).toEqual(['no_consent']);
    expect(codes(v, 'p2')).toEqual([]);
    expect(v.coverage).toBe('partial');
  });

  it('reports the consent’s own failure, not no_consent, when a consent applies but fails', () => {
    const v = run({ consents: [{ validUntil: '2026-01-31' }], now: NOW });
    expect(codes(v, 'p1')).toEqual(['consent_expired']);
  });

  it('gives every blocking person at least one reason of their own', () => {
    const v = run({
      tags: ['p1', 'p2', 'p3'],
      consents: [
        { personId: 'p2', validUntil: '2026-01-31' },
        { personId: 'p3', channels: ['web', 'print'] },
      ],
      now: NOW,
    });
    expect(codes(v, 'p1')).toEqual(['no_consent']);
    expect(codes(v, 'p2')).toEqual(['consent_expired']);
    expect(codes(v, 'p3')).toEqual([]);
  });
});

describe('revocations', () => {
  it('revokes only the listed channels of a per-channel revocation', () => {
    const scenario = {
      consents: [{ channels: ['web', 'print'], revocations: [{ at: PAST, channels: ['print'] }] }],
      now: NOW,
    };
    const web = run(scenario);
    expect(web.status).toBe('approved');
    expect(web.channels).toEqual(['web']);
    expect(web.coverage).toBe('complete');
    const print = run({ ...scenario, channel: 'print' });
    expect(print.status).toBe('blocked');
    expect(codes(print, 'p1')).toEqual(['consent_revoked']);
  });

  it('revokes every channel with a revocation without channels', () => {
    const v = run({
      consents: [{ channels: ['web', 'print'], revocations: [{ at: PAST, channels: null }] }],
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(v.channels).toEqual([]);
    expect(v.coverage).toBe('none');
    expect(codes(v, 'p1')).toEqual(['consent_revoked']);
  });

  it('never acts backwards: before its instant a revocation changes nothing', () => {
    const input = build({
      consents: [{ revocations: [{ at: '2027-03-01T10:00:00Z', channels: null }] }],
      now: NOW,
    });
    const before = evaluate(input);
    expect(before.status).toBe('approved');
    expect(before.coverage).toBe('complete');
    expect(instant(before.approvedUntil)).toBe('2027-03-01T10:00:00.000Z');
    expect(evaluate({ ...input, now: '2027-03-01T09:59:59.999Z' }).status).toBe('expiring');
    const after = evaluate({ ...input, now: '2027-03-01T10:00:00Z' });
    expect(after.status).toBe('blocked');
    expect(codes(after, 'p1')).toEqual(['consent_revoked']);
  });
});

describe('protected identity', () => {
  const persons = [{ id: 'p1', protectedIdentity: true }];
  const bases: LegalBasis[] = ['consent', 'deceased_only', 'legitimate_interest', 'public_task'];

  it.each(bases)('blocks every channel under %s, whatever the person consented to', (basis) => {
    const v = run({
      basis,
      persons,
      consents: [{ channels: [...ALL_CHANNELS] }],
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(v.channels).toEqual([]);
    expect(v.reasons).toContainEqual({ code: 'protected_identity', personId: 'p1' });
  });

  it.each(['contract', 'artistic_journalistic', 'no_identifiable_persons'] as const)(
    'does not look at persons under %s',
    (basis) => {
      expect(run({ basis, persons, now: NOW }).status).toBe('approved');
    },
  );

  it('does not block when the protected person is tagged as not relevant', () => {
    const v = run({
      tags: ['p1', { personId: 'p2', relevant: false }],
      persons: [{ id: 'p1' }, { id: 'p2', protectedIdentity: true }],
      consents: [{ personId: 'p1' }],
      now: NOW,
    });
    expect(v.status).toBe('approved');
  });
});

describe('deceased_only', () => {
  it('approves an asset without tagged persons, without a warning', () => {
    const v = run({ basis: 'deceased_only', tags: [], now: NOW });
    expect(v.status).toBe('approved');
    expect(sorted(v.channels)).toEqual(sorted(ALL_CHANNELS));
    expect(v.coverage).toBe('not_required');
    expect(v.warnings).toEqual([]);
  });

  it('approves a tagged person who died (no post-mortem protection in SE), without a warning', () => {
    const v = run({
      basis: 'deceased_only',
      persons: [{ id: 'p1', deceasedOn: '1950-05-05' }],
      now: NOW,
    });
    expect(v.status).toBe('approved');
    expect(v.warnings).toEqual([]);
  });

  it('needs consent from a tagged person who is alive, as under consent', () => {
    const blocked = run({ basis: 'deceased_only', now: NOW });
    expect(codes(blocked, 'p1')).toEqual(['no_consent']);
    expect(blocked.coverage).toBe('none');
    const covered = run({ basis: 'deceased_only', consents: [{}], now: NOW });
    expect(covered.status).toBe('approved');
    expect(covered.coverage).toBe('complete');
  });
});

describe('legitimate_interest and public_task', () => {
  it.each(['legitimate_interest', 'public_task'] as const)(
    'approves %s for every channel without any consent, for good',
    (basis) => {
      const v = run({ basis, tags: ['p1', 'p2'], now: NOW, channel: 'press' });
      expect(v.status).toBe('approved');
      expect(sorted(v.channels)).toEqual(sorted(ALL_CHANNELS));
      expect(v.coverage).toBe('not_required');
      expect(v.approvedUntil).toBeNull();
      expect(v.nextCheckAt).toBeNull();
    },
  );

  it.each(['legitimate_interest', 'public_task'] as const)(
    'blocks %s with objection once a tagged relevant person objected',
    (basis) => {
      const v = run({
        basis,
        tags: ['p1', 'p2'],
        persons: [{ id: 'p1' }, { id: 'p2', objectedAt: PAST }],
        now: NOW,
      });
      expect(v.status).toBe('blocked');
      expect(v.channels).toEqual([]);
      expect(v.reasons).toContainEqual({ code: 'objection', personId: 'p2' });
      expect(codes(v, 'p1')).toEqual([]);
    },
  );

  it('ignores the objection of a person tagged as not relevant or not tagged at all', () => {
    const v = run({
      basis: 'legitimate_interest',
      tags: ['p1', { personId: 'p2', relevant: false }],
      persons: [{ id: 'p1' }, { id: 'p2', objectedAt: PAST }, { id: 'p3', objectedAt: PAST }],
      now: NOW,
    });
    expect(v.status).toBe('approved');
  });

  it.each(['consent', 'deceased_only', 'contract'] as const)(
    'does not block with objection under %s',
    (basis) => {
      const v = run({
        basis,
        persons: [{ id: 'p1', objectedAt: PAST }],
        consents: [{}],
        now: NOW,
      });
      expect(v.status).toBe('approved');
      expect(codes(v)).not.toContain('objection');
    },
  );
});

describe('licences (external_agreement)', () => {
  const licensed = (
    license: { validUntil?: string; channels?: string[] },
    channel = 'web',
    now = NOW,
  ) => run({ basis: 'external_agreement', tags: [], license, channel, now });

  it('approves every channel, for good, when the licence names neither end nor channels', () => {
    const v = licensed({}, 'press');
    expect(v.status).toBe('approved');
    expect(sorted(v.channels)).toEqual(sorted(ALL_CHANNELS));
    expect(v.approvedUntil).toBeNull();
    expect(v.coverage).toBe('not_required');
  });

  it('approves only the licensed channels while the licence runs, through its whole last day', () => {
    const v = licensed({ validUntil: '2027-01-31', channels: ['web'] });
    expect(v.status).toBe('approved');
    expect(v.channels).toEqual(['web']);
    expect(instant(v.approvedUntil)).toBe('2027-01-31T23:00:00.000Z');
    expect(licensed({ validUntil: '2026-11-23' }, 'web', '2026-11-23T22:59:59.999Z').status).toBe(
      'expiring',
    );
  });

  it('blocks with license_channel_not_granted for a channel the licence does not list', () => {
    const v = licensed({ validUntil: '2027-01-31', channels: ['web'] }, 'print');
    expect(v.status).toBe('blocked');
    expect(v.channels).toEqual(['web']);
    expect(codes(v)).toEqual(['license_channel_not_granted']);
  });

  it('blocks with license_expired from the midnight after the last day', () => {
    const v = licensed({ validUntil: '2026-11-23' }, 'web', '2026-11-23T23:00:00Z');
    expect(v.status).toBe('blocked');
    expect(v.channels).toEqual([]);
    expect(codes(v)).toEqual(['license_expired']);
  });

  it('gives both licence codes when the licence ended and never listed the channel', () => {
    const v = licensed({ validUntil: '2026-04-30', channels: ['web'] }, 'print');
    expect(codes(v)).toEqual(['license_channel_not_granted', 'license_expired']);
  });

  it('needs no consent from tagged persons under a running licence', () => {
    const v = run({ basis: 'external_agreement', tags: ['p1'], license: {}, now: NOW });
    expect(v.status).toBe('approved');
    expect(v.coverage).toBe('not_required');
  });
});

describe('asset-level reasons', () => {
  it.each([undefined, null, 'unassessed'] as const)(
    'blocks with no_legal_basis when the basis is %s',
    (basis) => {
      const input = build({ tags: [], now: NOW });
      if (basis === undefined) delete input.asset.legalBasis;
      else input.asset.legalBasis = basis;
      const v = evaluate(input);
      expect(v.status).toBe('blocked');
      expect(codes(v)).toEqual(['no_legal_basis']);
    },
  );

  it('blocks with no_legal_basis even when every tagged person consented', () => {
    const v = run({ basis: 'unassessed', consents: [{ channels: [...ALL_CHANNELS] }], now: NOW });
    expect(v.status).toBe('blocked');
    expect(codes(v)).toContain('no_legal_basis');
  });

  it('blocks with legal_basis_not_permitted when the policy does not allow the basis', () => {
    const v = run({
      basis: 'legitimate_interest',
      policy: { legalBases: ['consent', 'public_task'] },
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(codes(v)).toContain('legal_basis_not_permitted');
    expect(
      run({ basis: 'public_task', policy: { legalBases: ['consent', 'public_task'] }, now: NOW })
        .status,
    ).toBe('approved');
  });

  it('blocks a consent-based asset without tagged persons with persons_not_identified', () => {
    for (const persons of [[], null, undefined]) {
      const input = build({ tags: [], now: NOW });
      if (persons === undefined) delete input.asset.persons;
      else input.asset.persons = persons;
      const v = evaluate(input);
      expect(v.status, String(persons)).toBe('blocked');
      expect(codes(v), String(persons)).toEqual(['persons_not_identified']);
      expect(v.coverage, String(persons)).toBe('not_required');
    }
  });
});

describe('all_persons_irrelevant', () => {
  it('approves with the warning when every tagged person is marked not relevant', () => {
    const v = run({
      tags: [
        { personId: 'p1', relevant: false },
        { personId: 'p2', relevant: false },
      ],
      now: NOW,
      channel: 'print',
    });
    expect(v.status).toBe('approved');
    expect(sorted(v.channels)).toEqual(sorted(ALL_CHANNELS));
    expect(v.warnings).toEqual([{ code: 'all_persons_irrelevant' }]);
    expect(v.reasons).toEqual([]);
    expect(v.coverage).toBe('not_required');
  });

  it('warns when the only tagged person is deceased beyond protection', () => {
    const v = run({ persons: [{ id: 'p1', deceasedOn: '2020-01-01' }], now: NOW });
    expect(v.status).toBe('approved');
    expect(v.warnings).toEqual([{ code: 'all_persons_irrelevant' }]);
  });

  it('does not warn while one tagged person is required', () => {
    const v = run({
      tags: ['p1', { personId: 'p2', relevant: false }],
      consents: [{}],
      now: NOW,
    });
    expect(v.status).toBe('approved');
    expect(v.warnings).toEqual([]);
  });

  it('counts a person tagged twice as relevant if either tag is', () => {
    const v = run({
      tags: [
        { personId: 'p1', relevant: false },
        { personId: 'p1', relevant: true },
      ],
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(codes(v, 'p1')).toEqual(['no_consent']);
    expect(v.warnings).toEqual([]);
  });
});

describe('persons who are not required', () => {
  it('lets a protected identity that died (SE) stop blocking from the day of death', () => {
    const v = run({
      persons: [{ id: 'p1', protectedIdentity: true, deceasedOn: '2026-01-10' }],
      now: NOW,
    });
    expect(v.status).toBe('approved');
    expect(codes(v)).toEqual([]);
  });

  it('ignores the objection of a person who died, under legitimate interest (SE)', () => {
    const v = run({
      basis: 'legitimate_interest',
      persons: [{ id: 'p1', objectedAt: '2025-05-01T10:00:00Z', deceasedOn: '2026-01-10' }],
      now: NOW,
    });
    expect(v.status).toBe('approved');
  });

  it('approves deceased_only when every tagged person is not relevant, without a warning', () => {
    const v = run({
      basis: 'deceased_only',
      tags: [{ personId: 'p1', relevant: false }],
      now: NOW,
    });
    expect(v.status).toBe('approved');
    expect(v.warnings).toEqual([]);
  });

  it('gives a person tagged twice their reasons once', () => {
    const v = run({ tags: ['p1', 'p1'], consents: [{ validUntil: '2026-01-31' }], now: NOW });
    expect(v.reasons.filter((r) => r.personId === 'p1')).toEqual([
      { code: 'consent_expired', personId: 'p1' },
    ]);
  });
});

describe('coverage', () => {
  it('is complete when every required person holds a granting consent, whatever the channel asked', () => {
    const v = run({
      tags: ['p1', 'p2', { personId: 'p3', relevant: false }],
      consents: [{ personId: 'p1' }, { personId: 'p2', channels: ['print'] }],
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(v.coverage).toBe('complete');
  });

  it('is partial when some required persons hold a granting consent', () => {
    const v = run({
      tags: ['p1', 'p2'],
      consents: [{ personId: 'p1' }, { personId: 'p2', validFrom: '2027-01-01' }],
      now: NOW,
    });
    expect(v.coverage).toBe('partial');
  });

  it('is none when no required person holds a consent that is valid now', () => {
    const v = run({
      tags: ['p1', 'p2'],
      policy: { consentKinds: ['written'] },
      consents: [
        { personId: 'p1', kind: 'oral' },
        { personId: 'p2', revocations: [{ at: PAST, channels: null }] },
      ],
      now: NOW,
    });
    expect(v.coverage).toBe('none');
  });

  it('still counts a consent that lost only some of its channels', () => {
    const v = run({
      consents: [{ channels: ['web', 'print'], revocations: [{ at: PAST, channels: ['web'] }] }],
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(v.coverage).toBe('complete');
  });

  it('is not_required under bases that do not look person by person', () => {
    for (const basis of ['contract', 'artistic_journalistic', 'no_identifiable_persons'] as const) {
      expect(run({ basis, consents: [{}], now: NOW }).coverage, basis).toBe('not_required');
    }
  });
});
