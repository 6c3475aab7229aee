import { describe, expect, it } from 'vitest';
import { approved, blocked, expiring } from '../test-doubles/verdicts.js';
import { decideInsert, isOffered } from './insert.js';

const zone = 'Europe/Stockholm';
const revoked = blocked({ code: 'consent_revoked', personId: 'per_anna' });

describe('deciding whether a picked picture may be inserted', () => {
  it('inserts an approved picture without asking', () => {
    expect(decideInsert({ verdict: approved(), stale: false }, 'warn', zone)).toEqual({
      kind: 'insert',
      lastValidDay: null,
      stale: false,
    });
  });

  it('shows the last valid day of an expiring picture, read in the organisation’s zone', () => {
    // Midnight in Stockholm on 24 December is 23:00 UTC on the 23rd: the 23rd is the last day.
    const decision = decideInsert(
      { verdict: expiring('2026-12-23T23:00:00.000Z'), stale: false },
      'warn',
      zone,
    );

    expect(decision).toEqual({ kind: 'insert', lastValidDay: '2026-12-23', stale: false });
  });

  it('hides a blocked picture where the organisation hides them', () => {
    const decision = decideInsert({ verdict: revoked, stale: false }, 'hide', zone);

    expect(decision).toEqual({ kind: 'hide' });
    expect(isOffered(decision)).toBe(false);
  });

  it('asks for confirmation naming the reason where the organisation warns', () => {
    const decision = decideInsert({ verdict: revoked, stale: false }, 'warn', zone);

    expect(decision).toEqual({
      kind: 'confirm',
      reasons: [{ code: 'consent_revoked', personId: 'per_anna' }],
      stale: false,
    });
    expect(isOffered(decision)).toBe(true);
  });

  it('shows why but refuses to insert where the organisation blocks', () => {
    const decision = decideInsert({ verdict: revoked, stale: false }, 'block', zone);

    expect(decision).toMatchObject({ kind: 'refuse', reasons: [{ code: 'consent_revoked' }] });
  });

  it('passes on that an offline answer is stale', () => {
    expect(decideInsert({ verdict: approved(), stale: true }, 'warn', zone)).toMatchObject({
      stale: true,
    });
  });

  it('never inserts a picture nothing is known about', () => {
    expect(decideInsert(null, 'warn', zone)).toEqual({ kind: 'refuse', reasons: [], stale: true });
    expect(decideInsert(null, 'hide', zone)).toEqual({ kind: 'hide' });
  });
});
