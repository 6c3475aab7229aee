import type { ApprovalView } from '@clearframe/core';
import { describe, expect, it } from 'vitest';
import { reasonText } from './reasons';
import { UNKNOWN_ASSET, lastDay, reasonsInWords, stateOf } from './verdict-state';

const view = (fields: Partial<ApprovalView>): ApprovalView => ({
  assetId: 'ast_1',
  channel: 'web',
  status: 'approved',
  approvedUntil: '2027-01-01T00:00:00.000Z',
  nextCheckAt: null,
  stale: false,
  fetchedAt: '2026-11-20T10:00:00.000Z',
  ...fields,
});

describe('the editor’s verdict of a picture', () => {
  it('is the view’s status, last instant and reasons', () => {
    expect(
      stateOf(
        view({
          status: 'blocked',
          approvedUntil: null,
          reasons: [{ code: 'consent_revoked', personId: 'per_1' }],
        }),
      ),
    ).toEqual({
      state: 'complete',
      verdict: {
        status: 'blocked',
        approvedUntil: null,
        reasons: [{ code: 'consent_revoked', personId: 'per_1' }],
        stale: false,
        syncedAt: '2026-11-20T10:00:00.000Z',
      },
    });
  });

  it('keeps an expiring verdict’s end, and says when the data is stale', () => {
    const state = stateOf(
      view({ status: 'expiring', approvedUntil: '2026-12-10T23:00:00.000Z', stale: true }),
    );
    expect(state).toMatchObject({
      state: 'complete',
      verdict: { status: 'expiring', approvedUntil: '2026-12-10T23:00:00.000Z', stale: true },
    });
  });

  it('counts a picture the synced records do not hold as blocked, with a reason of its own', () => {
    const state = stateOf(
      view({ status: 'blocked', approvedUntil: null, notice: 'unknown_asset' }),
    );
    expect(state).toMatchObject({
      state: 'complete',
      verdict: { status: 'blocked', reasons: [{ code: UNKNOWN_ASSET }] },
    });
    expect(reasonText(UNKNOWN_ASSET)).toBe('the picture is not in the registry');
  });

  it('is unchecked, not blocked, while the registry has never answered or its records are not understood', () => {
    expect(
      stateOf(
        view({
          status: 'blocked',
          approvedUntil: null,
          fetchedAt: null,
          stale: true,
          notice: 'not_loaded',
          error: { code: 'registry_unreachable', message: 'The registry could not be reached.' },
        }),
      ),
    ).toEqual({ state: 'error', detail: 'The registry could not be reached.' });
    expect(
      stateOf(view({ status: 'blocked', approvedUntil: null, notice: 'invalid_records' })),
    ).toEqual({ state: 'error', detail: undefined });
  });
});

describe('the last day of an approval', () => {
  // Approved until midnight in Stockholm: the last day is the 10th there, whatever the browser's zone.
  const until = '2026-12-10T23:00:00.000Z';

  it('is read in the policy’s time zone', () => {
    expect(lastDay(until, 'en', 'Europe/Stockholm')).toBe('December 10, 2026');
    expect(lastDay(until, 'en', 'Asia/Tokyo')).toBe('December 11, 2026');
  });

  it('is written in the editor’s language', () => {
    expect(lastDay(until, 'sv', 'Europe/Stockholm')).toBe('10 december 2026');
    expect(lastDay(until, 'de', 'Europe/Stockholm')).toBe('10. Dezember 2026');
  });

  it('falls back to the browser’s zone for a zone it does not know', () => {
    expect(lastDay(until, 'en', 'Not/AZone')).toMatch(/2026/);
  });
});

describe('the reasons in words', () => {
  it('names each reason once, in order', () => {
    const reasons = [{ code: 'no_consent' }, { code: 'consent_revoked' }, { code: 'no_consent' }];
    expect(reasonsInWords({ reasons }, reasonText)).toBe(
      'a person in the picture has given no consent; a consent was withdrawn',
    );
  });
});
