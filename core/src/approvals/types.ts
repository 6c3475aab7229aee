// The approvals service's options and the view it gives surfaces.
import type { PublicClient } from '../client/public-client.js';
import type { PublicMedia } from '../client/types.js';
import type { RegistryClient } from '../client/registry-client.js';
import type { ConsentCache } from '../cache/consent-cache.js';
import type { PublicVerdictCache } from '../cache/public-cache.js';
import type { Reason, Warning } from '../rules/types.js';
import type { Coverage, Status } from '../rules/vocabulary.js';

/** Why a view is blocked without a verdict saying so, or why it cannot be fully trusted. */
export const ApprovalNotice = {
  /** Nothing has been fetched or synced yet, and the registry could not be asked. */
  notLoaded: 'not_loaded',
  /** Editor mode: the synced records do not contain the asset. */
  unknownAsset: 'unknown_asset',
  /** The data is older than `maxStalenessMs`: public views are blocked, editor views warn. */
  stale: 'stale',
  /** Public mode: the cached approval ended; blocked until the registry says otherwise. */
  expired: 'expired',
  /** Editor mode: the rules refused the synced records (see `error`). */
  invalidRecords: 'invalid_records',
} as const;
export type ApprovalNotice = (typeof ApprovalNotice)[keyof typeof ApprovalNotice];

/**
 * The verdict as a surface should show it now. In editor mode it carries the whole verdict of
 * the rules; public verdicts carry no channels, coverage or reasons, so those are absent there.
 */
export interface ApprovalView {
  assetId: string;
  channel: string;
  status: Status;
  approvedUntil: string | null;
  nextCheckAt: string | null;
  channels?: string[];
  coverage?: Coverage;
  reasons?: Reason[];
  warnings?: Warning[];
  /** The data is older than `maxStalenessMs` (a refresh has failed for that long). */
  stale: boolean;
  /** When the data behind the view was fetched (public) or synced (editor); null if never. */
  fetchedAt: string | null;
  /** Public mode, and only while approved: what to paint. */
  media?: PublicMedia;
  notice?: ApprovalNotice;
  /** The failure behind `notice` (the last refresh's, or the rules'), in words and as a code. */
  error?: { code: string; message: string };
}

export type ApprovalMode = 'editor' | 'public';

/** A document, as far as the service listens to it. */
export type VisibilitySource = Pick<
  Document,
  'visibilityState' | 'addEventListener' | 'removeEventListener'
>;
/** A window, as far as the service listens to it (`online`). */
export type ConnectivitySource = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** What both modes take besides their client and cache. */
export interface ServiceOptions {
  /** Default 60 000 ms. */
  refreshIntervalMs?: number;
  /** Default 15 minutes. */
  maxStalenessMs?: number;
  now?: () => number;
  setTimer?(callback: () => void, ms: number): unknown;
  clearTimer?(handle: unknown): void;
  /** Default the global `document`; null to ignore visibility. */
  document?: VisibilitySource | null;
  /** Default the global `window`; null to ignore `online`. */
  window?: ConnectivitySource | null;
}

/** A public page: server verdicts, cached and obeyed locally. */
export interface PublicApprovalsOptions extends ServiceOptions {
  client: Pick<PublicClient, 'publicVerdicts'>;
  cache: PublicVerdictCache;
}

/** An editor: synced records, evaluated locally. */
export interface EditorApprovalsOptions extends ServiceOptions {
  /** With an editor or session credential. */
  client: Pick<RegistryClient, 'sync'>;
  cache: ConsentCache;
}

export interface ApprovalsOptions extends ServiceOptions {
  /** Editor mode needs an editor or session credential, public mode a publishable key. */
  client: Pick<RegistryClient, 'sync' | 'publicVerdicts'>;
  cache: ConsentCache;
  mode: ApprovalMode;
}

export type ApprovalCallback = (view: ApprovalView) => void;

export interface Approvals {
  /** The view now; asks the registry first only when nothing usable is cached. */
  verdict(assetId: string, channel: string): Promise<ApprovalView>;
  /**
   * Calls back with the first view, then whenever something a surface shows changes: at
   * `approvedUntil` and `nextCheckAt` exactly, when staleness sets in, after a refresh that
   * changed the data. Returns the unsubscribe function.
   */
  watch(assetId: string, channel: string, callback: ApprovalCallback): () => void;
  /** Asks the registry now for everything watched. */
  refresh(): Promise<void>;
  /** Resolves when no load or refresh is in flight. */
  settled(): Promise<void>;
  /** Stops timers and listeners and forgets every watcher. */
  dispose(): void;
}
