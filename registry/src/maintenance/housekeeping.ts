// The server's periodic job: runs cleanupExpired every interval until stopped.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { cleanupExpired } from './cleanup.js';
import type { CleanupResult } from './cleanup.js';

export const HOUSEKEEPING_INTERVAL_MS = 10 * 60 * 1000;

export interface HousekeepingOptions {
  db: Kysely<Database>;
  now?: () => Date;
  /** Default 10 minutes. The first run is one interval after the start. */
  intervalMs?: number;
  /** Called after each run; default: nothing. */
  onRun?: (result: CleanupResult) => void;
  /** A failed run is reported here and retried at the next interval. Default: console.error. */
  onError?: (error: unknown) => void;
}

export interface Housekeeping {
  /** Runs a clean-up now (waits for one in progress instead of starting a second). */
  runNow(): Promise<CleanupResult | undefined>;
  /** No further runs; resolves when a run in progress has finished. */
  stop(): Promise<void>;
}

export function startHousekeeping({
  db,
  now = () => new Date(),
  intervalMs = HOUSEKEEPING_INTERVAL_MS,
  onRun = () => {},
  onError = (error) => console.error('registry: housekeeping failed', error),
}: HousekeepingOptions): Housekeeping {
  let running: Promise<CleanupResult | undefined> | undefined;
  let stopped = false;

  const run = (): Promise<CleanupResult | undefined> => {
    if (stopped) return Promise.resolve(undefined);
    running ??= cleanupExpired(db, now())
      .then(
        (result) => {
          onRun(result);
          return result;
        },
        (error: unknown) => {
          onError(error);
          return undefined;
        },
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const timer = setInterval(() => void run(), intervalMs);
  // The job never keeps the process alive on its own.
  timer.unref();

  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
