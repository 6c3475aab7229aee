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
  close(): void;
}

/** `hear` is called with what the other tabs announce. */
export function createCoordination(
  name: string,
  options: CoordinationOptions,
  hear: (message: CacheMessage) => void,
): Coordination {
  const locks = options.locks === undefined ? globalThis.navigator?.locks : options.locks;
  const open =
    options.broadcastChannel === undefined
      ? typeof BroadcastChannel === 'function' && ((name: string) => new BroadcastChannel(name))
      : options.broadcastChannel;
  const channel = open ? open(name) : undefined;
  if (channel)
    channel.onmessage = ({ data }: MessageEvent<CacheMessage | null>) => {
      if (data?.kind === 'records' || data?.kind === 'public') hear(data);
    };

  return {
    exclusive: (work, signal) =>
      locks ? locks.request(name, signal ? { signal } : {}, work) : work(),
    announce: (message) => channel?.postMessage(message),
    close: () => channel?.close(),
  };
}
