import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { otherOrganisation, signIn } from '../test-support/callers.js';

describe.each(ENGINES)('persons on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let manager: Record<string, string> = {};
  const as = () => manager;
  beforeAll(async () => {
    manager = await signIn(registry, 'consent_manager');
  });

  const create = async (body: unknown, headers = as()) =>
    registry.request('/v1/persons', { method: 'POST', headers, json: body });
  const createOk = async (body: Record<string, unknown>) => {
    const response = await create(body);
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string; version: number } & Record<string, unknown>;
  };

  it('lets a consent manager record a person and read it back with an ETag', async () => {
    const response = await create({
      name: 'Astrid Lind',
      email: 'astrid@example.org',
      phone: '+46 70 123 45 67',
      birthDate: '2014-03-02',
      guardians: 1,
      objectedAt: '2026-05-10T12:00:00+02:00',
    });
    expect(response.status).toBe(201);
    const person = (await response.json()) as { id: string };
    expect(response.headers.get('location')).toBe(`/v1/persons/${person.id}`);
    const read = await registry.request(`/v1/persons/${person.id}`, { headers: as() });
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(await read.json()).toMatchObject({
      id: person.id,
      name: 'Astrid Lind',
      email: 'astrid@example.org',
      birthDate: '2014-03-02',
      deceasedOn: null,
      guardians: 1,
      protectedIdentity: false,
      // Stored as UTC with milliseconds, whatever offset it came with.
      objectedAt: '2026-05-10T10:00:00.000Z',
      erasedAt: null,
    });
  });

  it('keeps persons from editors and from publishable keys', async () => {
    expect((await create({ name: 'X' }, registry.as.editor)).status).toBe(403);
    const list = await registry.request('/v1/persons', { headers: registry.as.editor });
    expect(list.status).toBe(403);
    expect((await registry.request('/v1/persons', { headers: registry.as.public })).status).toBe(
      403,
    );
  });

  it('names every field that is not a date, instant or phone evaluate would accept', async () => {
    const response = await create({
      name: '  ',
      email: 'not an e-mail',
      phone: 'call me',
      birthDate: '2014-02-30',
      deceasedOn: '2020-01-01T00:00:00Z',
      objectedAt: '2026-05-10 10:00',
      guardians: 7,
    });
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: { field: string }[] };
    expect(errors.map((error) => error.field).sort()).toEqual(
      ['birthDate', 'deceasedOn', 'email', 'guardians', 'name', 'objectedAt', 'phone'].sort(),
    );
  });

  it('refuses a death before the birth', async () => {
    const response = await create({ name: 'A', birthDate: '2000-01-02', deceasedOn: '2000-01-01' });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'deceasedOn' }] });
  });

  it('changes a person only with the current If-Match', async () => {
    const person = await createOk({ name: 'Bo Ek' });
    const url = `/v1/persons/${person.id}`;
    const patch = (headers: Record<string, string>) =>
      registry.request(url, {
        method: 'PATCH',
        headers: { ...as(), ...headers },
        json: { name: 'Bo Eklund', protectedIdentity: true },
      });
    expect((await patch({})).status).toBe(428);
    expect((await patch({ 'if-match': '"7"' })).status).toBe(412);
    const changed = await patch({ 'if-match': '"1"' });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe('"2"');
    expect(await changed.json()).toMatchObject({ name: 'Bo Eklund', protectedIdentity: true });
    // The first writer's version is stale now.
    expect((await patch({ 'if-match': '"1"' })).status).toBe(412);
  });

  it('refuses a patched death before the stored birth', async () => {
    const person = await createOk({ name: 'C', birthDate: '2010-06-01' });
    const response = await registry.request(`/v1/persons/${person.id}`, {
      method: 'PATCH',
      headers: { ...as(), 'if-match': '"1"' },
      json: { deceasedOn: '2009-01-01' },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'deceasedOn' }] });
  });

  it('searches by part of a name or e-mail in any case, a page at a time', async () => {
    for (const name of ['Searchable Alpha', 'Searchable Beta', 'Searchable Gamma'])
      await createOk({ name, email: `${name.split(' ')[1]?.toLowerCase()}@find.example` });
    const first = await registry.request('/v1/persons?q=SEARCHABLE&limit=2', { headers: as() });
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { persons: { name: string }[]; nextCursor: string };
    expect(page1.persons.map((p) => p.name)).toEqual(['Searchable Alpha', 'Searchable Beta']);
    const second = await registry.request(
      `/v1/persons?q=searchable&limit=2&cursor=${page1.nextCursor}`,
      { headers: as() },
    );
    const page2 = (await second.json()) as { persons: { name: string }[]; nextCursor: null };
    expect(page2).toEqual({
      persons: [expect.objectContaining({ name: 'Searchable Gamma' })],
      nextCursor: null,
    });
    const byMail = await registry.request('/v1/persons?q=BETA@FIND', { headers: as() });
    expect(((await byMail.json()) as { persons: unknown[] }).persons).toHaveLength(1);
    // `%` is a character to find, not a wildcard.
    const literal = await registry.request('/v1/persons?q=%25', { headers: as() });
    expect(((await literal.json()) as { persons: unknown[] }).persons).toHaveLength(0);
  });

  it('erases a person: identifying fields cleared, consents and tags kept as evidence', async () => {
    const person = await createOk({
      name: 'Erik Erased',
      email: 'erik@example.org',
      phone: '+4612345678',
      birthDate: '2001-01-01',
    });
    const consent = await registry.request('/v1/consents', {
      method: 'POST',
      headers: as(),
      json: {
        personId: person.id,
        channels: ['web'],
        validFrom: '2026-01-01',
        comment: 'Erik, row 2',
      },
    });
    expect(consent.status).toBe(201);
    const consentId = ((await consent.json()) as { id: string }).id;

    const erased = await registry.request(`/v1/persons/${person.id}`, {
      method: 'DELETE',
      headers: as(),
    });
    expect(erased.status).toBe(200);
    expect(await erased.json()).toMatchObject({
      id: person.id,
      name: '',
      email: null,
      phone: null,
      birthDate: '2001-01-01',
      erasedAt: expect.any(String),
    });
    const kept = await registry.request(`/v1/consents/${consentId}`, { headers: as() });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toMatchObject({
      personId: person.id,
      channels: ['web'],
      comment: null,
    });
    // Nothing of the name is left for a search to find, and it cannot come back through PATCH.
    const search = await registry.request('/v1/persons?q=erik', { headers: as() });
    expect(((await search.json()) as { persons: unknown[] }).persons).toHaveLength(0);
    const patch = await registry.request(`/v1/persons/${person.id}`, {
      method: 'PATCH',
      headers: { ...as(), 'if-match': '*' },
      json: { name: 'Erik again' },
    });
    expect(patch.status).toBe(409);
    // The audit log never held the name in the first place.
    const audit = await registry.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('org_id', '=', registry.orgId)
      .where('target_id', '=', person.id)
      .execute();
    expect(JSON.stringify(audit)).not.toMatch(/Erik|erik@example/);
  });

  it('hides one organisation’s persons from another (404)', async () => {
    const person = await createOk({ name: 'Only Ours' });
    const other = await otherOrganisation(registry);
    const url = `/v1/persons/${person.id}`;
    expect((await registry.request(url, { headers: other.manager })).status).toBe(404);
    const patch = await registry.request(url, {
      method: 'PATCH',
      headers: { ...other.manager, 'if-match': '*' },
      json: { name: 'Theirs' },
    });
    expect(patch.status).toBe(404);
    const erase = await registry.request(url, { method: 'DELETE', headers: other.manager });
    expect(erase.status).toBe(404);
    const list = await registry.request('/v1/persons?q=only', { headers: other.manager });
    expect(await list.json()).toEqual({ persons: [], nextCursor: null });
    expect((await registry.request(url, { headers: as() })).status).toBe(200);
  });
});
