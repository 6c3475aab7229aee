// Tabs of one origin share one database: a Web Lock lets one of them sync at a time, and a
// BroadcastChannel tells the others that new data arrived. Without either, each tab works alone.

/** What one tab tells the others after writing to the shared database. */
export type CacheMessage =
  | { kind: 'records'; changed: boolean; syncedAt: number }
  | { kind: 'public'; channel: string; assetIds: string[] };

export interface CoordinationOptions {
  /** Default `navigator.locks`; null to do without. */
  locks?: LockManager | null;
  /** Default `new BroadcastChannel(name)`; null to do without. */
  broadcastChannel?: ((name: string) => BroadcastChannel) | null;
}

export interface Coordination {
  /** Runs `work` while no other tab runs work under the same name. */
  exclusive<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  announce(message: CacheMessage): void;
  listen(listener: (message: CacheMessage) => void): () => void;
  close(): void;
}

export function createCoordination(name: string, options: CoordinationOptions): Coordination {
  const locks = options.locks === undefined ? (globalThis.navigator?.locks ?? null) : options.locks;
  const open =
    options.broadcastChannel === undefined
      ? typeof BroadcastChannel === 'function'
        ? (channelName: string) => new BroadcastChannel(channelName)
        : null
      : options.broadcastChannel;

  let channel: BroadcastChannel | undefined;
  const listeners = new Set<(message: CacheMessage) => void>();
  const onMessage = (event: MessageEvent) => {
    if (!isCacheMessage(event.data)) return;
    for (const listener of listeners) listener(event.data);
  };
  // Opened on first use: an open channel keeps a Node process (a test) alive.
  const channelOf = () => {
    if (!channel && open) {
      channel = open(name);
      channel.addEventListener('message', onMessage);
    }
    return channel;
  };

  return {
    exclusive(work, signal) {
      if (!locks) return work();
      return locks.request(name, signal ? { signal } : {}, work);
    },
    announce(message) {
      channelOf()?.postMessage(message);
    },
    listen(listener) {
      listeners.add(listener);
      channelOf();
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      channel?.removeEventListener('message', onMessage);
      channel?.close();
      channel = undefined;
    },
  };
}

function isCacheMessage(value: unknown): value is CacheMessage {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return kind === 'records' || kind === 'public';
}
