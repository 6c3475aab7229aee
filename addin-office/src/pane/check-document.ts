// "Check this document": every Clearframe picture in the open file with its current verdict.

import type { Reason, Status } from '@clearframe/core';
import type { HostAdapter, PictureRef } from '../hosts/host-adapter.js';
import { lastValidDay } from './dates.js';
import type { VerdictFor, VerdictLookup } from './verdict-lookup.js';

export const PictureAction = {
  select: 'select',
  remove: 'remove',
  replace: 'replace',
} as const;
export type PictureAction = (typeof PictureAction)[keyof typeof PictureAction];

export interface PictureReport {
  ref: PictureRef;
  assetId: string;
  altText: string;
  /** `unknown`: no verdict at all (offline and never cached). */
  status: Status | 'unknown';
  /** The verdict is the cached one because the registry could not be reached. */
  stale: boolean;
  /** For expiring pictures: the last day they may be used, `YYYY-MM-DD` in the policy's zone. */
  lastValidDay: string | null;
  reasons: Reason[];
  /** What the pane offers: select for every picture; remove and replace for blocked ones. */
  actions: PictureAction[];
}

export interface DocumentReport {
  pictures: PictureReport[];
  counts: Record<PictureReport['status'], number>;
  /** True when at least one verdict came from the cache. */
  stale: boolean;
}

export interface CheckOptions {
  /** policy.timeZone: the zone in which the last valid day is read. */
  timeZone: string;
}

export async function checkDocument(
  host: HostAdapter,
  verdictFor: VerdictFor,
  options: CheckOptions,
): Promise<DocumentReport> {
  const pictures = await host.listPictures();
  // One lookup per asset, even when a picture is used several times.
  const lookups = new Map<string, Promise<VerdictLookup | null>>();
  for (const { assetId } of pictures) {
    if (!lookups.has(assetId)) lookups.set(assetId, verdictFor(assetId));
  }
  const reports = await Promise.all(
    pictures.map(async (picture): Promise<PictureReport> => {
      const lookup = await lookups.get(picture.assetId);
      return report(picture, lookup ?? null, options.timeZone);
    }),
  );
  const counts = { approved: 0, expiring: 0, blocked: 0, unknown: 0 };
  for (const { status } of reports) counts[status] += 1;
  return { pictures: reports, counts, stale: reports.some((entry) => entry.stale) };
}

function report(
  picture: { ref: PictureRef; assetId: string; altText: string },
  lookup: VerdictLookup | null,
  timeZone: string,
): PictureReport {
  const base = { ref: picture.ref, assetId: picture.assetId, altText: picture.altText };
  if (lookup === null) {
    return {
      ...base,
      status: 'unknown',
      stale: true,
      lastValidDay: null,
      reasons: [],
      actions: ['select'],
    };
  }
  const { verdict, stale } = lookup;
  const expiringDay =
    verdict.status === 'expiring' && verdict.approvedUntil !== null
      ? lastValidDay(verdict.approvedUntil, timeZone)
      : null;
  return {
    ...base,
    status: verdict.status,
    stale,
    lastValidDay: expiringDay,
    reasons: verdict.status === 'blocked' ? verdict.reasons : [],
    actions: verdict.status === 'blocked' ? ['select', 'remove', 'replace'] : ['select'],
  };
}
