// The editor's view: the rules run locally at an instant over the synced records.
import { evaluateCached } from '../cache/inputs.js';
import type { CachedInputs } from '../cache/store.js';
import { ApprovalNotice } from './types.js';
import type { ApprovalView } from './types.js';
import { after, blocked, errorInfo, iso, parse } from './view.js';
import type { Base, Derived } from './view.js';

/** Editor mode: the rules, run locally at `at`; stale once the last sync is older than the bound. */
export function editorView(
  base: Base,
  inputs: CachedInputs | null | undefined,
  syncedAt: number | null,
  at: number,
): Derived {
  const staleAt = syncedAt === null ? null : syncedAt + base.maxStalenessMs;
  if (!inputs) {
    const notice = syncedAt === null ? ApprovalNotice.notLoaded : ApprovalNotice.unknownAsset;
    return { view: blocked(base, at, syncedAt, notice), wakeAt: after(at, staleAt) };
  }
  let verdict;
  try {
    verdict = evaluateCached(inputs, base.channel, at);
  } catch (error) {
    const view = blocked(base, at, syncedAt, ApprovalNotice.invalidRecords);
    view.error = errorInfo(error);
    return { view, wakeAt: after(at, staleAt) };
  }
  const stale = staleAt === null || at >= staleAt;
  const view: ApprovalView = {
    assetId: base.assetId,
    channel: base.channel,
    ...verdict,
    stale,
    fetchedAt: iso(syncedAt),
  };
  if (stale) {
    view.notice = ApprovalNotice.stale;
    if (base.lastError) view.error = base.lastError;
  }
  return { view, wakeAt: after(at, staleAt, parse(verdict.nextCheckAt)) };
}
