import { beforeAll, describe, expect, it } from 'vitest';
import { syncPageSchema } from '../../../core/src/client/schemas.js';
import type { Change, SyncPage } from '@clearframe/core';
import { decodeCursor } from '../sync/cursor.js';
import { ENGINES } from '../test-support/engines.js';
import { testRecords } from '../test-support/records.js';
import type { TestRecords } from '../test-support/records.js';
import { useTestRegistry } from '../test-support/test-registry.js';

describe.each(ENGINES)('the change feed on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let records: TestRecords;

  beforeAll(() => {
    records = testRecords(registry);
  });

  async function page(since: string | undefined, limit = 500, headers = registry.as.editor) {
    const query = new URLSearchParams({ limit: String(limit) });
    if (since !== undefined) query.set('since', since);
    const response = await registry.request(`/v1/sync?${query.toString()}`, { headers });
    expect(response.status).toBe(200);
    // The core client's own validator: what the editors' caches will accept.
    return syncPageSchema.parse(await response.json()) as SyncPage;
  }

  async function drain(since: string | undefined, limit = 500) {
    const pages: SyncPage[] = [];
    let cursor = since;
    for (;;) {
      const next = await page(cursor, limit);
      pages.push(next);
      cursor = next.cursor;
      if (!next.hasMore) return { pages, cursor };
    }
  }

  const cursorNow = async () => (await drain(undefined)).cursor;

  it('starts with the policy, and gives persons only what evaluation needs', async () => {
    const start = await page(undefined);
    const policy = start.changes.find((change) => change.type === 'policy');
    expect(policy).toMatchObject({
      id: registry.orgId,
      deleted: false,
      data: {
        timeZone: 'Europe/Stockholm',
        channels: expect.arrayContaining(['web', 'print']),
        channelLabels: { web: { sv: 'Webb' } },
        surfaces: { embed: 'hide' },
      },
    });

    const since = await cursorNow();
    const person = await records.person({
      name: 'Astrid Lindqvist',
      email: 'astrid@example.se',
      phone: '+46701234567',
      birth_date: '2012-04-01',
      guardians: 1,
    });
    const { changes } = await page(since);
    expect(changes).toEqual([
      {
        type: 'person',
        id: person.id,
        deleted: false,
        data: {
          id: person.id,
          birthDate: '2012-04-01',
          deceasedOn: null,
          guardians: 1,
          protectedIdentity: false,
          objectedAt: null,
        },
      },
    ]);
    expect(JSON.stringify(changes)).not.toMatch(/Astrid|example\.se|4670/);
  });

  it('sends assets with their tags and consents with their revocations, then tombstones', async () => {
    const since = await cursorNow();
    const asset = await records.asset({ title: 'Spring fair', credit: 'Foto: Kommunen' });
    const person = await records.person();
    await records.tag(asset.id, person.id, { relevant: 0 });
    const consent = await records.consent(person.id, { asset_ids: JSON.stringify([asset.id]) });
    await records.revoke(consent.id, { at: '2026-09-01T10:00:00.000Z', channels: '["print"]' });

    const first = await page(since);
    expect(first.changes.map((change) => change.type)).toEqual(['person', 'asset', 'consent']);
    expect(first.changes).toContainEqual({
      type: 'asset',
      id: asset.id,
      deleted: false,
      data: expect.objectContaining({
        id: asset.id,
        legalBasis: 'consent',
        persons: [{ personId: person.id, relevant: false }],
        license: null,
        title: 'Spring fair',
        credit: 'Foto: Kommunen',
        alt: { sv: 'En bild', en: 'A picture' },
        width: 1600,
      }),
    });
    expect(first.changes).toContainEqual({
      type: 'consent',
      id: consent.id,
      deleted: false,
      data: {
        id: consent.id,
        personId: person.id,
        kind: 'written',
        channels: ['web', 'print'],
        validFrom: '2020-01-01',
        validUntil: null,
        assetIds: [asset.id],
        signedBy: { subject: true, guardians: 0 },
        revocations: [{ at: '2026-09-01T10:00:00.000Z', channels: ['print'] }],
      },
    });

    await records.deleteAsset(asset.id);
    const second = await page(first.cursor);
    expect(second.changes).toEqual([{ type: 'asset', id: asset.id, deleted: true }]);
    expect((await page(second.cursor)).changes).toEqual([]);
  });

  it("points each asset at its editor thumbnail, relative to the registry's base URL", async () => {
    const since = await cursorNow();
    const bare = await records.asset({ title: 'No renditions yet' });
    const pictured = await records.asset({ title: 'With renditions' });
    const bytes = await records.renditions(pictured.id);

    const { changes } = await page(since);
    const thumbUrlOf = (id: string) =>
      changes.flatMap((c) => (c.type === 'asset' && !c.deleted && c.id === id ? [c.data] : []))[0]
        ?.thumbUrl;
    expect(thumbUrlOf(bare.id)).toBeNull();
    const thumbUrl = thumbUrlOf(pictured.id);
    expect(thumbUrl).toBe(`v1/assets/${pictured.id}/thumb`);

    // Resolved against a base with a path prefix (a proxy's), the prefix is kept.
    expect(new URL(thumbUrl ?? '', 'https://pane.example/registry-proxy/0/').pathname).toBe(
      `/registry-proxy/0/v1/assets/${pictured.id}/thumb`,
    );
    const response = await registry.request(`/${thumbUrl ?? ''}`, { headers: registry.as.editor });
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.get('thumb'));
  });

  it('sends a record once per page, at its latest state and its last position', async () => {
    const since = await cursorNow();
    const a = await records.asset({ title: 'First' });
    const b = await records.asset({ title: 'Second' });
    await records.updateAsset(a.id, { title: 'First, renamed' });
    const { changes, hasMore } = await page(since);
    expect(hasMore).toBe(false);
    expect(changes.map((change) => change.id)).toEqual([b.id, a.id]);
    expect(changes[1]).toMatchObject({ data: { title: 'First, renamed' } });
  });

  it('pages by limit with hasMore and an opaque cursor', async () => {
    const since = await cursorNow();
    for (let i = 0; i < 5; i += 1) await records.asset({ title: `Picture ${i}` });
    const { pages } = await drain(since, 2);
    expect(pages.map((p) => p.changes.length)).toEqual([2, 2, 1]);
    expect(pages.map((p) => p.hasMore)).toEqual([true, true, false]);
    expect(
      pages.flatMap((p) =>
        p.changes.map((c) => (c.type === 'asset' && !c.deleted ? c.data.title : c.type)),
      ),
    ).toEqual(['Picture 0', 'Picture 1', 'Picture 2', 'Picture 3', 'Picture 4']);
  });

  it('refuses a forged cursor, a bad limit and public keys, naming the parameter', async () => {
    const forged = await registry.request('/v1/sync?since=not-a-cursor', {
      headers: registry.as.editor,
    });
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ errors: [{ field: 'since' }] });
    const limit = await registry.request('/v1/sync?limit=5000', { headers: registry.as.editor });
    expect(limit.status).toBe(400);
    expect(await limit.json()).toMatchObject({ errors: [{ field: 'limit' }] });
    const publicKey = await registry.request('/v1/sync', { headers: registry.as.public });
    expect(publicKey.status).toBe(403);
    expect((await registry.request('/v1/sync', { headers: registry.as.admin })).status).toBe(200);
  });

  it('neither skips nor repeats a change while parallel writers commit', async () => {
    const since = await cursorNow();
    const seeded = await Promise.all([1, 2, 3].map(() => records.asset()));
    const writer = async (n: number) => {
      for (let i = 0; i < 12; i += 1) {
        const target = seeded[(n + i) % seeded.length];
        if (target === undefined) throw new Error('no asset');
        if (i % 3 === 0) {
          const person = await records.person();
          await records.consent(person.id);
        } else if (i % 3 === 1) await records.updateAsset(target.id, { title: `w${n}-${i}` });
        else await records.asset({ title: `new w${n}-${i}` });
      }
    };
    const seen: Change[][] = [];
    let cursor = since;
    let writing = true;
    const reader = async () => {
      // Pages of 3 while the writers run, then until the feed is dry.
      for (;;) {
        // Only a page asked for after the last write committed may end the loop.
        const finished = !writing;
        const next = await page(cursor, 3);
        seen.push(next.changes);
        expect(decodeCursor(next.cursor)).toBeGreaterThanOrEqual(decodeCursor(cursor));
        cursor = next.cursor;
        if (finished && !next.hasMore) return;
      }
    };
    const reading = reader();
    await Promise.all([0, 1, 2, 3].map(writer));
    writing = false;
    await reading;

    // What changed, from the table itself.
    const rows = await registry.db
      .selectFrom('changes')
      .select(['entity_type', 'entity_id'])
      .where('org_id', '=', registry.orgId)
      .where('seq', '>', decodeCursor(since))
      .where('entity_type', 'in', ['asset', 'person', 'consent'])
      .execute();
    const changesOf = new Map<string, number>();
    for (const row of rows) {
      const key = `${row.entity_type}:${row.entity_id}`;
      changesOf.set(key, (changesOf.get(key) ?? 0) + 1);
    }
    const appearances = new Map<string, number>();
    const lastSeen = new Map<string, Change>();
    for (const changes of seen) {
      const keys = changes.map((change) => `${change.type}:${change.id}`);
      expect(new Set(keys).size).toBe(keys.length);
      for (const change of changes) {
        const key = `${change.type}:${change.id}`;
        appearances.set(key, (appearances.get(key) ?? 0) + 1);
        lastSeen.set(key, change);
      }
    }
    expect([...appearances.keys()].sort()).toEqual([...changesOf.keys()].sort());
    for (const [key, count] of appearances)
      expect(count).toBeLessThanOrEqual(changesOf.get(key) ?? 0);

    // The last state seen of every entity is its final state.
    const final = await page(since, 1000);
    expect(final.hasMore).toBe(false);
    for (const change of final.changes)
      expect(lastSeen.get(`${change.type}:${change.id}`)).toEqual(change);
    expect(seen.length).toBeGreaterThan(3);
  });
});
