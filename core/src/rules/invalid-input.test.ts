// Input `evaluate` refuses to guess about (spec §1): a typed invalid_input error naming the field.
import { describe, expect, it } from 'vitest';
import { evaluate, InvalidInputError, isInvalidInputError } from '../index.js';
import type { EvaluateInput } from '../index.js';

/** A complete, valid request that touches every field. */
function valid(): EvaluateInput {
  return {
    policy: { timeZone: 'Europe/Stockholm', channels: ['web', 'print'], warnDays: 30 },
    asset: {
      id: 'a1',
      legalBasis: 'consent',
      persons: [{ personId: 'p1', relevant: true }],
      license: { validUntil: '2027-01-31', channels: ['web'] },
    },
    persons: [{ id: 'p1', birthDate: '1990-01-01', deceasedOn: null, objectedAt: null }],
    consents: [
      {
        id: 'c1',
        personId: 'p1',
        kind: 'written',
        channels: ['web', 'print'],
        validFrom: '2026-01-01',
        validUntil: '2027-06-30',
        assetIds: null,
        signedBy: { subject: true, guardians: 0 },
        revocations: [{ at: '2026-09-01T10:00:00Z', channels: ['print'] }],
      },
    ],
    channel: 'web',
    now: '2026-11-23T12:00:00Z',
  };
}

type Node = Record<string | number, unknown>;

/** Splits `consents[0].validFrom` into ['consents', 0, 'validFrom']. */
function steps(path: string): (string | number)[] {
  return path
    .split(/\.|(?=\[)/)
    .map((part) => (part.startsWith('[') ? Number(part.slice(1, -1)) : part));
}

/** A valid request with the value at `path` replaced, or removed when `value` is omitted. */
function withField(path: string, ...value: [unknown] | []): EvaluateInput {
  const input = valid();
  const keys = steps(path);
  const last = keys.pop() as string | number;
  let node = input as unknown as Node;
  for (const key of keys) node = node[key] as Node;
  if (value.length === 0) Reflect.deleteProperty(node, last);
  else node[last] = value[0];
  return input;
}

/** The error evaluate throws for `input`, failing the test if it returns instead. */
function thrownBy(input: EvaluateInput): InvalidInputError {
  let verdict: unknown;
  try {
    verdict = evaluate(input);
  } catch (error) {
    expect(isInvalidInputError(error)).toBe(true);
    return error as InvalidInputError;
  }
  throw new Error(`expected invalid_input, got a verdict: ${JSON.stringify(verdict)}`);
}

/** The error names one of `paths` (or a part inside it) and the message names the field. */
function expectNames(error: InvalidInputError, ...paths: string[]) {
  expect(error.code).toBe('invalid_input');
  const named = paths.find(
    (path) =>
      error.field === path ||
      error.field.startsWith(`${path}.`) ||
      error.field.startsWith(`${path}[`),
  );
  expect(named, `field ${error.field} should be one of ${paths.join(', ')}`).toBeDefined();
  const leaf = String(
    steps(named ?? paths[0] ?? '')
      .filter((s) => typeof s === 'string')
      .pop(),
  );
  expect(error.message).toContain(leaf);
}

describe('a valid request', () => {
  it('is evaluated without error, with null in every optional field', () => {
    expect(evaluate(valid()).status).toBe('approved');
    const input = valid();
    input.policy = {
      ...input.policy,
      legalBases: null,
      consentKinds: null,
      ownConsentAge: null,
      guardiansRequired: null,
    };
    input.persons = [
      {
        id: 'p1',
        birthDate: null,
        deceasedOn: null,
        guardians: null,
        protectedIdentity: null,
        objectedAt: null,
      },
    ];
    input.consents = [
      {
        id: 'c1',
        personId: 'p1',
        kind: null,
        channels: ['web'],
        validFrom: '2026-01-01',
        validUntil: null,
        assetIds: null,
        signedBy: null,
        revocations: null,
      },
    ];
    expect(evaluate(input).status).toBe('approved');
  });

  it('accepts a consent whose validUntil is its validFrom (one whole day)', () => {
    const input = withField('consents[0].validUntil', '2026-01-01');
    expect(evaluate({ ...input, now: '2026-01-01T12:00:00Z' }).status).toBe('expiring');
  });
});

describe('the asked channel', () => {
  it.each([['billboard'], [''], ['WEB']])(
    'refuses channel %j that the policy does not list',
    (channel) => {
      expectNames(thrownBy(withField('channel', channel)), 'channel');
    },
  );

  it('refuses a missing channel', () => {
    expectNames(thrownBy(withField('channel')), 'channel');
  });
});

describe('calendar dates', () => {
  const badDates = [
    '2026-02-30',
    '',
    '2026-1-01',
    '2027-02-29',
    '2026-13-01',
    '2026-01-01T00:00:00Z',
  ];

  it.each(badDates)('refuses validFrom %j', (date) => {
    expectNames(thrownBy(withField('consents[0].validFrom', date)), 'consents[0].validFrom');
  });

  it.each(badDates)('refuses validUntil %j', (date) => {
    expectNames(thrownBy(withField('consents[0].validUntil', date)), 'consents[0].validUntil');
  });

  it.each([
    ['persons[0].birthDate', '2026-02-30'],
    ['persons[0].deceasedOn', ''],
    ['asset.license.validUntil', '2026-1-01'],
  ])('refuses %s %j', (path, date) => {
    const input = withField(path, date);
    input.asset.legalBasis = 'external_agreement';
    expectNames(thrownBy(input), path);
  });

  it('refuses a validUntil before its validFrom', () => {
    const input = withField('consents[0].validUntil', '2025-12-31');
    expectNames(thrownBy(input), 'consents[0].validUntil', 'consents[0].validFrom');
  });
});

describe('instants', () => {
  const badInstants = [
    '',
    'yesterday',
    '2026-11-23',
    '2026-11-23T12:00:00',
    '2026-02-30T10:00:00Z',
    '2026-11-23T25:00:00Z',
  ];

  it.each(badInstants)('refuses now %j', (now) => {
    expectNames(thrownBy(withField('now', now)), 'now');
  });

  it.each(badInstants)('refuses a revocation at %j', (at) => {
    const path = 'consents[0].revocations[0].at';
    expectNames(thrownBy(withField(path, at)), path);
  });

  it('refuses an unparsable objectedAt', () => {
    const input = withField('persons[0].objectedAt', '2026-02-30T10:00:00Z');
    input.asset.legalBasis = 'legitimate_interest';
    expectNames(thrownBy(input), 'persons[0].objectedAt');
  });
});

describe('missing required fields', () => {
  it.each([
    'policy.timeZone',
    'policy.channels',
    'asset.id',
    'persons[0].id',
    'asset.persons[0].personId',
    'consents[0].id',
    'consents[0].personId',
    'consents[0].channels',
    'consents[0].validFrom',
    'now',
  ])('refuses a request without %s', (path) => {
    expectNames(thrownBy(withField(path)), path);
  });

  it('refuses an empty policy.channels', () => {
    expectNames(thrownBy(withField('policy.channels', [])), 'policy.channels');
  });

  it('refuses null in a required field as if it were missing', () => {
    expectNames(thrownBy(withField('policy.timeZone', null)), 'policy.timeZone');
    expectNames(thrownBy(withField('consents[0].validFrom', null)), 'consents[0].validFrom');
  });
});

describe('closed vocabularies and zones', () => {
  it('refuses an unknown legalBasis', () => {
    expectNames(thrownBy(withField('asset.legalBasis', 'maybe')), 'asset.legalBasis');
  });

  it('refuses an unknown consent kind', () => {
    expectNames(thrownBy(withField('consents[0].kind', 'telepathic')), 'consents[0].kind');
  });

  it.each(['Mars/Olympus', 'Europe/Stokholm', ''])('refuses the time zone %j', (zone) => {
    expectNames(thrownBy(withField('policy.timeZone', zone)), 'policy.timeZone');
  });
});

describe('no partial verdicts', () => {
  it('refuses a bad record even of a person not tagged on the asset', () => {
    const input = valid();
    input.consents = [
      ...(input.consents ?? []),
      { id: 'c2', personId: 'p9', channels: ['web'], validFrom: '2026-02-30' },
    ];
    expectNames(thrownBy(input), 'consents[1].validFrom');
  });

  it('refuses a bad record even under a basis that does not read consents', () => {
    const input = withField('consents[0].validFrom', '2026-1-01');
    input.asset.legalBasis = 'no_identifiable_persons';
    expectNames(thrownBy(input), 'consents[0].validFrom');
  });

  it('throws the typed error, recognisable by code across realms', () => {
    const error = thrownBy(withField('channel', 'billboard'));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.name).toBe('InvalidInputError');
    expect({ ...error, code: error.code }).toMatchObject({
      code: 'invalid_input',
      field: 'channel',
    });
  });
});
