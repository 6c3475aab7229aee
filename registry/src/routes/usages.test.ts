import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { testRecords } from '../test-support/records.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { usagesOf } from '../usages/usages.js';

describe.each(ENGINES)('asset usages on %s', (engine) => {
  const registry = useTestRegistry(engine);
  const ids = { hero: '', gallery: '', logo: '' };
  const page = 'https://site.example/2026/open-day/';
  const other = 'https://site.example/about/';

  beforeAll(async () => {
    const records = testRecords(registry);
    ids.hero = (await records.asset({ title: 'Hero' })).id;
    ids.gallery = (await records.asset({ title: 'Gallery' })).id;
    ids.logo = (await records.asset({ title: 'Logo' })).id;
  });

  const report = (body: unknown, headers = registry.as.editor) =>
    registry.request('/v1/usages', { method: 'POST', headers, json: body });

  const urlsOf = async (assetId: string) =>
    (await usagesOf(registry.db, registry.orgId, assetId)).map((usage) => usage.url);

  it('records the assets an editor key reports for a URL', async () => {
    const response = await report({
      source: 'wordpress',
      url: page,
      assetIds: [ids.hero, ids.gallery, ids.hero],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      source: 'wordpress',
      url: page,
      assetIds: [ids.hero, ids.gallery],
      ignored: [],
    });
    await report({ source: 'wordpress', url: other, assetIds: [ids.hero] });
    expect(await urlsOf(ids.hero)).toEqual([other, page].sort());
    expect(await urlsOf(ids.gallery)).toEqual([page]);
    expect(await urlsOf(ids.logo)).toEqual([]);
  });

  it('replaces the set on update, keeping when an asset was first seen', async () => {
    const [first] = await usagesOf(registry.db, registry.orgId, ids.gallery);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const response = await report({
      source: 'wordpress',
      url: page,
      assetIds: [ids.gallery, ids.logo],
    });
    expect(response.status).toBe(200);
    expect(await urlsOf(ids.hero)).toEqual([other]);
    expect(await urlsOf(ids.logo)).toEqual([page]);
    const [again] = await usagesOf(registry.db, registry.orgId, ids.gallery);
    expect(again?.firstSeenAt).toBe(first?.firstSeenAt);
    expect((again?.lastSeenAt ?? '') > (first?.lastSeenAt ?? '')).toBe(true);
  });

  it('leaves out ids that are not assets of the organisation', async () => {
    const response = await report({
      source: 'wordpress',
      url: other,
      assetIds: [ids.hero, 'ast_doesnotexist'],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      assetIds: [ids.hero],
      ignored: ['ast_doesnotexist'],
    });
  });

  it('forgets a URL that was unpublished', async () => {
    const response = await registry.request(
      `/v1/usages?source=wordpress&url=${encodeURIComponent(page)}`,
      { method: 'DELETE', headers: registry.as.editor },
    );
    expect(response.status).toBe(204);
    expect(await urlsOf(ids.gallery)).toEqual([]);
    expect(await urlsOf(ids.logo)).toEqual([]);
    expect(await urlsOf(ids.hero)).toEqual([other]);
  });

  it('shows an asset’s usages to editors and in the editor verdict', async () => {
    const response = await registry.request(`/v1/assets/${ids.hero}/usages`, {
      headers: registry.as.editor,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      usages: [
        {
          url: other,
          source: 'wordpress',
          firstSeenAt: expect.any(String),
          lastSeenAt: expect.any(String),
        },
      ],
    });
    const verdict = await registry.request(`/v1/assets/${ids.hero}/verdict?channel=web`, {
      headers: registry.as.editor,
    });
    expect(verdict.status).toBe(200);
    expect(await verdict.json()).toMatchObject({ usages: [{ url: other, source: 'wordpress' }] });
    const missing = await registry.request('/v1/assets/ast_nope/usages', {
      headers: registry.as.editor,
    });
    expect(missing.status).toBe(404);
  });

  it('names bad fields and refuses publishable keys', async () => {
    const bad = await report({ source: 'Word Press', url: 'javascript:alert(1)', assetIds: 'x' });
    expect(bad.status).toBe(422);
    const { errors } = (await bad.json()) as { errors: { field: string }[] };
    expect(errors.map((error) => error.field).sort()).toEqual(['assetIds', 'source', 'url']);
    const publicKey = await report(
      { source: 'wordpress', url: page, assetIds: [] },
      registry.as.public,
    );
    expect(publicKey.status).toBe(403);
    const anonymous = await registry.request('/v1/usages', {
      method: 'POST',
      json: { source: 'wordpress', url: page, assetIds: [] },
    });
    expect(anonymous.status).toBe(401);
  });

  it('audits every report without feeding the change feed', async () => {
    const audited = await registry.db
      .selectFrom('audit_log')
      .select('action')
      .where('org_id', '=', registry.orgId)
      .where('action', '=', 'usage.replace')
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(4);
    const fed = await registry.db
      .selectFrom('changes')
      .select('seq')
      .where('org_id', '=', registry.orgId)
      .where('entity_type', '=', 'usage')
      .execute();
    expect(fed).toEqual([]);
  });
});
