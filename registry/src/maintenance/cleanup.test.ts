import { describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { IDEMPOTENCY_TTL_MS, cleanupExpired } from './cleanup.js';
import { startHousekeeping } from './housekeeping.js';
import type { CleanupResult } from './cleanup.js';

describe.each(ENGINES)('clean-up of expired sessions and idempotency keys on %s', (engine) => {
  const registry = useTestRegistry(engine);
  const now = new Date();
  const at = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();

  const seed = async () => {
    const { id: userId } = await registry.db
      .selectFrom('users')
      .select('id')
      .where('org_id', '=', registry.orgId)
      .executeTakeFirstOrThrow();
    const session = (id: string, expiresAt: string) => ({
      id,
      org_id: registry.orgId,
      user_id: userId,
      token_hash: `hash-${id}-${Math.random()}`,
      created_at: at(-13 * 3600_000),
      expires_at: expiresAt,
    });
    await registry.db
      .insertInto('sessions')
      .values([
        session(`ses_expired_${Math.random()}`, at(-1)),
        session(`ses_now_${Math.random()}`, at(0)),
        session(`ses_live_${Math.random()}`, at(1)),
      ])
      .execute();
    const key = (name: string, createdAt: string) => ({
      org_id: registry.orgId,
      principal: 'user:test',
      key: `${name}-${Math.random()}`,
      fingerprint: 'f',
      response: 'null',
      created_at: createdAt,
    });
    await registry.db
      .insertInto('idempotency_keys')
      .values([key('old', at(-IDEMPOTENCY_TTL_MS - 1)), key('fresh', at(-IDEMPOTENCY_TTL_MS))])
      .execute();
  };

  const liveCounts = async () => ({
    sessions: (
      await registry.db
        .selectFrom('sessions')
        .select('id')
        .where('expires_at', '>', now.toISOString())
        .execute()
    ).length,
    keys: (await registry.db.selectFrom('idempotency_keys').select('key').execute()).length,
  });

  it('removes sessions at or past their expiry and keys older than their lifetime', async () => {
    await seed();
    const before = await liveCounts();
    expect(await cleanupExpired(registry.db, now)).toEqual({ sessions: 2, idempotencyKeys: 1 });
    expect(await liveCounts()).toEqual({ sessions: before.sessions, keys: before.keys - 1 });
    expect(await cleanupExpired(registry.db, now)).toEqual({ sessions: 0, idempotencyKeys: 0 });
    // The admin's live session is left alone.
    const me = await registry.request('/v1/auth/me', { headers: registry.as.admin });
    expect(me.status).toBe(200);
  });

  it('runs periodically in the server until stopped', async () => {
    await seed();
    const runs: CleanupResult[] = [];
    const housekeeping = startHousekeeping({
      db: registry.db,
      now: () => now,
      intervalMs: 20,
      onRun: (result) => runs.push(result),
    });
    await expect.poll(() => runs.length, { timeout: 5000 }).toBeGreaterThanOrEqual(2);
    await housekeeping.stop();
    const settled = runs.length;
    expect(runs[0]).toEqual({ sessions: 2, idempotencyKeys: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(runs.length).toBe(settled);
    expect(await housekeeping.runNow()).toBeUndefined();
  });
});
