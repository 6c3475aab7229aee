import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { otherOrganisation, signIn } from '../test-support/callers.js';
import { testRecords } from '../test-support/records.js';
import type { TestRecords } from '../test-support/records.js';
import { sha256Hex } from '../util/crypto.js';

const PDF = new TextEncoder().encode('%PDF-1.4\n% class photo consent form\n%%EOF\n');

interface Group {
  id: string;
  personIds: string[];
  consents: {
    id: string;
    personId: string;
    groupId: string;
    channels: string[];
    documents: { id: string; sha256: string }[];
  }[];
  documents: { id: string; sha256: string }[];
}

describe.each(ENGINES)('group consent on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let manager: Record<string, string> = {};
  let records: TestRecords;
  let persons: string[] = [];
  let assets: string[] = [];

  beforeAll(async () => {
    manager = await signIn(registry, 'consent_manager');
    records = testRecords(registry);
    persons = [];
    for (let i = 0; i < 4; i++) persons.push((await records.person({ name: `Pupil ${i}` })).id);
    assets = [(await records.asset()).id, (await records.asset()).id];
  });

  const options = () => ({
    title: 'Class 4B, spring 2026',
    personIds: persons,
    assetIds: assets,
    channels: ['web', 'print'],
    validFrom: '2026-03-01',
    validUntil: '2027-02-28',
    signedBy: { subject: false, guardians: 2 },
  });

  const multipart = (metadata: unknown, bytes: Uint8Array<ArrayBuffer> = PDF) => {
    const form = new FormData();
    form.set('file', new File([bytes], 'class-4b.pdf'));
    form.set('metadata', JSON.stringify(metadata));
    return registry.request('/v1/consent-groups', { method: 'POST', headers: manager, body: form });
  };
  const count = async (table: 'consents' | 'consent_groups' | 'consent_documents') =>
    (
      await registry.db
        .selectFrom(table)
        .select('id')
        .where('org_id', '=', registry.orgId)
        .execute()
    ).length;

  it('writes one consent per person with the same options, sharing one document', async () => {
    const response = await multipart(options());
    expect(response.status).toBe(201);
    const group = (await response.json()) as Group;
    expect(group.personIds.sort()).toEqual([...persons].sort());
    expect(group.consents).toHaveLength(4);
    expect(group.documents).toEqual([expect.objectContaining({ sha256: sha256Hex(PDF) })]);
    for (const consent of group.consents) {
      expect(consent).toMatchObject({
        groupId: group.id,
        channels: ['web', 'print'],
        assetIds: assets,
        signedBy: { subject: false, guardians: 2 },
        documents: [expect.objectContaining({ id: group.documents[0]?.id })],
      });
    }
    // Each pupil's consent serves the shared document.
    const first = group.consents[0];
    const download = await registry.request(
      `/v1/consents/${first?.id}/documents/${group.documents[0]?.id}`,
      { headers: manager },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('x-content-sha256')).toBe(sha256Hex(PDF));
  });

  it('takes a document the organisation already holds, by its SHA-256', async () => {
    const response = await registry.request('/v1/consent-groups', {
      method: 'POST',
      headers: manager,
      json: { ...options(), personIds: persons.slice(0, 2), documentSha256: sha256Hex(PDF) },
    });
    expect(response.status).toBe(201);
    const group = (await response.json()) as Group;
    expect(group.consents).toHaveLength(2);
    const read = await registry.request(`/v1/consent-groups/${group.id}`, { headers: manager });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({
      id: group.id,
      documents: [{ sha256: sha256Hex(PDF) }],
    });
  });

  it('writes nothing when one person is unknown, naming personIds[i]', async () => {
    const before = await Promise.all([
      count('consents'),
      count('consent_groups'),
      count('consent_documents'),
    ]);
    const response = await multipart({
      ...options(),
      personIds: [persons[0], persons[1], persons[2], 'per_unknown'],
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'personIds[3]' }] });
    const after = await Promise.all([
      count('consents'),
      count('consent_groups'),
      count('consent_documents'),
    ]);
    expect(after).toEqual(before);
  });

  it('names every bad option and writes nothing', async () => {
    const before = await count('consents');
    const response = await registry.request('/v1/consent-groups', {
      method: 'POST',
      headers: manager,
      json: {
        ...options(),
        channels: ['web', 'radio'],
        assetIds: [assets[0], 'ast_gone'],
        documentSha256: 'f'.repeat(64),
      },
    });
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: { field: string }[] };
    expect(errors.map((e) => e.field).sort()).toEqual([
      'assetIds[1]',
      'channels[1]',
      'documentSha256',
    ]);
    expect(await count('consents')).toBe(before);
  });

  it('refuses a group without a document, or with one that is not PDF or audio', async () => {
    const none = await registry.request('/v1/consent-groups', {
      method: 'POST',
      headers: manager,
      json: options(),
    });
    expect(none.status).toBe(422);
    expect(await none.json()).toMatchObject({ errors: [{ field: 'documentSha256' }] });
    const png = await multipart(
      options(),
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    expect(png.status).toBe(415);
  });

  it('lets one person’s consent be narrowed or revoked afterwards without touching the others', async () => {
    const group = (await (await multipart(options())).json()) as Group;
    const [one, two] = group.consents;
    const narrowed = await registry.request(`/v1/consents/${one?.id}`, {
      method: 'PATCH',
      headers: { ...manager, 'if-match': '"1"' },
      json: { channels: ['print'] },
    });
    expect(narrowed.status).toBe(200);
    const revoked = await registry.request(`/v1/consents/${two?.id}/revocations`, {
      method: 'POST',
      headers: manager,
      json: {},
    });
    expect(revoked.status).toBe(201);
    const read = (await (
      await registry.request(`/v1/consent-groups/${group.id}`, { headers: manager })
    ).json()) as { consents: { id: string; channels: string[]; status: string }[] };
    const byId = new Map(read.consents.map((c) => [c.id, c]));
    expect(byId.get(one?.id ?? '')).toMatchObject({ channels: ['print'] });
    expect(byId.get(two?.id ?? '')).toMatchObject({ status: 'revoked' });
    const untouched = read.consents.filter((c) => c.id !== one?.id && c.id !== two?.id);
    expect(untouched.map((c) => c.channels)).toEqual([
      ['web', 'print'],
      ['web', 'print'],
    ]);
  });

  it('hides one organisation’s groups and documents from another', async () => {
    const group = (await (await multipart(options())).json()) as Group;
    const other = await otherOrganisation(registry);
    const read = await registry.request(`/v1/consent-groups/${group.id}`, {
      headers: other.manager,
    });
    expect(read.status).toBe(404);
    // Knowing the hash of our document gives them nothing.
    const theirs = testRecords({ ...registry, orgId: other.orgId });
    const otherPerson = await theirs.person();
    const otherAsset = await theirs.asset();
    const steal = await registry.request('/v1/consent-groups', {
      method: 'POST',
      headers: other.manager,
      json: {
        ...options(),
        personIds: [otherPerson.id],
        assetIds: [otherAsset.id],
        documentSha256: sha256Hex(PDF),
      },
    });
    expect(steal.status).toBe(422);
    expect(await steal.json()).toMatchObject({ errors: [{ field: 'documentSha256' }] });
  });
});
