// Tests of how conformance expectations are compared with what evaluate returned.
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index.js';
import type { Verdict } from '../../src/index.js';
import { compareOutcome, deepEqual, isSubset, sameInstant, sameSet } from './compare.js';

const verdict: Verdict = {
  status: 'blocked',
  channels: ['web', 'print'],
  approvedUntil: null,
  nextCheckAt: '2026-05-31T22:00:00.000Z',
  coverage: 'partial',
  reasons: [
    { code: 'channel_not_granted', personId: 'p2' },
    { code: 'no_consent', personId: 'p3' },
    { code: 'license_expired' },
  ],
  warnings: [{ code: 'all_persons_irrelevant' }],
};

describe('compareOutcome', () => {
  it('passes when every expected field matches and ignores fields not expected', () => {
    expect(compareOutcome({ status: 'blocked', coverage: 'partial' }, { verdict })).toEqual([]);
  });

  it('compares channels as a set, in any order', () => {
    expect(compareOutcome({ channels: ['print', 'web'] }, { verdict })).toEqual([]);
    expect(compareOutcome({ channels: ['web'] }, { verdict })).toEqual([
      { field: 'channels', expected: '["web"]', got: '["web","print"]' },
    ]);
  });

  it('compares instants by the moment they name, whatever their offset', () => {
    expect(compareOutcome({ nextCheckAt: '2026-06-01T00:00:00+02:00' }, { verdict })).toEqual([]);
    expect(compareOutcome({ approvedUntil: null }, { verdict })).toEqual([]);
    expect(compareOutcome({ nextCheckAt: null }, { verdict })).toHaveLength(1);
  });

  it('reports every mismatching field with what was expected and what came', () => {
    expect(compareOutcome({ status: 'approved', coverage: 'none' }, { verdict })).toEqual([
      { field: 'status', expected: '"approved"', got: '"blocked"' },
      { field: 'coverage', expected: '"none"', got: '"partial"' },
    ]);
  });

  it('accepts reasons that are a subset of the verdict reasons', () => {
    const expected = { reasons: [{ code: 'no_consent', personId: 'p3' }] };
    expect(compareOutcome(expected, { verdict })).toEqual([]);
  });

  it('fails a reason whose person differs', () => {
    const expected = { reasons: [{ code: 'no_consent', personId: 'p2' }] };
    expect(compareOutcome(expected, { verdict })).toHaveLength(1);
  });

  it('reports an expected field the verdict does not have', () => {
    expect(compareOutcome({ colour: 'green' }, { verdict })).toEqual([
      { field: 'colour', expected: '"green"', got: 'nothing' },
    ]);
  });

  it('passes an expected error when evaluate throws that code', () => {
    const thrown = new InvalidInputError('channel', 'unknown');
    expect(compareOutcome({ error: 'invalid_input' }, { thrown })).toEqual([]);
  });

  it('fails an expected error when evaluate returns a verdict instead', () => {
    const [mismatch] = compareOutcome({ error: 'invalid_input' }, { verdict });
    expect(mismatch?.field).toBe('error');
    expect(mismatch?.got).toMatch(/^verdict /);
  });

  it('fails an expected error when evaluate throws something else', () => {
    const [mismatch] = compareOutcome({ error: 'invalid_input' }, { thrown: new TypeError('x') });
    expect(mismatch?.got).toBe('threw TypeError (x)');
  });

  it('fails an unexpected throw even when nothing else is expected', () => {
    const thrown = new InvalidInputError('now', 'not an instant');
    expect(compareOutcome({}, { thrown })).toEqual([
      { field: 'error', expected: 'a verdict', got: 'threw invalid_input (now: not an instant)' },
    ]);
  });
});

describe('sameSet', () => {
  it('ignores order and repeats but not members', () => {
    expect(sameSet(['a', 'b'], ['b', 'a', 'a'])).toBe(true);
    expect(sameSet(['a'], ['a', 'b'])).toBe(false);
    expect(sameSet([], [])).toBe(true);
    expect(sameSet(['a'], null)).toBe(false);
  });
});

describe('sameInstant', () => {
  it('matches null only with null', () => {
    expect(sameInstant(null, null)).toBe(true);
    expect(sameInstant(null, '2026-01-01T00:00:00Z')).toBe(false);
    expect(sameInstant('2026-01-01T00:00:00Z', null)).toBe(false);
  });

  it('never matches an expectation that is not an instant', () => {
    expect(sameInstant('soon', 'soon')).toBe(false);
    expect(sameInstant(0, 0)).toBe(false);
  });
});

describe('isSubset', () => {
  it('matches an expectation without a person only with a reason without a person', () => {
    expect(isSubset([{ code: 'license_expired' }], verdict.reasons)).toBe(true);
    expect(isSubset([{ code: 'no_consent' }], verdict.reasons)).toBe(false);
  });

  it('treats a null person like an absent one', () => {
    expect(isSubset([{ code: 'license_expired', personId: null }], verdict.reasons)).toBe(true);
  });

  it('holds for warnings in the same way', () => {
    expect(isSubset([], verdict.warnings)).toBe(true);
    expect(isSubset([{ code: 'other' }], verdict.warnings)).toBe(false);
  });
});

describe('deepEqual', () => {
  it('compares JSON values structurally', () => {
    expect(deepEqual({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
    expect(deepEqual('1', 1)).toBe(false);
  });
});
