// The webhook dispatcher: POSTs due deliveries to their subscribers, signed, and records every
// attempt. A 2xx answer delivers; anything else (another status, a refused connection, a timeout)
// is retried after a growing delay until the attempts run out, then the delivery is `failed`.
//
// Deliveries are claimed before they are sent (their next attempt moved past the timeout), so
// several registry instances on one PostgreSQL database never send the same attempt twice.
import type { Kysely } from 'kysely';
import type { Database, DeliveryAttemptLog, Row } from '../db/schema.js';
import { parseJsonText, toJsonText } from '../util/json.js';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature.js';

/** Delays before the 2nd, 3rd, … attempt: 10 s, 1 min, 5 min, 30 min, 2 h; six attempts in all. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [
  10_000,
  60_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
];

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface DispatcherOptions {
  db: Kysely<Database>;
  /** The clock: when deliveries are due and the signature timestamp. */
  now?: () => Date;
  fetch?: typeof fetch;
  /** When the next poll runs; tests pass their own and call `runOnce` instead. */
  scheduler?: Scheduler;
  /** Time allowed per attempt. Default 10 s. */
  timeoutMs?: number;
  /** Delay before each retry; attempts = length + 1. */
  backoffMs?: readonly number[];
  /** Pause between polls when idle. Default 1 s. */
  pollMs?: number;
  /** Deliveries sent per poll, in parallel. Default 20. */
  batchSize?: number;
  /** Where failures are told. Default console.warn. */
  log?: (message: string) => void;
}

export interface Dispatcher {
  /** Starts polling (idempotent). */
  start(): void;
  /** Stops polling and waits for the attempts in flight. */
  stop(): Promise<void>;
  /** Sends the deliveries due now; resolves with how many were attempted. */
  runOnce(): Promise<number>;
  /** Polls now instead of at the next tick (after a write that queued deliveries). */
  wake(): void;
}

type DueDelivery = Pick<
  Row<'webhook_deliveries'>,
  'id' | 'webhook_id' | 'event' | 'payload' | 'attempts' | 'next_attempt_at' | 'attempt_log'
> & { url: string; secret: string };

const MAX_ERROR_LENGTH = 500;

export function createDispatcher(options: DispatcherOptions): Dispatcher {
  const {
    db,
    now = () => new Date(),
    fetch: fetchFn = globalThis.fetch,
    scheduler = { setTimeout, clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) },
    timeoutMs = 10_000,
    backoffMs = DEFAULT_BACKOFF_MS,
    pollMs = 1_000,
    batchSize = 20,
    log: warn = (message) => console.warn(message),
  } = options;
  const maxAttempts = backoffMs.length + 1;

  let running = false;
  let timer: unknown;
  let inFlight: Promise<unknown> = Promise.resolve();

  async function runOnce(): Promise<number> {
    const at = now();
    const due = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .select([
        'd.id',
        'd.webhook_id',
        'd.event',
        'd.payload',
        'd.attempts',
        'd.next_attempt_at',
        'd.attempt_log',
        'w.url',
        'w.secret',
      ])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', at.toISOString())
      .where('w.active', '=', 1)
      .orderBy('d.next_attempt_at')
      .orderBy('d.id')
      .limit(batchSize)
      .execute();
    const claimed = (await Promise.all(due.map((delivery) => claim(delivery, at)))).filter(
      (delivery) => delivery !== undefined,
    );
    await Promise.all(claimed.map((delivery) => attempt(delivery)));
    return claimed.length;
  }

  /** Moves the next attempt past this one's timeout; undefined when another instance got it. */
  async function claim(delivery: DueDelivery, at: Date): Promise<DueDelivery | undefined> {
    const lease = new Date(at.getTime() + timeoutMs + 60_000).toISOString();
    const result = await db
      .updateTable('webhook_deliveries')
      .set({ next_attempt_at: lease })
      .where('id', '=', delivery.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', delivery.next_attempt_at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? delivery : undefined;
  }

  async function attempt(delivery: DueDelivery): Promise<void> {
    const started = now();
    const timestamp = Math.floor(started.getTime() / 1000);
    const clock = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetchFn(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Clearframe-Webhooks/1',
          [EVENT_HEADER]: delivery.event,
          [DELIVERY_HEADER]: delivery.id,
          [SIGNATURE_HEADER]: signatureHeader(delivery.secret, timestamp, delivery.payload),
        },
        body: delivery.payload,
        // A redirect is an answer other than 2xx: following it would post the event elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status < 200 || status > 299) error = `HTTP ${status}`;
    } catch (caught) {
      error = describe(caught, timeoutMs);
    }
    const durationMs = Math.round(performance.now() - clock);
    await record(delivery, { at: started.toISOString(), status, error, durationMs });
  }

  async function record(delivery: DueDelivery, entry: DeliveryAttemptLog): Promise<void> {
    const attempts = delivery.attempts + 1;
    const log = [...parseJsonText(delivery.attempt_log ?? toJsonText([])), entry];
    const delivered = entry.error === null;
    const exhausted = !delivered && attempts >= maxAttempts;
    const finished = now();
    const retryIn = backoffMs[attempts - 1] ?? 0;
    await db
      .updateTable('webhook_deliveries')
      .set({
        attempts,
        attempt_log: toJsonText(log),
        response_status: entry.status,
        last_error: entry.error,
        status: delivered ? 'delivered' : exhausted ? 'failed' : 'pending',
        delivered_at: delivered ? finished.toISOString() : null,
        next_attempt_at:
          delivered || exhausted ? null : new Date(finished.getTime() + retryIn).toISOString(),
      })
      .where('id', '=', delivery.id)
      .execute();
    if (!delivered) {
      warn(
        `webhooks: delivery ${delivery.id} to webhook ${delivery.webhook_id}, attempt ${attempts}: ${entry.error ?? ''}` +
          (exhausted ? '; giving up' : `; retrying in ${Math.round(retryIn / 1000)} s`),
      );
    }
  }

  function schedule(delay: number): void {
    if (!running) return;
    scheduler.clearTimeout(timer);
    timer = scheduler.setTimeout(tick, delay);
  }

  function tick(): void {
    timer = undefined;
    const run = inFlight.then(runOnce).then(
      (count) => schedule(count === batchSize ? 0 : pollMs),
      (error: unknown) => {
        warn(`webhooks: dispatcher poll failed: ${describe(error, timeoutMs)}`);
        schedule(pollMs);
      },
    );
    inFlight = run;
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      scheduler.clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
    runOnce,
    wake() {
      if (running && timer !== undefined) schedule(0);
    },
  };
}

function describe(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return `timed out after ${timeoutMs} ms`;
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const detail =
      typeof cause?.code === 'string'
        ? cause.code
        : typeof cause?.message === 'string'
          ? cause.message
          : '';
    const text = detail === '' ? error.message : `${error.message}: ${detail}`;
    return text.slice(0, MAX_ERROR_LENGTH);
  }
  return String(error).slice(0, MAX_ERROR_LENGTH);
}
