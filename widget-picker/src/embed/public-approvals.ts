// One public approvals service per registry, publishable key and timing, shared by every element;
// one client and one verdict cache per registry and key, shared by those services.
// From `@clearframe/core/public`: no rules, zod, ky or idb in the embed bundle.
import {
  APPROVALS_DEFAULTS,
  createPublicApprovals,
  createPublicClient,
  openPublicCache,
} from '@clearframe/core/public';
import type { Approvals, PublicClient, PublicVerdictCache } from '@clearframe/core/public';

/** How often a page asks the registry again, and how old a verdict may be before it hides. */
export interface PublicTiming {
  refreshIntervalMs: number;
  maxStalenessMs: number;
}

const services = new Map<string, Approvals>();
const sources = new Map<string, { client: PublicClient; cache: PublicVerdictCache }>();

/**
 * The page's approvals service for `registry` and `key` (a `cf_pk_…` publishable key), with
 * core's timing unless given (see `publicTiming` for values from markup).
 */
export function publicApprovals(
  registry: string,
  key: string,
  timing: Partial<PublicTiming> = {},
): Approvals {
  const { refreshIntervalMs, maxStalenessMs } = { ...APPROVALS_DEFAULTS, ...timing };
  const id = `${registry}\n${key}`;
  const serviceId = `${id}\n${refreshIntervalMs}\n${maxStalenessMs}`;
  let service = services.get(serviceId);
  if (!service) {
    let source = sources.get(id);
    if (!source) {
      source = {
        client: createPublicClient({ baseUrl: registry, key }),
        // One database per registry and key: another site's key on the same origin is another
        // scope.
        cache: openPublicCache({ registry: `${new URL(registry).href} ${key}` }),
      };
      sources.set(id, source);
    }
    service = createPublicApprovals({ ...source, refreshIntervalMs, maxStalenessMs });
    services.set(serviceId, service);
  }
  return service;
}

/** The longest refresh interval markup may ask for: a day. */
export const MAX_REFRESH_INTERVAL_S = 86_400;

const warned = new Set<string>();

/**
 * The timing a page's markup asks for, in seconds (attribute text or a property's number):
 * `maxStaleness` at least 2 (default 900), `refreshInterval` from 1 to a day and below
 * `maxStaleness` (default 60, or half of `maxStaleness` when that is shorter). Anything else is
 * replaced by its default, with one console warning per page for each distinct mistake.
 */
export function publicTiming(
  given: { refreshInterval?: unknown; maxStaleness?: unknown },
  names: { who: string; refreshInterval: string; maxStaleness: string },
): PublicTiming {
  /** The setting in seconds if it passes, else the fallback (and a warning unless absent). */
  const checked = (
    setting: 'refreshInterval' | 'maxStaleness',
    passes: (value: number) => boolean,
    expected: string,
    fallback: number,
  ): number => {
    const value = seconds(given[setting]);
    if (value === undefined || passes(value)) return value ?? fallback;
    const text = given[setting];
    const shown = typeof text === 'string' ? JSON.stringify(text) : String(text);
    const message = `${names.who}: ${names[setting]} must be ${expected}, not ${shown}; using ${fallback}`;
    if (!warned.has(message)) console.warn(message);
    warned.add(message);
    return fallback;
  };
  const staleness = checked(
    'maxStaleness',
    (value) => value >= 2 && value < Infinity,
    'a number of seconds, at least 2',
    APPROVALS_DEFAULTS.maxStalenessMs / 1000,
  );
  const refresh = checked(
    'refreshInterval',
    (value) => value >= 1 && value <= MAX_REFRESH_INTERVAL_S && value < staleness,
    `a number of seconds from 1 to ${MAX_REFRESH_INTERVAL_S}, below ${names.maxStaleness} (${staleness})`,
    Math.min(APPROVALS_DEFAULTS.refreshIntervalMs / 1000, staleness / 2),
  );
  return {
    refreshIntervalMs: Math.round(refresh * 1000),
    maxStalenessMs: Math.round(staleness * 1000),
  };
}

/** A number of seconds as given; undefined when absent, NaN when not a number at all. */
function seconds(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return value;
  return typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
}
