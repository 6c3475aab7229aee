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

/** How markup names its settings, for warnings: `who` is the element or script. */
export interface SettingNames {
  who: string;
  refreshInterval: string;
  maxStaleness: string;
}

const warned = new Set<string>();

/** Warns once per page for each distinct message. */
function warnOnce(message: string, ...details: unknown[]) {
  if (!warned.has(message)) console.warn(message, ...details);
  warned.add(message);
}

/**
 * The timing a page's markup asks for, in seconds (attribute text or a property's number):
 * `maxStaleness` at least 2 (default 900), `refreshInterval` from 1 to a day and below
 * `maxStaleness` (default 60, or half of `maxStaleness` when that is shorter). Anything else is
 * replaced by its default, with one console warning per page for each distinct mistake.
 */
export function publicTiming(
  given: { refreshInterval?: unknown; maxStaleness?: unknown },
  names: SettingNames,
): PublicTiming {
  /** The setting in seconds if it passes, else the fallback (and a warning unless absent). */
  const checked = (
    setting: 'refreshInterval' | 'maxStaleness',
    passes: (value: number) => boolean,
    expected: string,
    fallback: number,
  ): number => {
    const text = given[setting];
    if (text == null) return fallback;
    const value =
      typeof text === 'number'
        ? text
        : typeof text === 'string' && text.trim()
          ? Number(text)
          : NaN;
    if (passes(value)) return value;
    const shown = typeof text === 'string' ? JSON.stringify(text) : String(text);
    warnOnce(
      `${names.who}: ${names[setting]} must be ${expected}, not ${shown}; using ${fallback}`,
    );
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

/**
 * The page's service for an element's markup, timed by `publicTiming`; undefined, so that the
 * element stays hidden, without a registry and key or with a registry that is not a URL (which
 * is warned about once).
 */
export function markupApprovals(
  registry: string | undefined,
  key: string | undefined,
  timing: { refreshInterval?: unknown; maxStaleness?: unknown },
  names: SettingNames,
): Approvals | undefined {
  if (!registry || !key) return undefined;
  try {
    return publicApprovals(registry, key, publicTiming(timing, names));
  } catch (error) {
    warnOnce(`${names.who}: cannot use the registry ${registry}`, error);
    return undefined;
  }
}
