// What <cf-picker> shows and where it gets it: items, their verdicts, and the source of both.
import type { ApprovalNotice, ReasonCode, Status } from '@clearframe/core';

/** The part of a verdict the picker shows; an ApprovalView fits. */
export interface PickerVerdict {
  status: Status;
  approvedUntil: string | null;
  reasons?: readonly { code: ReasonCode }[];
  /** Editor mode: the data is older than the staleness bound; the badge says so. */
  stale?: boolean;
  notice?: ApprovalNotice;
}

export interface PickerItem {
  id: string;
  title: string;
  tags?: readonly string[];
  /** Editor mode only, when the data has them; searched like the title. */
  personNames?: readonly string[];
  thumbUrl?: string | null;
  alt?: string;
  width?: number | null;
  height?: number | null;
  verdict: PickerVerdict;
}

export interface PickerSource {
  /** Every item with its verdict in `channel` now. */
  list(channel: string, options?: { signal?: AbortSignal }): Promise<PickerItem[]>;
  /**
   * Calls back with the verdicts that changed (by id) whenever they change; returns the
   * unsubscribe function. Optional: a source without it is a snapshot.
   */
  watch?(
    channel: string,
    callback: (changed: ReadonlyMap<string, PickerVerdict>) => void,
  ): () => void;
}

/** How the surface treats pictures that are not approved. */
export const PickerMode = {
  /** Not listed at all. */
  hide: 'hide',
  /** Listed, not pickable, with the reason. */
  disable: 'disable',
  /** Listed and pickable after a warning. */
  warn: 'warn',
} as const;
export type PickerMode = (typeof PickerMode)[keyof typeof PickerMode];

export type StatusFilter = 'all' | Status;
