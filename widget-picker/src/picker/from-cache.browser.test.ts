import { createApprovals, openCache } from '@clearframe/core';
import type { Change, RegistryClient } from '@clearframe/core';
import { afterEach, describe, expect, it } from 'vitest';
import './cf-picker.js';
import { fromCache } from './from-cache.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const CHANGES: Change[] = [
  {
    type: 'policy',
    id: 'org_demo',
    deleted: false,
    data: { timeZone: 'Europe/Stockholm', channels: ['web', 'print'] },
  },
  {
    type: 'asset',
    id: 'ast_staff',
    deleted: false,
    data: {
      id: 'ast_staff',
      legalBasis: 'contract',
      title: 'Staff photo',
      tags: ['staff', 'portrait'],
      alt: { sv: 'Personalen', en: 'The staff' },
    },
  },
  {
    type: 'asset',
    id: 'ast_choir',
    deleted: false,
    data: {
      id: 'ast_choir',
      legalBasis: 'consent',
      persons: [{ personId: 'per_1' }],
      title: 'Choir',
      tags: ['music'],
    },
  },
  { type: 'person', id: 'per_1', deleted: false, data: { id: 'per_1', birthDate: '1990-01-01' } },
];

/** Core's editor cache and approvals over the browser's IndexedDB, fed by a sync double. */
function editorServices(later: Change[] = []) {
  let calls = 0;
  const client: Pick<RegistryClient, 'sync' | 'publicVerdicts'> = {
    // The first sync brings everything; the next ones bring `later`.
    sync: async () =>
      calls++ === 0
        ? { changes: CHANGES, cursor: 'c1', hasMore: false }
        : { changes: later, cursor: `c${calls}`, hasMore: false },
    publicVerdicts: () => Promise.reject(new Error('not a public page')),
  };
  const cache = openCache({ registry: `from-cache-${crypto.randomUUID()}` });
  const approvals = createApprovals({
    client,
    cache,
    mode: 'editor',
    document: null,
    window: null,
  });
  cleanups.push(() => {
    approvals.dispose();
    cache.close();
  });
  return { cache, approvals };
}

describe('fromCache', () => {
  it('lists the synced assets with their locally evaluated verdicts', async () => {
    const { cache, approvals } = editorServices();
    const source = fromCache(cache, approvals, {
      assetIds: () => ['ast_staff', 'ast_choir', 'ast_missing'],
      lang: 'en',
    });
    // Nothing is cached yet: the list waits for the first sync.
    const items = await source.list('web');
    expect(items.map((item) => [item.id, item.title, item.verdict.status])).toEqual([
      ['ast_staff', 'Staff photo', 'approved'],
      ['ast_choir', 'Choir', 'blocked'],
    ]);
    expect(items[0]?.alt).toBe('The staff');
    expect(items[0]?.tags).toEqual(['staff', 'portrait']);
    expect(items[1]?.verdict.reasons?.map((reason) => reason.code)).toContain('no_consent');
  });

  it('reports verdicts that a later sync changed', async () => {
    const { approvals, cache } = editorServices([
      {
        type: 'asset',
        id: 'ast_staff',
        deleted: false,
        data: { id: 'ast_staff', legalBasis: 'consent', persons: [{ personId: 'per_1' }] },
      },
    ]);
    const source = fromCache(cache, approvals, { assetIds: () => ['ast_staff', 'ast_choir'] });
    const heard: [string, string][] = [];
    const unwatch = source.watch?.('web', (changed) => {
      for (const [id, verdict] of changed) heard.push([id, verdict.status]);
    });
    await source.list('web');
    await approvals.refresh();
    await expect.poll(() => heard).toContainEqual(['ast_staff', 'blocked']);
    unwatch?.();
  });

  it('feeds <cf-picker> in editor mode', async () => {
    const { cache, approvals } = editorServices();
    await cache.sync({
      sync: async () => ({ changes: CHANGES, cursor: 'c1', hasMore: false }),
    });
    const picker = document.createElement('cf-picker');
    picker.lang = 'en';
    picker.source = fromCache(cache, approvals, { assetIds: () => ['ast_staff', 'ast_choir'] });
    document.body.append(picker);
    cleanups.push(() => picker.remove());
    await expect.poll(() => picker.shadowRoot?.querySelectorAll('[role=gridcell]').length).toBe(2);
    const choir = picker.shadowRoot?.querySelector('[data-asset-id=ast_choir]');
    expect(choir?.textContent).toContain('Consent missing');
    expect(choir?.getAttribute('aria-disabled')).toBe('true');
  });
});
