// Whether a picked asset may go into the document, under the organisation's `office` policy.

import type { Reason } from '@clearframe/core';
import { lastValidDay } from './dates.js';
import type { VerdictLookup } from './verdict-lookup.js';

/** The organisation's rule for non-approved pictures on the `office` surface (policy.surfaces.office). */
export const SurfacePolicy = {
  /** Not offered at all. */
  hide: 'hide',
  /** Offered; inserting asks for a confirmation that names the reason. */
  warn: 'warn',
  /** Offered with the reason, so the user sees why, but cannot be inserted. */
  block: 'block',
} as const;
export type SurfacePolicy = (typeof SurfacePolicy)[keyof typeof SurfacePolicy];

export type InsertDecision =
  /** Insert directly; `lastValidDay` is set for an expiring picture and shown before insertion. */
  | { kind: 'insert'; lastValidDay: string | null; stale: boolean }
  /** Ask first, naming the reasons; insert only when the user agrees. */
  | { kind: 'confirm'; reasons: Reason[]; stale: boolean }
  /** Show why, offer no insertion. `reasons` is empty when nothing is known about the asset. */
  | { kind: 'refuse'; reasons: Reason[]; stale: boolean }
  /** Do not offer this picture. */
  | { kind: 'hide' };

export function decideInsert(
  lookup: VerdictLookup | null,
  policy: SurfacePolicy,
  timeZone: string,
): InsertDecision {
  if (lookup === null) {
    // Nothing known: never insertable, and hidden where the organisation hides blocked pictures.
    return policy === SurfacePolicy.hide
      ? { kind: 'hide' }
      : { kind: 'refuse', reasons: [], stale: true };
  }
  const { verdict, stale } = lookup;
  switch (verdict.status) {
    case 'approved':
      return { kind: 'insert', lastValidDay: null, stale };
    case 'expiring':
      return {
        kind: 'insert',
        lastValidDay:
          verdict.approvedUntil === null ? null : lastValidDay(verdict.approvedUntil, timeZone),
        stale,
      };
    case 'blocked':
      if (policy === SurfacePolicy.hide) return { kind: 'hide' };
      if (policy === SurfacePolicy.warn)
        return { kind: 'confirm', reasons: verdict.reasons, stale };
      return { kind: 'refuse', reasons: verdict.reasons, stale };
  }
}

/** Whether the picker should list the asset at all. */
export function isOffered(decision: InsertDecision): boolean {
  return decision.kind !== 'hide';
}
