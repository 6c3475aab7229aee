import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../assets/ingest.js';
import type { AssetDto } from '../assets/schemas.js';
import {
  PHONE_EXIF,
  makePicture,
  otherOrganisation,
  signInAs,
  uploadForm,
} from '../assets/testing.js';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { parseJsonText } from '../util/json.js';

describe.each(ENGINES)('assets on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let manager: Record<string, string>;

  beforeAll(async () => {
    manager = await signInAs(registry, 'consent_manager');
  });

  const upload = (headers: Record<string, string>, body: BodyInit, query = '') =>
    registry.request(`/v1/assets${query}`, { method: 'POST', headers, body });

  async function uploaded(
    headers: Record<string, string> = registry.as.editor,
    metadata: object = {},
  ): Promise<AssetDto> {
    const bytes = await makePicture({ width: 40, height: 30, format: 'png' });
    const response = await upload(headers, uploadForm(bytes, metadata));
    expect(response.status).toBe(201);
    return (await response.json()) as AssetDto;
  }

  const patch = (id: string, body: unknown, headers: Record<string, string>) =>
    registry.request(`/v1/assets/${id}`, { method: 'PATCH', headers, json: body });

  const assetCount = async () =>
    Number(
      (
        await registry.db
          .selectFrom('assets')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('org_id', '=', registry.orgId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('turns a sideways phone JPEG into upright renditions of 320, 800 and 1600 px without GPS', async () => {
    const bytes = await makePicture({
      width: 2400,
      height: 1600,
      format: 'jpeg',
      orientation: 6,
      exif: PHONE_EXIF,
    });
    expect((await sharp(bytes).metadata()).exif?.includes('WGS-84')).toBe(true);

    const response = await upload(
      registry.as.editor,
      uploadForm(bytes, { title: 'Sports day', alt: { sv: 'Elever springer' } }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"1"');
    const asset = (await response.json()) as AssetDto;
    expect(response.headers.get('location')).toBe(`/v1/assets/${asset.id}`);
    expect(asset).toMatchObject({
      title: 'Sports day',
      alt: { sv: 'Elever springer' },
      legalBasis: 'unassessed',
      width: 1600,
      height: 2400,
      original: { mime: 'image/jpeg', size: bytes.length },
      persons: [],
    });
    expect(
      asset.renditions.map(({ name, mime, width, height }) => [name, mime, width, height]),
    ).toEqual([
      ['thumb', 'image/jpeg', 320, 480],
      ['medium', 'image/jpeg', 800, 1200],
      ['large', 'image/jpeg', 1600, 2400],
      ['webp', 'image/webp', 1600, 2400],
    ]);

    const row = await registry.db
      .selectFrom('assets')
      .select('renditions')
      .where('id', '=', asset.id)
      .executeTakeFirstOrThrow();
    for (const rendition of parseJsonText(row.renditions)) {
      const file = await registry.deps.files.get(rendition.sha256);
      expect(file).not.toBeNull();
      const metadata = await sharp(file ?? new Uint8Array()).metadata();
      expect(metadata.width).toBe(rendition.width);
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
      expect(Buffer.from(file ?? []).includes('WGS-84')).toBe(false);
      expect(Buffer.from(file ?? []).includes('TestCam')).toBe(false);
    }
  });

  it('takes PNG and WebP and never enlarges a small picture', async () => {
    const png = await makePicture({ width: 500, height: 250, format: 'png', alpha: true });
    const fromPng = (await (await upload(manager, uploadForm(png))).json()) as AssetDto;
    expect(fromPng.original?.mime).toBe('image/png');
    expect(fromPng.renditions.map((r) => [r.name, r.width, r.height])).toEqual([
      ['thumb', 320, 160],
      ['medium', 500, 250],
      ['large', 500, 250],
      ['webp', 500, 250],
    ]);

    const webp = await makePicture({ width: 200, height: 100, format: 'webp' });
    const fromWebp = await upload(
      registry.as.editor,
      webp,
      '?title=Harbour&tags=boats,%20sea&credit=Ann%20Photographer&alt.en=Boats',
    );
    expect(fromWebp.status).toBe(201);
    expect(await fromWebp.json()).toMatchObject({
      title: 'Harbour',
      tags: ['boats', 'sea'],
      credit: 'Ann Photographer',
      alt: { en: 'Boats' },
      original: { mime: 'image/webp' },
      renditions: [{ width: 200 }, { width: 200 }, { width: 200 }, { width: 200 }],
    });
  });

  it('refuses a text file posing as a JPEG with 415 naming file, and writes nothing', async () => {
    const before = await assetCount();
    const text = new TextEncoder().encode('just some words, not a picture');
    const raw = await upload({ ...registry.as.editor, 'content-type': 'image/jpeg' }, text);
    expect(raw.status).toBe(415);
    expect(await raw.json()).toMatchObject({
      code: 'unsupported_media_type',
      errors: [{ field: 'file' }],
    });
    const multipart = await upload(registry.as.editor, uploadForm(text, {}, 'photo.jpg'));
    expect(multipart.status).toBe(415);
    const gif = new TextEncoder().encode('GIF89a\u0001\u0000\u0001\u0000');
    expect((await upload(registry.as.editor, uploadForm(gif))).status).toBe(415);
    expect(await assetCount()).toBe(before);
  });

  it('refuses a file over 25 MiB with 413 naming file', async () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES + 1);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const raw = await upload({ ...registry.as.editor, 'content-type': 'image/jpeg' }, big);
    expect(raw.status).toBe(413);
    expect(await raw.json()).toMatchObject({
      code: 'payload_too_large',
      errors: [{ field: 'file' }],
    });
    const multipart = await upload(registry.as.editor, uploadForm(big));
    expect(multipart.status).toBe(413);
  });

  it('refuses a truncated picture with 422 naming file', async () => {
    const bytes = await makePicture({ width: 300, height: 200, format: 'png' });
    const response = await upload(registry.as.editor, uploadForm(bytes.subarray(0, 60)));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'file' }] });
  });

  it('names bad metadata fields and lets only consent managers set a legal basis', async () => {
    const bytes = await makePicture({ width: 40, height: 30, format: 'jpeg' });
    const bad = await upload(
      registry.as.editor,
      uploadForm(bytes, { title: 'x', alt: { sv: 7 }, colour: 'red' }),
    );
    expect(bad.status).toBe(422);
    const { errors } = (await bad.json()) as { errors: { field: string }[] };
    expect(errors.map((error) => error.field)).toContain('alt.sv');

    const asEditor = await upload(registry.as.editor, uploadForm(bytes, { legalBasis: 'consent' }));
    expect(asEditor.status).toBe(403);
    const asManager = await upload(manager, uploadForm(bytes, { legalBasis: 'consent' }));
    expect(asManager.status).toBe(201);
    expect(await asManager.json()).toMatchObject({ legalBasis: 'consent' });
  });

  it('does not create twice when a POST is retried with its Idempotency-Key', async () => {
    const bytes = await makePicture({ width: 40, height: 30, format: 'jpeg' });
    const headers = {
      ...registry.as.editor,
      'content-type': 'image/jpeg',
      'idempotency-key': 'upload-once',
    };
    const first = (await (await upload(headers, bytes)).json()) as AssetDto;
    const retry = await upload(headers, bytes);
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as AssetDto).id).toBe(first.id);
  });

  it('serves one asset with its ETag, and refuses publishable keys', async () => {
    const asset = await uploaded();
    const response = await registry.request(`/v1/assets/${asset.id}`, {
      headers: registry.as.editor,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(await response.json()).toEqual(asset);
    const asPublic = await registry.request(`/v1/assets/${asset.id}`, {
      headers: registry.as.public,
    });
    expect(asPublic.status).toBe(403);
    expect((await registry.request('/v1/assets/ast_missing', { headers: manager })).status).toBe(
      404,
    );
  });

  it('patches metadata under If-Match: 428 without, 412 when stale', async () => {
    const asset = await uploaded(registry.as.editor, { alt: { sv: 'Skola', en: 'School' } });
    const change = { title: 'Graduation', alt: { en: null, de: 'Schule' }, tags: ['june'] };
    expect((await patch(asset.id, change, registry.as.editor)).status).toBe(428);
    const stale = await patch(asset.id, change, { ...registry.as.editor, 'if-match': '"7"' });
    expect(stale.status).toBe(412);

    const done = await patch(asset.id, change, { ...registry.as.editor, 'if-match': '"1"' });
    expect(done.status).toBe(200);
    expect(done.headers.get('etag')).toBe('"2"');
    expect(await done.json()).toMatchObject({
      title: 'Graduation',
      alt: { sv: 'Skola', de: 'Schule' },
      tags: ['june'],
      version: 2,
    });
    const again = await patch(
      asset.id,
      { title: 'Lost' },
      { ...registry.as.editor, 'if-match': '"1"' },
    );
    expect(again.status).toBe(412);
  });

  it('lets only consent managers and admins assess legal basis and licence', async () => {
    const asset = await uploaded();
    const assess = { legalBasis: 'external_agreement' };
    const asEditor = await patch(asset.id, assess, { ...registry.as.editor, 'if-match': '"1"' });
    expect(asEditor.status).toBe(403);
    const licence = { license: { validUntil: '2027-01-31', channels: ['web'] } };
    expect(
      (await patch(asset.id, licence, { ...registry.as.editor, 'if-match': '*' })).status,
    ).toBe(403);

    const asManager = await patch(
      asset.id,
      { ...assess, ...licence },
      { ...manager, 'if-match': '"1"' },
    );
    expect(asManager.status).toBe(200);
    expect(await asManager.json()).toMatchObject({
      legalBasis: 'external_agreement',
      license: { validUntil: '2027-01-31', channels: ['web'] },
    });
  });

  it('names a licence channel the policy lacks, a bad date and an unknown legal basis', async () => {
    const asset = await uploaded();
    const response = await patch(
      asset.id,
      { license: { validUntil: '2027-01-31', channels: ['web', 'billboard'] } },
      { ...manager, 'if-match': '*' },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'license.channels[1]' }] });

    const shape = await patch(
      asset.id,
      { legalBasis: 'gut_feeling', license: { validUntil: '2027-02-30' } },
      { ...manager, 'if-match': '*' },
    );
    expect(shape.status).toBe(422);
    const { errors } = (await shape.json()) as { errors: { field: string }[] };
    expect(errors.map((error) => error.field).sort()).toEqual(['legalBasis', 'license.validUntil']);
    const current = await registry.request(`/v1/assets/${asset.id}`, { headers: manager });
    expect(await current.json()).toMatchObject({ version: 1, license: null });
  });

  it('lists assets newest first, searching title, keywords and credit, filtering by basis, in pages', async () => {
    const a = await uploaded(manager, { title: 'Lucia concert', legalBasis: 'contract' });
    const b = await uploaded(manager, { title: 'Hall', tags: ['lucia'], legalBasis: 'consent' });
    const c = await uploaded(manager, { title: 'Choir', credit: 'Lucia Berg' });
    await uploaded(manager, { title: 'Unrelated' });

    const list = async (query: string) => {
      const response = await registry.request(`/v1/assets?${query}`, {
        headers: registry.as.editor,
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { assets: AssetDto[]; nextCursor: string | null };
    };
    expect((await list('q=LUCIA')).assets.map((asset) => asset.id)).toEqual([c.id, b.id, a.id]);
    expect((await list('q=lucia&legalBasis=consent')).assets.map((x) => x.id)).toEqual([b.id]);
    expect((await list('q=lucia%20concert')).assets.map((x) => x.id)).toEqual([a.id]);
    expect((await list('q=100%25')).assets).toEqual([]);

    const first = await list('q=lucia&limit=2');
    expect(first.assets.map((x) => x.id)).toEqual([c.id, b.id]);
    expect(first.nextCursor).not.toBeNull();
    const second = await list(`q=lucia&limit=2&cursor=${first.nextCursor ?? ''}`);
    expect(second).toEqual({ assets: [expect.objectContaining({ id: a.id })], nextCursor: null });

    const bad = await registry.request('/v1/assets?cursor=nonsense&limit=0', {
      headers: registry.as.editor,
    });
    expect(bad.status).toBe(400);
    const { errors } = (await bad.json()) as { errors: { field: string }[] };
    expect(errors.map((error) => error.field)).toContain('limit');
  });

  it('deletes for admins only, leaving a tombstone in the change feed and the files', async () => {
    const asset = await uploaded();
    const path = `/v1/assets/${asset.id}`;
    expect((await registry.request(path, { method: 'DELETE', headers: manager })).status).toBe(403);
    const stale = await registry.request(path, {
      method: 'DELETE',
      headers: { ...registry.as.admin, 'if-match': '"5"' },
    });
    expect(stale.status).toBe(412);
    const deleted = await registry.request(path, { method: 'DELETE', headers: registry.as.admin });
    expect(deleted.status).toBe(204);

    expect((await registry.request(path, { headers: registry.as.admin })).status).toBe(404);
    expect(
      (await registry.request(path, { method: 'DELETE', headers: registry.as.admin })).status,
    ).toBe(404);
    const listed = await registry.request('/v1/assets?limit=100', { headers: registry.as.admin });
    const { assets } = (await listed.json()) as { assets: AssetDto[] };
    expect(assets.map((x) => x.id)).not.toContain(asset.id);

    const last = await registry.db
      .selectFrom('changes')
      .selectAll()
      .where('org_id', '=', registry.orgId)
      .where('entity_id', '=', asset.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toMatchObject({ entity_type: 'asset', deleted: 1 });
    expect(await registry.deps.files.has(asset.original?.sha256 ?? '')).toBe(true);
  });

  it('gives the original bytes to editor keys and sessions, never to a publishable key', async () => {
    const bytes = await makePicture({ width: 60, height: 40, format: 'jpeg', exif: PHONE_EXIF });
    const created = await upload({ ...registry.as.editor, 'content-type': 'image/jpeg' }, bytes);
    const asset = (await created.json()) as AssetDto;
    const path = `/v1/assets/${asset.id}/original`;

    for (const headers of [registry.as.editor, registry.as.admin, manager]) {
      const response = await registry.request(path, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect(response.headers.get('cache-control')).toContain('no-store');
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    }
    const asPublic = await registry.request(path, { headers: registry.as.public });
    expect(asPublic.status).toBe(403);
    const byQueryKey = await registry.request(`${path}?key=${registry.keys.publishable}`, {
      headers: { origin: 'https://site.example' },
    });
    expect([401, 403]).toContain(byQueryKey.status);
    expect((await registry.request(path)).status).toBe(401);
  });

  it('gives editors the thumbnail of any of their pictures, a blocked one too, and no one else', async () => {
    // Uploaded with no assessment and nobody's consent: blocked on every channel.
    const asset = await uploaded(registry.as.editor, { title: 'Not yet assessed' });
    const verdict = await registry.request(`/v1/assets/${asset.id}/verdict?channel=web`, {
      headers: registry.as.editor,
    });
    expect(await verdict.json()).toMatchObject({ verdict: { status: 'blocked' } });
    const row = await registry.db
      .selectFrom('assets')
      .select('renditions')
      .where('id', '=', asset.id)
      .executeTakeFirstOrThrow();
    const thumb = parseJsonText(row.renditions).find((rendition) => rendition.name === 'thumb');
    const stored = await registry.deps.files.get(thumb?.sha256 ?? '');
    expect(stored).not.toBeNull();
    const path = `/v1/assets/${asset.id}/thumb`;

    const editorSession = await signInAs(registry, 'editor');
    for (const headers of [registry.as.editor, editorSession, manager, registry.as.admin]) {
      const response = await registry.request(path, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/jpeg');
      expect(response.headers.get('cache-control')).toMatch(/^private, max-age=\d+$/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('vary')).toBe('Authorization, Cookie');
      expect(response.headers.get('etag')).toBe(`"${thumb?.sha256 ?? ''}"`);
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(stored);
    }
    expect((await sharp(stored ?? new Uint8Array()).metadata()).format).toBe('jpeg');

    const revalidated = await registry.request(path, {
      headers: { ...registry.as.editor, 'if-none-match': `"${thumb?.sha256 ?? ''}"` },
    });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('cache-control')).toMatch(/^private/);

    expect((await registry.request(path)).status).toBe(401);
    expect((await registry.request(path, { headers: registry.as.public })).status).toBe(403);
    const byQueryKey = await registry.request(`${path}?key=${registry.keys.publishable}`, {
      headers: { origin: 'https://site.example' },
    });
    expect([401, 403]).toContain(byQueryKey.status);
    // Another organisation's credentials find no such asset.
    const other = await otherOrganisation(registry);
    for (const headers of [other.editor, other.consentManager]) {
      const response = await registry.request(path, { headers });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    // Deleted, it is gone for everyone.
    await registry.request(`/v1/assets/${asset.id}`, {
      method: 'DELETE',
      headers: registry.as.admin,
    });
    expect((await registry.request(path, { headers: registry.as.editor })).status).toBe(404);
  });

  it('describes every asset route in the OpenAPI document', async () => {
    const response = await registry.request('/v1/openapi.json');
    const document = (await response.json()) as { paths: Record<string, object> };
    expect(Object.keys(document.paths['/v1/assets'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(document.paths['/v1/assets/{id}'] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'patch',
    ]);
    expect(document.paths['/v1/assets/{id}/persons']).toHaveProperty('put');
    expect(document.paths['/v1/assets/{id}/original']).toHaveProperty('get');
    expect(document.paths['/v1/assets/{id}/thumb']).toHaveProperty('get.responses.200.content', {
      'image/jpeg': { schema: { type: 'string', format: 'binary' } },
    });
  });
});
