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
function editorServices(later: Change[] = [], first: Change[] = CHANGES) {
  let calls = 0;
  const client: Pick<RegistryClient, 'sync' | 'publicVerdicts'> = {
    // The first sync brings everything; the next ones bring `later`.
    sync: async () =>
      calls++ === 0
        ? { changes: first, cursor: 'c1', hasMore: false }
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

  it('hands the synced thumbUrl to the host’s thumbnail loader, never to an <img>', async () => {
    const withThumbs = CHANGES.map((change) =>
      change.type === 'asset' && !change.deleted && change.id === 'ast_staff'
        ? { ...change, data: { ...change.data, thumbUrl: 'v1/assets/ast_staff/thumb' } }
        : change,
    );
    withThumbs.push({
      type: 'asset',
      id: 'ast_bare',
      deleted: false,
      data: { id: 'ast_bare', legalBasis: 'contract', title: 'No thumbnail', thumbUrl: null },
    });
    const { cache, approvals } = editorServices([], withThumbs);
    const asked: { id: string; thumbUrl?: string | null }[] = [];
    const bytes = new Blob(['a picture'], { type: 'image/jpeg' });
    const source = fromCache(cache, approvals, {
      assetIds: () => ['ast_staff', 'ast_choir', 'ast_bare'],
      thumbnail: async (asset, { signal }) => {
        expect(signal.aborted).toBe(false);
        asked.push(asset);
        return bytes;
      },
    });

    const items = await source.list('web');
    // The feed's thumbUrl needs the editor's credential: no item offers it to an <img>.
    expect(items.map((item) => item.thumbUrl)).toEqual([null, null, null]);
    const signal = new AbortController().signal;
    for (const item of items)
      await expect(source.thumbnail?.(item, { signal })).resolves.toBe(bytes);
    // As synced: a path relative to the registry, absent (a record from before), or null (none).
    expect(asked).toEqual([
      { id: 'ast_staff', thumbUrl: 'v1/assets/ast_staff/thumb' },
      { id: 'ast_choir' },
      { id: 'ast_bare', thumbUrl: null },
    ]);
    // Without a loader, the source has no thumbnail().
    expect(fromCache(cache, approvals, { assetIds: () => [] }).thumbnail).toBeUndefined();
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
