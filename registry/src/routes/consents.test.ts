import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { otherOrganisation, signIn } from '../test-support/callers.js';
import { testRecords } from '../test-support/records.js';
import type { TestRecords } from '../test-support/records.js';
import { sha256Hex } from '../util/crypto.js';

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const OGG = new TextEncoder().encode('OggS\0\x02 some vorbis');

interface Consent {
  id: string;
  version: number;
  status: string;
  channels: string[];
  revocations: { at: string; channels: string[] | null; recordedBy: string }[];
  documents: { id: string; sha256: string; mime: string }[];
  formAuthor: { id: string; name: string } | null;
}

describe.each(ENGINES)('consents on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let manager: Record<string, string> = {};
  let records: TestRecords;
  let personId = '';

  beforeAll(async () => {
    manager = await signIn(registry, 'consent_manager');
    records = testRecords(registry);
    personId = (await records.person({ name: 'Karin Berg' })).id;
  });

  const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
    registry.request(path, { method: 'POST', headers: { ...manager, ...headers }, json });
  const create = async (fields: Record<string, unknown> = {}) => {
    const response = await post('/v1/consents', {
      personId,
      channels: ['web', 'print'],
      validFrom: '2026-01-01',
      ...fields,
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Consent;
  };
  const get = async (id: string) => {
    const response = await registry.request(`/v1/consents/${id}`, { headers: manager });
    expect(response.status).toBe(200);
    return (await response.json()) as Consent;
  };
  const fieldsOf = async (response: Response) =>
    ((await response.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();

  it('records a consent with every field and reads it back with an ETag', async () => {
    const asset = await records.asset();
    const author = await post('/v1/form-authors', { name: 'School form 2026' });
    const authorId = ((await author.json()) as { id: string }).id;
    const response = await post('/v1/consents', {
      personId,
      kind: 'digital',
      channels: ['web', 'social'],
      validFrom: '2026-01-01',
      validUntil: '2027-06-30',
      assetIds: [asset.id],
      signedBy: { subject: false, guardians: 2 },
      comment: 'Signed at the spring fair',
      copyrightNotice: '© Photo Club',
      formAuthorId: authorId,
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Consent;
    expect(response.headers.get('location')).toBe(`/v1/consents/${created.id}`);
    const read = await registry.request(`/v1/consents/${created.id}`, { headers: manager });
    expect(read.headers.get('etag')).toBe('"1"');
    expect(await read.json()).toMatchObject({
      personId,
      kind: 'digital',
      channels: ['web', 'social'],
      validFrom: '2026-01-01',
      validUntil: '2027-06-30',
      assetIds: [asset.id],
      signedBy: { subject: false, guardians: 2 },
      comment: 'Signed at the spring fair',
      copyrightNotice: '© Photo Club',
      formAuthor: { id: authorId, name: 'School form 2026' },
      groupId: null,
      revocations: [],
      documents: [],
    });
  });

  it('fills the spec defaults: written, open-ended, every asset, signed by the subject', async () => {
    const consent = await create();
    expect(consent).toMatchObject({
      kind: 'written',
      validUntil: null,
      assetIds: null,
      signedBy: { subject: true, guardians: 0 },
    });
  });

  it('names each field that breaks the schema', async () => {
    const response = await post('/v1/consents', {
      personId,
      kind: 'telepathic',
      channels: ['web', 'web'],
      validFrom: '2026-02-30',
      validUntil: 'soon',
      signedBy: { subject: true, guardians: -1 },
      colour: 'blue',
    });
    expect(response.status).toBe(422);
    const fields = await fieldsOf(response);
    expect(fields).toEqual(
      expect.arrayContaining([
        'kind',
        'channels[1]',
        'validFrom',
        'validUntil',
        'signedBy.guardians',
      ]),
    );
  });

  it('refuses a validUntil before its validFrom, as evaluate would', async () => {
    const response = await post('/v1/consents', {
      personId,
      channels: ['web'],
      validFrom: '2026-05-01',
      validUntil: '2026-04-30',
    });
    expect(response.status).toBe(422);
    expect(await fieldsOf(response)).toEqual(['validUntil']);
  });

  it('names channels outside the policy, unknown assets, persons and form authors; writes nothing', async () => {
    const before = await registry.db.selectFrom('consents').select('id').execute();
    const response = await post('/v1/consents', {
      personId: 'per_nobody',
      channels: ['web', 'billboard'],
      validFrom: '2026-01-01',
      assetIds: ['ast_nowhere'],
      formAuthorId: 'fau_nobody',
    });
    expect(response.status).toBe(422);
    expect(await fieldsOf(response)).toEqual(
      ['assetIds[0]', 'channels[1]', 'formAuthorId', 'personId'].sort(),
    );
    const after = await registry.db.selectFrom('consents').select('id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('creates one consent for a retried POST with the same Idempotency-Key', async () => {
    const otherPerson = (await records.person()).id;
    const body = { personId: otherPerson, channels: ['web'], validFrom: '2026-01-01' };
    const first = await post('/v1/consents', body, { 'idempotency-key': 'retry-1' });
    const second = await post('/v1/consents', body, { 'idempotency-key': 'retry-1' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    const list = await registry.request(`/v1/consents?personId=${otherPerson}`, {
      headers: manager,
    });
    expect(((await list.json()) as { consents: unknown[] }).consents).toHaveLength(1);
  });

  it('changes the editable fields only with the current If-Match, never the person', async () => {
    const consent = await create();
    const url = `/v1/consents/${consent.id}`;
    const patch = (json: unknown, ifMatch?: string) =>
      registry.request(url, {
        method: 'PATCH',
        headers: { ...manager, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
        json,
      });
    expect((await patch({ channels: ['web'] })).status).toBe(428);
    expect((await patch({ channels: ['web'] }, '"2"')).status).toBe(412);
    const changed = await patch({ channels: ['web'], validUntil: '2026-12-31' }, '"1"');
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(await changed.json()).toMatchObject({ channels: ['web'], validUntil: '2026-12-31' });
    expect((await patch({ personId: 'per_other' }, '"2"')).status).toBe(422);
    const early = await patch({ validFrom: '2027-01-01' }, '"2"');
    expect(early.status).toBe(422);
    expect(await fieldsOf(early)).toEqual(['validFrom']);
    expect((await get(consent.id)).version).toBe(2);
  });

  it('offers no way to delete a consent', async () => {
    const consent = await create();
    const response = await registry.request(`/v1/consents/${consent.id}`, {
      method: 'DELETE',
      headers: manager,
    });
    expect(response.status).toBe(404);
    expect((await get(consent.id)).id).toBe(consent.id);
  });

  it('revokes a consent as a whole from now: status revoked, recorded by the caller', async () => {
    const consent = await create();
    const response = await post(`/v1/consents/${consent.id}/revocations`, {
      reason: 'Moved away',
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ channels: null, reason: 'Moved away' });
    const after = await get(consent.id);
    expect(after.status).toBe('revoked');
    expect(after.version).toBe(2);
    expect(after.revocations).toEqual([
      expect.objectContaining({ channels: null, recordedBy: expect.stringMatching(/^user:/) }),
    ]);
    // The reason is the person's own business: the append-only audit log does not keep it.
    const audit = await registry.db
      .selectFrom('audit_log')
      .select('after')
      .where('org_id', '=', registry.orgId)
      .where('action', '=', 'consent.revoke')
      .where('target_id', '=', consent.id)
      .executeTakeFirstOrThrow();
    expect(audit.after).not.toContain('Moved away');
  });

  it('revokes single channels, and schedules a withdrawal in the future', async () => {
    const consent = await create();
    const one = await post(`/v1/consents/${consent.id}/revocations`, { channels: ['print'] });
    expect(one.status).toBe(201);
    const later = await post(`/v1/consents/${consent.id}/revocations`, {
      at: '2099-01-01T00:00:00+01:00',
    });
    expect(later.status).toBe(201);
    const after = await get(consent.id);
    // Neither is a whole withdrawal at this instant.
    expect(after.status).toBe('active');
    expect(after.revocations.map((r) => [r.channels, r.at])).toEqual([
      [['print'], expect.any(String)],
      [null, '2098-12-31T23:00:00.000Z'],
    ]);
    const notGranted = await post(`/v1/consents/${consent.id}/revocations`, {
      channels: ['social'],
    });
    expect(notGranted.status).toBe(422);
    expect(await fieldsOf(notGranted)).toEqual(['channels[0]']);
    const badInstant = await post(`/v1/consents/${consent.id}/revocations`, { at: 'tomorrow' });
    expect(await fieldsOf(badInstant)).toEqual(['at']);
  });

  it('puts a revoked consent in the change feed that editors sync', async () => {
    const consent = await create();
    const { change_seq: before } = await registry.db
      .selectFrom('org_counters')
      .select('change_seq')
      .where('org_id', '=', registry.orgId)
      .executeTakeFirstOrThrow();
    await post(`/v1/consents/${consent.id}/revocations`, { channels: ['web'] });
    const rows = await registry.db
      .selectFrom('changes')
      .select(['entity_type', 'entity_id'])
      .where('org_id', '=', registry.orgId)
      .where('seq', '>', before)
      .execute();
    expect(rows).toEqual([{ entity_type: 'consent', entity_id: consent.id }]);
    const feed = await registry.request('/v1/sync?limit=1000', { headers: registry.as.editor });
    const { changes } = (await feed.json()) as {
      changes: { type: string; id: string; data?: { revocations?: unknown[] } }[];
    };
    const entry = changes.find((change) => change.id === consent.id);
    expect(entry?.data?.revocations).toEqual([expect.objectContaining({ channels: ['web'] })]);
  });

  it('lists consents by person, asset and status', async () => {
    const person = (await records.person()).id;
    const asset = await records.asset();
    const elsewhere = await records.asset();
    await records.tag(asset.id, person);
    const everyAsset = await create({ personId: person });
    const onlyThis = await create({ personId: person, assetIds: [asset.id] });
    const onlyElsewhere = await create({ personId: person, assetIds: [elsewhere.id] });
    const expired = await create({
      personId: person,
      validFrom: '2020-01-01',
      validUntil: '2020-12-31',
    });
    const pending = await create({ personId: person, validFrom: '2098-01-01' });
    const revoked = await create({ personId: person });
    await post(`/v1/consents/${revoked.id}/revocations`, {});

    const ids = async (query: string) => {
      const response = await registry.request(`/v1/consents?personId=${person}&${query}`, {
        headers: manager,
      });
      expect(response.status).toBe(200);
      return ((await response.json()) as { consents: { id: string }[] }).consents
        .map((c) => c.id)
        .sort();
    };
    expect(await ids(`assetId=${asset.id}`)).toEqual(
      [everyAsset.id, onlyThis.id, expired.id, pending.id, revoked.id].sort(),
    );
    expect(await ids(`assetId=${elsewhere.id}`)).toEqual([onlyElsewhere.id]);
    expect(await ids('status=expired')).toEqual([expired.id]);
    expect(await ids('status=pending')).toEqual([pending.id]);
    expect(await ids('status=revoked')).toEqual([revoked.id]);
    expect(await ids('status=active')).toEqual(
      [everyAsset.id, onlyThis.id, onlyElsewhere.id].sort(),
    );
    const bad = await registry.request('/v1/consents?status=maybe', { headers: manager });
    expect(bad.status).toBe(400);
  });

  it('shows a form author’s new name on consents that reference it', async () => {
    const author = await post('/v1/form-authors', { name: 'Old form' });
    const authorId = ((await author.json()) as { id: string }).id;
    const consent = await create({ formAuthorId: authorId });
    const rename = await registry.request(`/v1/form-authors/${authorId}`, {
      method: 'PATCH',
      headers: { ...manager, 'if-match': '"1"' },
      json: { name: 'New form' },
    });
    expect(rename.status).toBe(200);
    expect((await get(consent.id)).formAuthor).toEqual({ id: authorId, name: 'New form' });
    const list = await registry.request('/v1/form-authors', { headers: manager });
    expect(await list.json()).toMatchObject({
      formAuthors: expect.arrayContaining([expect.objectContaining({ name: 'New form' })]),
    });
    // Archived authors stay on old consents but are not taken for new ones.
    await registry.request(`/v1/form-authors/${authorId}`, {
      method: 'PATCH',
      headers: { ...manager, 'if-match': '"2"' },
      json: { archived: true },
    });
    const refused = await post('/v1/consents', {
      personId,
      channels: ['web'],
      validFrom: '2026-01-01',
      formAuthorId: authorId,
    });
    expect(await fieldsOf(refused)).toEqual(['formAuthorId']);
  });

  it('stores a PDF as evidence and gives it back with its type and SHA-256', async () => {
    const consent = await create();
    const form = new FormData();
    form.set('file', new File([PDF], 'signed form.pdf', { type: 'application/octet-stream' }));
    const upload = await registry.request(`/v1/consents/${consent.id}/documents`, {
      method: 'POST',
      headers: manager,
      body: form,
    });
    expect(upload.status).toBe(201);
    const document = (await upload.json()) as { id: string; sha256: string };
    expect(document).toMatchObject({
      sha256: sha256Hex(PDF),
      mime: 'application/pdf',
      size: PDF.length,
      filename: 'signed form.pdf',
    });
    const download = await registry.request(`/v1/consents/${consent.id}/documents/${document.id}`, {
      headers: manager,
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-sha256')).toBe(sha256Hex(PDF));
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect((await get(consent.id)).documents).toEqual([
      expect.objectContaining({ id: document.id }),
    ]);
    // Editors never reach evidence.
    const editor = await registry.request(`/v1/consents/${consent.id}/documents/${document.id}`, {
      headers: registry.as.editor,
    });
    expect(editor.status).toBe(403);
  });

  it('takes audio as a raw body, its type from the bytes', async () => {
    const consent = await create();
    const upload = await registry.request(
      `/v1/consents/${consent.id}/documents?filename=recording.ogg`,
      { method: 'POST', headers: { ...manager, 'content-type': 'audio/ogg' }, body: OGG },
    );
    expect(upload.status).toBe(201);
    expect(await upload.json()).toMatchObject({ mime: 'audio/ogg', filename: 'recording.ogg' });
  });

  it('refuses a PNG posing as a PDF (415) and a file over 20 MB (413); stores neither', async () => {
    const consent = await create();
    const url = `/v1/consents/${consent.id}/documents`;
    const png = await registry.request(url, {
      method: 'POST',
      headers: { ...manager, 'content-type': 'application/pdf' },
      body: PNG,
    });
    expect(png.status).toBe(415);
    expect(await png.json()).toMatchObject({ errors: [{ field: 'file' }] });
    const big = new Uint8Array(20 * 1024 * 1024 + 300 * 1024);
    big.set(PDF);
    const tooLarge = await registry.request(url, {
      method: 'POST',
      headers: { ...manager, 'content-type': 'application/pdf' },
      body: big,
    });
    expect(tooLarge.status).toBe(413);
    expect((await get(consent.id)).documents).toEqual([]);
    expect(await registry.deps.files.has(sha256Hex(PNG))).toBe(false);
  });

  it('hides one organisation’s consents and documents from another (404)', async () => {
    const consent = await create();
    const upload = await registry.request(`/v1/consents/${consent.id}/documents`, {
      method: 'POST',
      headers: { ...manager, 'content-type': 'application/pdf' },
      body: PDF,
    });
    const documentId = ((await upload.json()) as { id: string }).id;
    const other = await otherOrganisation(registry);
    const as = other.manager;
    const url = `/v1/consents/${consent.id}`;
    expect((await registry.request(url, { headers: as })).status).toBe(404);
    expect((await registry.request(`${url}/documents/${documentId}`, { headers: as })).status).toBe(
      404,
    );
    const patch = await registry.request(url, {
      method: 'PATCH',
      headers: { ...as, 'if-match': '*' },
      json: { channels: ['web'] },
    });
    expect(patch.status).toBe(404);
    const revoke = await registry.request(`${url}/revocations`, {
      method: 'POST',
      headers: as,
      json: {},
    });
    expect(revoke.status).toBe(404);
    const upload2 = await registry.request(`${url}/documents`, {
      method: 'POST',
      headers: { ...as, 'content-type': 'application/pdf' },
      body: PDF,
    });
    expect(upload2.status).toBe(404);
    // Nor can they attach their consent to our person.
    const theirs = await registry.request('/v1/consents', {
      method: 'POST',
      headers: as,
      json: { personId, channels: ['web'], validFrom: '2026-01-01' },
    });
    expect(theirs.status).toBe(422);
    const list = await registry.request(`/v1/consents?personId=${personId}`, { headers: as });
    expect(await list.json()).toEqual({ consents: [], nextCursor: null });
    expect((await get(consent.id)).status).toBe('active');
  });
});
