// What the pane knows about one asset: a verdict for the pane's channel, and whether it is stale.

import type { Verdict } from '@clearframe/core';

export interface VerdictLookup {
  verdict: Verdict;
  /** True when the registry could not be reached and this is the cached verdict. */
  stale: boolean;
}

/**
 * The registry's answer for an asset in the pane's channel; null when there is none at all
 * (offline and never cached). Supplied by the caller: the core client once it exists.
 */
export type VerdictFor = (assetId: string) => Promise<VerdictLookup | null>;
