// What the editor shows of a picture's verdict: core's ApprovalView (editor mode, evaluated in the
// browser from the synced records) reduced to what the block's notice and the pre-publish check
// need, and the words for it. Pure: unit-tested in verdict-state.test.ts.
import type { ApprovalView } from '@clearframe/core';

export interface EditorVerdict {
  status: 'approved' | 'expiring' | 'blocked';
  /** The instant the approval ends (exclusive); null when not approved. */
  approvedUntil: string | null;
  reasons: readonly { code: string }[];
  /** The registry has not been reached for longer than the staleness bound. */
  stale: boolean;
  /** When the records behind the verdict were last synced; null if never. */
  syncedAt: string | null;
}

export type VerdictState =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'complete'; verdict: EditorVerdict }
  /** The registry could not be asked (never synced) or its records were not understood. */
  | { state: 'error'; detail: string | undefined };

/** The reason the editor gives for a picture the synced records do not contain. */
export const UNKNOWN_ASSET = 'unknown_asset';

export function stateOf(view: ApprovalView): VerdictState {
  if (view.notice === 'not_loaded' || view.notice === 'invalid_records') {
    return { state: 'error', detail: view.error?.message };
  }
  const unknown = view.notice === 'unknown_asset';
  return {
    state: 'complete',
    verdict: {
      status: unknown ? 'blocked' : view.status,
      approvedUntil: unknown ? null : view.approvedUntil,
      reasons: unknown ? [{ code: UNKNOWN_ASSET }] : (view.reasons ?? []),
      stale: view.stale,
      syncedAt: view.fetchedAt,
    },
  };
}

/**
 * The last day a picture approved until `approvedUntil` (an exclusive instant) may be shown, as a
 * date in words. Read in the policy's time zone when known: approvals end at midnight there.
 */
export function lastDay(approvedUntil: string, locale: string, timeZone?: string): string {
  const moment = new Date(Date.parse(approvedUntil) - 1);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(moment);
  } catch {
    // An unknown locale or zone: the browser's.
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(moment);
  }
}

/** An instant as date and time in words, in the browser's zone (when the editor last synced). */
export function moment(instant: string, locale: string): string {
  const date = new Date(instant);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

/** The reasons of a blocked verdict in words, each once. */
export function reasonsInWords(
  verdict: Pick<EditorVerdict, 'reasons'>,
  words: (code: string) => string,
): string {
  return [...new Set(verdict.reasons.map((reason) => words(reason.code)))].join('; ');
}
