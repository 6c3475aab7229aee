// Login rate limiting: at most LOGIN_ATTEMPTS failed logins per e-mail and client address within
// LOGIN_WINDOW_MS; further attempts answer 429 with Retry-After, even with the right password.
// The counts live in the process (one registry instance); behind a load balancer each instance
// counts alone, which still bounds a guesser to attempts × instances per window.
import type { Context, MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AppDeps, AppEnv } from '../http/env.js';
import { problemResponse, toProblem } from '../http/problem.js';
import { RateLimitedError } from '../errors/rate-limited-error.js';

export const LOGIN_ATTEMPTS = 10;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Past this many tracked pairs, pairs with no attempt in the window are dropped. */
const SWEEP_AT = 10_000;
/** The most pairs ever kept: beyond it the oldest are forgotten (a flood must not exhaust memory). */
const MAX_PAIRS = 100_000;

export class LoginThrottle {
  // Attempt instants per `email ip`, oldest first: failures, and attempts still being checked.
  readonly #attempts = new Map<string, number[]>();

  constructor(
    readonly limit = LOGIN_ATTEMPTS,
    readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string, now: number): number {
    const attempts = this.#live(key, now);
    if (attempts.length < this.limit) return 0;
    return (attempts[attempts.length - this.limit] ?? now) + this.windowMs - now;
  }

  /**
   * Counts an attempt before the password is checked (so parallel guesses count too) and returns
   * its settlement: a failure keeps it, a success forgets the key, anything else drops it.
   */
  begin(key: string, now: number): (outcome: 'failed' | 'succeeded' | 'other') => void {
    const attempts = this.#live(key, now);
    attempts.push(now);
    this.#attempts.delete(key);
    this.#attempts.set(key, attempts);
    this.#sweep(now);
    return (outcome) => {
      if (outcome === 'failed') return;
      if (outcome === 'succeeded') {
        this.#attempts.delete(key);
        return;
      }
      const current = this.#attempts.get(key);
      const index = current?.indexOf(now) ?? -1;
      if (current !== undefined && index >= 0) current.splice(index, 1);
    };
  }

  get size(): number {
    return this.#attempts.size;
  }

  #live(key: string, now: number): number[] {
    const attempts = (this.#attempts.get(key) ?? []).filter((at) => at > now - this.windowMs);
    if (attempts.length === 0) this.#attempts.delete(key);
    return attempts;
  }

  #sweep(now: number): void {
    if (this.#attempts.size < SWEEP_AT) return;
    for (const [key, attempts] of this.#attempts) {
      if ((attempts.at(-1) ?? 0) <= now - this.windowMs) this.#attempts.delete(key);
    }
    for (const key of this.#attempts.keys()) {
      if (this.#attempts.size <= MAX_PAIRS) break;
      this.#attempts.delete(key);
    }
  }
}

// One throttle per app (its deps), so apps in one process (tests) do not share counts.
const throttles = new WeakMap<AppDeps, LoginThrottle>();

export function loginThrottleOf(deps: AppDeps): LoginThrottle {
  let throttle = throttles.get(deps);
  if (throttle === undefined) {
    throttle = new LoginThrottle();
    throttles.set(deps, throttle);
  }
  return throttle;
}

/** Middleware for the login route; reads the e-mail from a clone of the JSON body. */
export function loginThrottle(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const email = await emailOf(c);
    if (email === undefined) return next();
    const throttle = loginThrottleOf(c.var.deps);
    const key = `${email} ${clientAddress(c)}`;
    const now = c.var.deps.now().getTime();
    const waitMs = throttle.retryAfterMs(key, now);
    if (waitMs > 0) {
      const seconds = Math.max(1, Math.ceil(waitMs / 1000));
      const response = problemResponse(toProblem(new RateLimitedError(seconds)));
      response.headers.set('Retry-After', String(seconds));
      return response;
    }
    const settle = throttle.begin(key, now);
    try {
      await next();
    } finally {
      const status = c.res.status;
      settle(status === 401 ? 'failed' : status >= 200 && status < 300 ? 'succeeded' : 'other');
    }
  };
}

async function emailOf(c: Context<AppEnv>): Promise<string | undefined> {
  try {
    const body = (await c.req.raw.clone().json()) as { email?: unknown } | null;
    const email = body?.email;
    return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
  } catch {
    // Not JSON: the validator answers it.
    return undefined;
  }
}

/** The socket's peer address; forwarded-for headers are not trusted (any client can set them). */
function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // In-process requests (app.request) have no socket.
    return 'local';
  }
}
