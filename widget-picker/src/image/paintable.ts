// Whether a view lets a public surface paint the picture now, and with what.
import type { ApprovalView, PublicMedia } from '@clearframe/core/public';

/**
 * The media to paint, or undefined. Fails closed: only an approved or expiring, fresh view
 * whose approval has not ended by `now` (the service's timer may ring late in a throttled tab).
 */
export function paintable(view: ApprovalView | undefined, now: number): PublicMedia | undefined {
  if (!view || !isShowable(view, now)) return undefined;
  return view.media;
}

/** Whether a view allows showing the picture at `now`, media or not (plain <img> markup). */
export function isShowable(view: ApprovalView | undefined, now: number): boolean {
  if (!view || view.stale) return false;
  if (view.status !== 'approved' && view.status !== 'expiring') return false;
  return view.approvedUntil === null || Date.parse(view.approvedUntil) > now;
}
