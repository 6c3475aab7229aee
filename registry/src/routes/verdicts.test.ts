import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistryClient } from '@clearframe/core';
import { createOrganisation } from '../orgs/create-organisation.js';
import { ENGINES } from '../test-support/engines.js';
import { testRecords } from '../test-support/records.js';
import { TEST_ORIGIN, useTestRegistry } from '../test-support/test-registry.js';

describe.each(ENGINES)('the editor verdict on %s', (engine) => {
  const registry = useTestRegistry(engine);
  const ids = { asset: '', consenting: '', refusing: '', foreign: '' };

  beforeAll(async () => {
    const records = testRecords(registry);
    const asset = await records.asset();
    const consenting = await records.person({ name: 'Astrid Lindqvist' });
    const refusing = await records.person({ name: 'Bertil Ekström' });
    await records.tag(asset.id, consenting.id);
    await records.tag(asset.id, refusing.id);
    // Tagged twice (two regions): named once.
    await records.tag(asset.id, refusing.id);
    await records.consent(consenting.id, { channels: '["web","print"]' });
    await records.usage(asset.id, 'https://site.example/news/spring-fair');
    const other = await createOrganisation(registry.db, { name: 'Another controller' });
    const foreign = await testRecords({ ...registry, orgId: other.id }).asset();
    Object.assign(ids, {
      asset: asset.id,
      consenting: consenting.id,
      refusing: refusing.id,
      foreign: foreign.id,
    });
  });

  const ask = (id: string, channel: string, headers = registry.as.editor) =>
    registry.request(`/v1/assets/${id}/verdict?channel=${channel}`, { headers });

  it('blocks a picture until everyone in it has consented, naming who is missing', async () => {
    const response = await ask(ids.asset, 'web');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      assetId: ids.asset,
      channel: 'web',
      verdict: expect.objectContaining({
        status: 'blocked',
        coverage: 'partial',
        reasons: [{ code: 'no_consent', personId: ids.refusing }],
      }),
      persons: [
        { id: ids.consenting, name: 'Astrid Lindqvist' },
        { id: ids.refusing, name: 'Bertil Ekström' },
      ],
      usages: [{ url: 'https://site.example/news/spring-fair', source: 'wordpress' }],
    });
  });

  it('approves once the last person consents, through the core client', async () => {
    await testRecords(registry).consent(ids.refusing, { channels: '["web"]' });
    const client = createRegistryClient({
      baseUrl: 'http://registry.test/',
      credential: { kind: 'editor', key: registry.keys.editor },
      retries: 0,
      fetch: (request) => registry.app.request(request),
    });
    const answer = await client.verdict(ids.asset, 'web');
    expect(answer.verdict).toMatchObject({ status: 'approved', channels: ['web'], reasons: [] });
    const print = await client.verdict(ids.asset, 'print');
    expect(print.verdict).toMatchObject({
      status: 'blocked',
      reasons: [{ code: 'channel_not_granted', personId: ids.refusing }],
    });
  });

  it('lets consent managers and admins ask too, but not public keys', async () => {
    expect((await ask(ids.asset, 'web', registry.as.admin)).status).toBe(200);
    const publicKey = await ask(ids.asset, 'web', registry.as.public);
    expect(publicKey.status).toBe(403);
    expect((await ask(ids.asset, 'web', {})).status).toBe(401);
  });

  it('sends no CORS headers, even to an allowed origin', async () => {
    const response = await ask(ids.asset, 'web', { ...registry.as.editor, origin: TEST_ORIGIN });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it("answers 404 for another organisation's picture and for a deleted one", async () => {
    expect((await ask(ids.foreign, 'web')).status).toBe(404);
    const records = testRecords(registry);
    const gone = await records.asset();
    await records.deleteAsset(gone.id);
    expect((await ask(gone.id, 'web')).status).toBe(404);
  });

  it('names the channel when the policy has no such channel', async () => {
    const response = await ask(ids.asset, 'billboard');
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'channel' }] });
  });
});
