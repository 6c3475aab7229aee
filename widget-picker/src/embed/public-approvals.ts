// One public approvals service per registry and publishable key, shared by every element.
// From `@clearframe/core/public`: no rules, zod, ky or idb in the embed bundle.
import {
  createPublicApprovals,
  createPublicClient,
  openPublicCache,
} from '@clearframe/core/public';
import type { Approvals } from '@clearframe/core/public';

const services = new Map<string, Approvals>();

/** The page's approvals service for `registry` and `key` (a `cf_pk_…` publishable key). */
export function publicApprovals(registry: string, key: string): Approvals {
  const id = `${registry}\n${key}`;
  let service = services.get(id);
  if (!service) {
    const client = createPublicClient({ baseUrl: registry, key });
    // One database per registry and key: another site's key on the same origin is another scope.
    const cache = openPublicCache({ registry: `${new URL(registry).href} ${key}` });
    service = createPublicApprovals({ client, cache });
    services.set(id, service);
  }
  return service;
}
