import { describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { TEST_ORIGIN, useTestRegistry } from '../test-support/test-registry.js';
import { sha256Hex } from '../util/crypto.js';

describe.each(ENGINES)('API keys on %s', (engine) => {
  const registry = useTestRegistry(engine);

  it('shows a new key once and keeps only its hash', async () => {
    const created = await registry.request('/v1/keys', {
      method: 'POST',
      headers: registry.as.admin,
      json: { kind: 'editor', name: 'Office add-in' },
    });
    expect(created.status).toBe(201);
    const { key, secret } = (await created.json()) as {
      key: { id: string; prefix: string };
      secret: string;
    };
    expect(secret).toMatch(/^cf_ed_/);
    expect(secret.startsWith(key.prefix)).toBe(true);

    const row = await registry.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', key.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).toBe(sha256Hex(secret));
    expect(JSON.stringify(row)).not.toContain(secret);

    const listed = await registry.request('/v1/keys', { headers: registry.as.admin });
    expect(await listed.text()).not.toContain(secret);

    const me = await registry.request('/v1/auth/me', {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.status).toBe(200);
  });

  it('stops accepting a revoked key', async () => {
    const created = await registry.request('/v1/keys', {
      method: 'POST',
      headers: registry.as.admin,
      json: { kind: 'editor', name: 'Short-lived' },
    });
    const { key, secret } = (await created.json()) as { key: { id: string }; secret: string };
    const revoked = await registry.request(`/v1/keys/${key.id}`, {
      method: 'DELETE',
      headers: registry.as.admin,
    });
    expect(revoked.status).toBe(204);
    const me = await registry.request('/v1/auth/me', {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(me.status).toBe(401);
  });

  it('accepts a publishable key only from its origins, wildcard ports included', async () => {
    const bearer = { authorization: `Bearer ${registry.keys.publishable}` };
    const from = (origin?: string) =>
      registry.request('/v1/auth/me', {
        headers: origin === undefined ? bearer : { ...bearer, origin },
      });
    expect((await from(TEST_ORIGIN)).status).toBe(200);
    expect((await from('http://localhost:5173')).status).toBe(200);
    const foreign = await from('https://elsewhere.example');
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'origin_not_allowed' });
    expect((await from('https://localhost:5173')).status).toBe(403);
    expect((await from(undefined)).status).toBe(403);
  });

  it('requires origins for a publishable key, naming the field', async () => {
    const response = await registry.request('/v1/keys', {
      method: 'POST',
      headers: registry.as.admin,
      json: {
        kind: 'publishable',
        name: 'Site',
        allowedOrigins: ['https://ok.example', 'ftp://no'],
      },
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'allowedOrigins[1]' }] });
  });

  it('lets only admins manage keys', async () => {
    const asEditor = await registry.request('/v1/keys', { headers: registry.as.editor });
    expect(asEditor.status).toBe(403);
    const anonymous = await registry.request('/v1/keys');
    expect(anonymous.status).toBe(401);
    const unknown = await registry.request('/v1/keys', {
      headers: { authorization: 'Bearer cf_ed_nope' },
    });
    expect(unknown.status).toBe(401);
  });
});
