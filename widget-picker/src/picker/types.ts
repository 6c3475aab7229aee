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
  /**
   * An address an `<img>` loads as it is, for a source without `thumbnail()`. `fromCache` sets
   * none: the change feed's `thumbUrl` needs the editor's credential (see FromCacheOptions).
   */
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
  /**
   * The bytes of an item's thumbnail (null: none), for thumbnails behind a credential an `<img>`
   * cannot send (an editor key in a header). Optional: with it the picker asks only for the
   * tiles it renders (the rows in view), shows each as an object URL and revokes it when the
   * tile leaves the view or the picker is removed, and aborts `signal` for a tile gone before
   * its bytes came; `thumbUrl` is then no `<img>` address. A rejection leaves the placeholder.
   */
  thumbnail?(item: PickerItem, options: { signal: AbortSignal }): Promise<Blob | null>;
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
