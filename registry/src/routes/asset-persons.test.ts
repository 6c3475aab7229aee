import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '@clearframe/core';
import { assetInputOf } from '../assets/asset-input.js';
import type { AssetDto } from '../assets/schemas.js';
import {
  insertPerson,
  makePicture,
  otherOrganisation,
  signInAs,
  uploadForm,
} from '../assets/testing.js';
import { toCorePolicy } from '../policy/core-policy.js';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';

describe.each(ENGINES)('persons tagged in assets on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let manager: Record<string, string>;
  let anna: string;
  let bo: string;
  let other: Awaited<ReturnType<typeof otherOrganisation>>;

  beforeAll(async () => {
    manager = await signInAs(registry, 'consent_manager');
    anna = await insertPerson(registry, 'Anna Andersson');
    bo = await insertPerson(registry, 'Bo Berg');
    other = await otherOrganisation(registry);
  });

  async function newAsset(metadata: object = { legalBasis: 'consent' }): Promise<AssetDto> {
    const bytes = await makePicture({ width: 40, height: 30, format: 'jpeg' });
    const response = await registry.request('/v1/assets', {
      method: 'POST',
      headers: manager,
      body: uploadForm(bytes, metadata),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as AssetDto;
  }

  const tag = (id: string, persons: unknown[], headers: Record<string, string>) =>
    registry.request(`/v1/assets/${id}/persons`, { method: 'PUT', headers, json: { persons } });

  const tagCount = async (assetId: string) =>
    (
      await registry.db
        .selectFrom('asset_persons')
        .select('id')
        .where('asset_id', '=', assetId)
        .execute()
    ).length;

  it('replaces the tags under If-Match, with regions, relevance and reasons', async () => {
    const asset = await newAsset();
    const persons = [
      { personId: anna, region: { x: 0.1, y: 0.2, w: 0.3, h: 0.4 } },
      { personId: bo, relevant: false, irrelevanceReason: 'background' },
    ];
    expect((await tag(asset.id, persons, manager)).status).toBe(428);
    expect((await tag(asset.id, persons, { ...manager, 'if-match': '"3"' })).status).toBe(412);

    const response = await tag(asset.id, persons, { ...manager, 'if-match': '"1"' });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"2"');
    const tagged = (await response.json()) as AssetDto;
    expect(tagged.persons).toEqual(
      expect.arrayContaining([
        {
          personId: anna,
          name: 'Anna Andersson',
          region: { x: 0.1, y: 0.2, w: 0.3, h: 0.4 },
          relevant: true,
          irrelevanceReason: null,
        },
        {
          personId: bo,
          name: 'Bo Berg',
          region: null,
          relevant: false,
          irrelevanceReason: 'background',
        },
      ]),
    );
    expect(tagged.persons).toHaveLength(2);

    const retagged = await tag(asset.id, [{ personId: bo }], { ...manager, 'if-match': '"2"' });
    expect(retagged.status).toBe(200);
    expect(((await retagged.json()) as AssetDto).persons).toEqual([
      { personId: bo, name: 'Bo Berg', region: null, relevant: true, irrelevanceReason: null },
    ]);
    expect(await tagCount(asset.id)).toBe(1);
  });

  it('shows person ids to editors but names only to consent managers and admins', async () => {
    const asset = await newAsset();
    await tag(asset.id, [{ personId: anna }], { ...manager, 'if-match': '*' });

    const asEditor = await registry.request(`/v1/assets/${asset.id}`, {
      headers: registry.as.editor,
    });
    const text = await asEditor.text();
    expect(JSON.parse(text)).toMatchObject({ persons: [{ personId: anna, relevant: true }] });
    expect(text).not.toContain('Anna');
    const listed = await registry.request('/v1/assets?limit=100', { headers: registry.as.editor });
    expect(await listed.text()).not.toContain('Anna');

    for (const headers of [manager, registry.as.admin]) {
      const response = await registry.request(`/v1/assets/${asset.id}`, { headers });
      expect(await response.json()).toMatchObject({
        persons: [{ personId: anna, name: 'Anna Andersson' }],
      });
    }
  });

  it('finds assets by person name for consent managers only', async () => {
    const carl = await insertPerson(registry, 'Carl Quistgaard');
    const asset = await newAsset({ title: 'Football' });
    await tag(asset.id, [{ personId: carl }], { ...manager, 'if-match': '*' });
    const search = async (headers: Record<string, string>) => {
      const response = await registry.request('/v1/assets?q=quistgaard', { headers });
      return ((await response.json()) as { assets: AssetDto[] }).assets.map((a) => a.id);
    };
    expect(await search(manager)).toEqual([asset.id]);
    expect(await search(registry.as.editor)).toEqual([]);
  });

  it('names an unknown person as persons[2].personId and writes nothing', async () => {
    const asset = await newAsset();
    const foreign = await insertPerson(registry, 'Elsewhere', other.orgId);
    const response = await tag(
      asset.id,
      [{ personId: anna }, { personId: bo }, { personId: 'per_nobody' }, { personId: foreign }],
      { ...manager, 'if-match': '"1"' },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ field: 'persons[2].personId' }, { field: 'persons[3].personId' }],
    });
    expect(await tagCount(asset.id)).toBe(0);
    const current = await registry.request(`/v1/assets/${asset.id}`, { headers: manager });
    expect(current.headers.get('etag')).toBe('"1"');
  });

  it('keeps regions inside the picture and asks why a person is irrelevant', async () => {
    const asset = await newAsset();
    const response = await tag(
      asset.id,
      [
        { personId: anna, region: { x: 0.7, y: 0, w: 0.4, h: 0.5 } },
        { personId: bo, region: { x: 0, y: -0.1, w: 0.5, h: 0.5 } },
        { personId: anna, region: { x: 0, y: 0.6, w: 0.5, h: 0.5 } },
        { personId: bo, relevant: false },
        { personId: anna, irrelevanceReason: 'prominent' },
        { personId: bo, relevant: false, irrelevanceReason: 'far_away' },
      ],
      { ...manager, 'if-match': '"1"' },
    );
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: { field: string }[] };
    expect(errors.map((error) => error.field)).toEqual([
      'persons[0].region.w',
      'persons[1].region.y',
      'persons[2].region.h',
      'persons[3].irrelevanceReason',
      'persons[4].irrelevanceReason',
      'persons[5].irrelevanceReason',
    ]);
    expect(await tagCount(asset.id)).toBe(0);
  });

  it('lets only consent managers and admins tag', async () => {
    const asset = await newAsset();
    const persons = [{ personId: anna }];
    expect((await tag(asset.id, persons, { ...registry.as.editor, 'if-match': '*' })).status).toBe(
      403,
    );
    expect((await tag(asset.id, persons, { ...registry.as.public, 'if-match': '*' })).status).toBe(
      403,
    );
    expect((await tag(asset.id, persons, { ...registry.as.admin, 'if-match': '*' })).status).toBe(
      200,
    );
  });

  it('puts a retag in the change feed and changes the verdict', async () => {
    const asset = await newAsset({ legalBasis: 'consent' });
    const changesOf = () =>
      registry.db
        .selectFrom('changes')
        .selectAll()
        .where('org_id', '=', registry.orgId)
        .where('entity_id', '=', asset.id)
        .orderBy('seq')
        .execute();
    const before = await changesOf();
    const verdict = async () => {
      const row = await registry.db
        .selectFrom('assets')
        .selectAll()
        .where('id', '=', asset.id)
        .executeTakeFirstOrThrow();
      const tags = await registry.db
        .selectFrom('asset_persons')
        .selectAll()
        .where('asset_id', '=', asset.id)
        .execute();
      const policy = await registry.db
        .selectFrom('policies')
        .selectAll()
        .where('org_id', '=', registry.orgId)
        .executeTakeFirstOrThrow();
      return evaluate({
        policy: toCorePolicy(policy),
        asset: assetInputOf(row, tags),
        channel: 'web',
        now: new Date().toISOString(),
      });
    };
    expect((await verdict()).reasons).toEqual([{ code: 'persons_not_identified' }]);

    await tag(asset.id, [{ personId: anna, relevant: false, irrelevanceReason: 'background' }], {
      ...manager,
      'if-match': '"1"',
    });
    const after = await changesOf();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ entity_type: 'asset', deleted: 0 });
    expect(await verdict()).toMatchObject({
      status: 'approved',
      warnings: [{ code: 'all_persons_irrelevant' }],
    });

    const audit = await registry.db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', registry.orgId)
      .where('target_id', '=', asset.id)
      .where('action', '=', 'asset.tag_persons')
      .executeTakeFirstOrThrow();
    expect(audit.after).toContain(anna);
    expect(audit.after).not.toContain('Anna');
  });

  it('keeps every asset invisible to another organisation', async () => {
    const asset = await newAsset({ title: 'Ours alone' });
    const path = `/v1/assets/${asset.id}`;
    expect((await registry.request(path, { headers: other.editor })).status).toBe(404);
    expect((await registry.request(`${path}/original`, { headers: other.editor })).status).toBe(
      404,
    );
    const patched = await registry.request(path, {
      method: 'PATCH',
      headers: { ...other.editor, 'if-match': '*' },
      json: { title: 'Theirs now' },
    });
    expect(patched.status).toBe(404);
    const tagged = await tag(asset.id, [], { ...other.consentManager, 'if-match': '*' });
    expect(tagged.status).toBe(404);
    const listed = await registry.request('/v1/assets?q=ours', { headers: other.consentManager });
    expect(await listed.json()).toEqual({ assets: [], nextCursor: null });

    const ours = await registry.request(path, { headers: manager });
    expect(await ours.json()).toMatchObject({ title: 'Ours alone', version: 1 });
  });
});
