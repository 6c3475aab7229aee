// One public approvals service per registry and publishable key, shared by every element.
import { createApprovals, createRegistryClient, openCache } from '@clearframe/core';
import type { Approvals } from '@clearframe/core';

const services = new Map<string, Approvals>();

/** The page's approvals service for `registry` and `key` (a `cf_pk_…` publishable key). */
export function publicApprovals(registry: string, key: string): Approvals {
  const id = `${registry}\n${key}`;
  let service = services.get(id);
  if (!service) {
    const client = createRegistryClient({
      baseUrl: registry,
      credential: { kind: 'publishable', key },
    });
    // One database per registry and key: another site's key on the same origin is another scope.
    const cache = openCache({ registry: `${new URL(registry).href} ${key}` });
    service = createApprovals({ client, cache, mode: 'public' });
    services.set(id, service);
  }
  return service;
}
