// A double of core's approvals service: the test decides which views watchers hear, and when.
import type { ApprovalCallback, ApprovalView, Approvals } from '@clearframe/core/public';

export class ApprovalsDouble implements Pick<Approvals, 'watch' | 'verdict'> {
  readonly watchers = new Map<string, Set<ApprovalCallback>>();
  readonly views = new Map<string, ApprovalView>();

  watch(assetId: string, channel: string, callback: ApprovalCallback): () => void {
    const key = `${assetId}\n${channel}`;
    let set = this.watchers.get(key);
    if (!set) this.watchers.set(key, (set = new Set()));
    set.add(callback);
    const known = this.views.get(key);
    if (known) queueMicrotask(() => callback(known));
    return () => set.delete(callback);
  }

  async verdict(assetId: string, channel: string): Promise<ApprovalView> {
    return this.views.get(`${assetId}\n${channel}`) ?? view(assetId, { status: 'blocked' });
  }

  /** Tells every watcher of the view's asset and channel. */
  emit(next: ApprovalView): void {
    const key = `${next.assetId}\n${next.channel}`;
    this.views.set(key, next);
    for (const callback of this.watchers.get(key) ?? []) callback(next);
  }

  watching(assetId: string, channel = 'web'): number {
    return this.watchers.get(`${assetId}\n${channel}`)?.size ?? 0;
  }
}

export const MEDIA = {
  src: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="16" height="9"/%3E',
  srcset:
    'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="16" height="9"/%3E 16w',
  alt: 'Pupils singing at the Lucia concert',
  width: 1600,
  height: 900,
};

/** A public view of `assetId` in channel web. */
export function view(assetId: string, extra: Partial<ApprovalView>): ApprovalView {
  const base: ApprovalView = {
    assetId,
    channel: 'web',
    status: 'approved',
    approvedUntil: null,
    nextCheckAt: null,
    stale: false,
    fetchedAt: new Date().toISOString(),
    ...extra,
  };
  if (base.status !== 'blocked' && !('media' in extra)) base.media = MEDIA;
  return base;
}
