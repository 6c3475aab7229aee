import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { stockholmDate, testRecords } from '../test-support/records.js';
import { TEST_ORIGIN, useTestRegistry } from '../test-support/test-registry.js';
import { publicCacheOf } from './public-cache.js';

interface Answer {
  status: number;
  verdicts: Record<string, { status: string; nextCheckAt: string | null; media?: unknown }>;
}

describe.each(ENGINES)('the public verdict cache on %s', (engine) => {
  const registry = useTestRegistry(engine);
  const stats = () => ({ ...publicCacheOf(registry.db).stats });

  const ask = async (ids: string, key = registry.keys.publishable): Promise<Answer> => {
    const query = new URLSearchParams({ ids, channel: 'web', key });
    const response = await registry.request(`/v1/public/verdicts?${query.toString()}`, {
      headers: { origin: TEST_ORIGIN },
    });
    const body = response.status === 200 ? ((await response.json()) as Answer) : undefined;
    return { status: response.status, verdicts: body?.verdicts ?? {} };
  };

  /** A tagged, consented picture with renditions; returns its id and the consent's. */
  const picture = async (consent: { valid_from?: string; valid_until?: string | null } = {}) => {
    const records = testRecords(registry);
    const asset = await records.asset();
    const person = await records.person({ birth_date: '1990-01-01' });
    await records.tag(asset.id, person.id);
    const given = await records.consent(person.id, consent);
    await records.renditions(asset.id);
    return { assetId: asset.id, consentId: given.id };
  };

  beforeAll(async () => {
    // The first public request creates the organisation's media secret (a write): after it,
    // the counters stay put unless a test writes.
    await ask('ast_warmup');
  });

  it('answers a repeated request from memory, with one read of the counters', async () => {
    const { assetId } = await picture();
    expect((await ask(assetId)).verdicts[assetId]?.status).toBe('approved');
    const warm = stats();
    for (let i = 0; i < 3; i += 1)
      expect((await ask(assetId)).verdicts[assetId]?.status).toBe('approved');
    expect(stats()).toEqual(warm);
  });

  it('shows a revocation made through the API on the very next request', async () => {
    const { assetId, consentId } = await picture();
    await ask(assetId);
    expect((await ask(assetId)).verdicts[assetId]).toMatchObject({ status: 'approved' });
    const revoked = await registry.request(`/v1/consents/${consentId}/revocations`, {
      method: 'POST',
      headers: registry.as.admin,
      json: { reason: 'Changed my mind' },
    });
    expect(revoked.status).toBe(201);
    const after = (await ask(assetId)).verdicts[assetId];
    expect(after?.status).toBe('blocked');
    expect(after).not.toHaveProperty('media');
  });

  it('shows a write by another instance (straight to the database) on the next request', async () => {
    const { assetId, consentId } = await picture();
    await ask(assetId);
    expect((await ask(assetId)).verdicts[assetId]?.status).toBe('approved');
    // No event reaches this process: only the organisation's counters say something changed.
    await testRecords(registry).revoke(consentId);
    expect((await ask(assetId)).verdicts[assetId]?.status).toBe('blocked');
  });

  it('refuses a publishable key revoked through the API from the next request on', async () => {
    const created = await registry.request('/v1/keys', {
      method: 'POST',
      headers: registry.as.admin,
      json: { kind: 'publishable', name: 'Soon revoked', allowedOrigins: [TEST_ORIGIN] },
    });
    const { key, secret } = (await created.json()) as { key: { id: string }; secret: string };
    const bearer = { authorization: `Bearer ${secret}`, origin: TEST_ORIGIN };
    const viaBearer = () =>
      registry.request('/v1/public/verdicts?ids=ast_x&channel=web', { headers: bearer });
    expect((await ask('ast_x', secret)).status).toBe(200);
    expect((await viaBearer()).status).toBe(200);
    const warm = stats();
    expect((await ask('ast_x', secret)).status).toBe(200);
    expect(stats().keyLoads).toBe(warm.keyLoads);

    const revoked = await registry.request(`/v1/keys/${key.id}`, {
      method: 'DELETE',
      headers: registry.as.admin,
    });
    expect(revoked.status).toBe(204);
    expect((await ask('ast_x', secret)).status).toBe(401);
    expect((await viaBearer()).status).toBe(401);
  });

  it('still refuses an origin the cached key does not allow', async () => {
    await ask('ast_x');
    const query = new URLSearchParams({
      ids: 'ast_x',
      channel: 'web',
      key: registry.keys.publishable,
    });
    const response = await registry.request(`/v1/public/verdicts?${query.toString()}`, {
      headers: { origin: 'https://elsewhere.example' },
    });
    expect(response.status).toBe(403);
  });

  it('follows nextCheckAt with the cache warm: a consent starts, then ends, with no write', async () => {
    const { assetId } = await picture({
      valid_from: stockholmDate(5),
      valid_until: stockholmDate(40),
    });
    const realNow = registry.deps.now;
    let clock = new Date();
    registry.deps.now = () => clock;
    try {
      const before = (await ask(assetId)).verdicts[assetId];
      expect(before?.status).toBe('blocked');
      const starts = before?.nextCheckAt ?? '';
      expect(starts).not.toBe('');
      const warm = stats();

      clock = new Date(Date.parse(starts) + 1000);
      const during = (await ask(assetId)).verdicts[assetId];
      expect(during?.status).toMatch(/^(approved|expiring)$/);
      expect(during?.media).toBeDefined();

      // Back before the start (a clock may be set back): not the memo of a later instant.
      clock = new Date(Date.parse(starts) - 1000);
      expect((await ask(assetId)).verdicts[assetId]?.status).toBe('blocked');

      clock = new Date(Date.parse(stockholmDate(42)) + 0);
      const after = (await ask(assetId)).verdicts[assetId];
      expect(after?.status).toBe('blocked');
      expect(after).not.toHaveProperty('media');
      expect(stats()).toEqual(warm);
    } finally {
      registry.deps.now = realNow;
    }
  });
});
