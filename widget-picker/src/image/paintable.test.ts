import type { ApprovalView } from '@clearframe/core/public';
import { describe, expect, it } from 'vitest';
import { isShowable, paintable } from './paintable.js';

const now = Date.parse('2027-01-01T00:00:00Z');
const media = { src: 'https://registry.test/v1/media/ast_1/medium' };
const view = (extra: Partial<ApprovalView>): ApprovalView => ({
  assetId: 'ast_1',
  channel: 'web',
  status: 'approved',
  approvedUntil: '2027-06-30T22:00:00Z',
  nextCheckAt: null,
  stale: false,
  fetchedAt: '2026-12-31T23:59:00Z',
  media,
  ...extra,
});

describe('paintable', () => {
  it('paints approved and expiring views with media', () => {
    expect(paintable(view({}), now)).toBe(media);
    expect(paintable(view({ status: 'expiring' }), now)).toBe(media);
  });

  it('paints nothing before the first verdict, when blocked or stale', () => {
    expect(paintable(undefined, now)).toBeUndefined();
    expect(paintable(view({ status: 'blocked' }), now)).toBeUndefined();
    expect(paintable(view({ stale: true }), now)).toBeUndefined();
  });

  it('paints nothing from the instant the approval ends, even if the view is late', () => {
    const until = Date.parse('2027-06-30T22:00:00Z');
    expect(paintable(view({}), until - 1)).toBe(media);
    expect(paintable(view({}), until)).toBeUndefined();
  });

  it('shows plain markup without media while approved', () => {
    const plain = view({});
    delete plain.media;
    expect(isShowable(plain, now)).toBe(true);
  });
});
