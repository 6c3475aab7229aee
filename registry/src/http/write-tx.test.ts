import { describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';

describe.each(ENGINES)('writes on %s', (engine) => {
  const registry = useTestRegistry(engine);

  const createKey = (name: string, idempotencyKey?: string) =>
    registry.request('/v1/keys', {
      method: 'POST',
      headers: {
        ...registry.as.admin,
        ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
      },
      json: { kind: 'editor', name },
    });

  it('replays a retried POST with the same Idempotency-Key instead of creating twice', async () => {
    const first = await createKey('Retried', 'retry-1');
    const second = await createKey('Retried', 'retry-1');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const a = (await first.json()) as { key: { id: string }; secret: string | null };
    const b = (await second.json()) as { key: { id: string }; secret: string | null };
    expect(b.key).toEqual(a.key);
    expect(a.secret).toMatch(/^cf_ed_/);
    expect(b.secret).toBeNull();
    const rows = await registry.db
      .selectFrom('api_keys')
      .select('id')
      .where('name', '=', 'Retried')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('replays concurrent retries once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => createKey('Concurrent', 'retry-2')),
    );
    expect(responses.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
    const rows = await registry.db
      .selectFrom('api_keys')
      .select('id')
      .where('name', '=', 'Concurrent')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses an Idempotency-Key reused for another request', async () => {
    await createKey('One', 'retry-3');
    const other = await createKey('Another', 'retry-3');
    expect(other.status).toBe(422);
    expect(await other.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('writes nothing when the request fails half-way', async () => {
    const before = await registry.db.selectFrom('changes').select('seq').execute();
    const response = await registry.request('/v1/keys', {
      method: 'POST',
      headers: registry.as.admin,
      json: { kind: 'publishable', name: 'No origins' },
    });
    expect(response.status).toBe(422);
    const after = await registry.db.selectFrom('changes').select('seq').execute();
    expect(after).toHaveLength(before.length);
  });

  it('numbers changes without gaps or repeats under parallel writers', async () => {
    const start = await registry.db
      .selectFrom('org_counters')
      .select('change_seq')
      .where('org_id', '=', registry.orgId)
      .executeTakeFirstOrThrow();
    const writers = 24;
    // Policy writes go to the change feed; If-Match * lets every writer win in turn.
    const responses = await Promise.all(
      Array.from({ length: writers }, (_, index) =>
        registry.request('/v1/policy', {
          method: 'PUT',
          headers: { ...registry.as.admin, 'if-match': '*' },
          json: { preset: 'SE', warnDays: index },
        }),
      ),
    );
    expect(responses.every((response) => response.status === 200)).toBe(true);
    const seqs = (
      await registry.db
        .selectFrom('changes')
        .select('seq')
        .where('org_id', '=', registry.orgId)
        .where('seq', '>', start.change_seq)
        .orderBy('seq')
        .execute()
    ).map((row) => row.seq);
    expect(seqs).toEqual(
      Array.from({ length: writers }, (_, index) => start.change_seq + index + 1),
    );
    const versions = await registry.db
      .selectFrom('policies')
      .select('version')
      .executeTakeFirstOrThrow();
    expect(versions.version).toBeGreaterThanOrEqual(writers + 1);
  });
});
