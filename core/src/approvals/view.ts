// How a view is derived at an instant from what is cached; pure, so timers can call it exactly.
// The public view is here; the editor's, which runs the rules, is in editor-view.ts.
import type { StoredPublicVerdict } from '../cache/schema.js';
import { isClearframeError } from '../errors/clearframe-error.js';
import type { ApprovalNotice, ApprovalView } from './types.js';

export interface ErrorInfo {
  code: string;
  message: string;
}

export interface Derived {
  view: ApprovalView;
  /** The next instant after `at` at which the view may change by time alone. */
  wakeAt: number;
}

export interface Base {
  assetId: string;
  channel: string;
  maxStalenessMs: number;
  lastError: ErrorInfo | undefined;
}

export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
export const parse = (instant: string | null) => (instant === null ? null : Date.parse(instant));
export const after = (at: number, ...instants: (number | null)[]) =>
  Math.min(...instants.filter((t): t is number => t !== null && t > at), Infinity);

export function blocked(
  base: Base,
  at: number,
  fetchedAt: number | null,
  notice: ApprovalNotice,
): ApprovalView {
  const stale = fetchedAt === null || at - fetchedAt >= base.maxStalenessMs;
  const view: ApprovalView = {
    assetId: base.assetId,
    channel: base.channel,
    status: 'blocked',
    approvedUntil: null,
    nextCheckAt: null,
    stale,
    fetchedAt: iso(fetchedAt),
    notice,
  };
  if (base.lastError && (stale || notice === 'not_loaded')) view.error = base.lastError;
  return view;
}

/**
 * Public mode. Fails closed: blocked once the verdict is older than the staleness bound, and at
 * `approvedUntil` whatever the network says. At `nextCheckAt` an approval becomes `expiring`
 * (the only change the contract allows before `approvedUntil`).
 */
export function publicView(
  base: Base,
  stored: StoredPublicVerdict | null | undefined,
  at: number,
): Derived {
  if (!stored) return { view: blocked(base, at, null, 'not_loaded'), wakeAt: Infinity };
  const { verdict, fetchedAt } = stored;
  const staleAt = fetchedAt + base.maxStalenessMs;
  if (at >= staleAt) return { view: blocked(base, at, fetchedAt, 'stale'), wakeAt: Infinity };
  const until = parse(verdict.approvedUntil);
  const next = parse(verdict.nextCheckAt);
  if (until !== null && at >= until)
    return { view: blocked(base, at, fetchedAt, 'expired'), wakeAt: staleAt };

  const status =
    verdict.status === 'approved' && next !== null && at >= next ? 'expiring' : verdict.status;
  const view: ApprovalView = {
    assetId: base.assetId,
    channel: base.channel,
    status,
    approvedUntil: verdict.approvedUntil,
    nextCheckAt: next !== null && next > at ? verdict.nextCheckAt : null,
    stale: false,
    fetchedAt: iso(fetchedAt),
  };
  if (status !== 'blocked' && verdict.media) view.media = verdict.media;
  return { view, wakeAt: after(at, staleAt, until, next) };
}

/** What a surface shows of a view; callbacks fire only when this changes. */
export function signature(view: ApprovalView): string {
  // JSON writes what is undefined in an array as null.
  return JSON.stringify([
    view.status,
    view.approvedUntil,
    view.stale,
    view.notice,
    view.error?.code,
    view.channels,
    view.coverage,
    view.reasons,
    view.warnings,
    view.media,
  ]);
}

export function errorInfo(error: unknown): ErrorInfo {
  const message = error instanceof Error ? error.message : String(error);
  return { code: isClearframeError(error) ? error.code : 'unexpected_error', message };
}
