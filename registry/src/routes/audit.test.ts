import { describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import type { AuditEntryDto, AuditPage } from '../audit/list.js';
import { auditHash } from '../audit/hash.js';
import { REDACTED } from '../audit/minimise.js';

describe.each(ENGINES)('the audit log API on %s', (engine) => {
  const registry = useTestRegistry(engine);

  const audit = async (query = '', headers = registry.as.admin) => {
    const response = await registry.request(`/v1/audit${query}`, { headers });
    return { response, page: (await response.json()) as AuditPage };
  };
  const createKey = async (name: string) => {
    const response = await registry.request('/v1/keys', {
      method: 'POST',
      headers: registry.as.admin,
      json: { kind: 'editor', name },
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { key: { id: string } }).key.id;
  };

  it('lists the newest entries first, with before/after, instant and the hash chain', async () => {
    const keyId = await createKey('Audit one');
    const { response, page } = await audit('?limit=5');
    expect(response.status).toBe(200);
    const [newest] = page.entries;
    expect(newest).toMatchObject({
      action: 'key.create',
      target: { type: 'api_key', id: keyId },
      before: null,
      after: { id: keyId, kind: 'editor', name: REDACTED },
    });
    expect(newest?.actor).toMatch(/^user:usr_/);
    expect(newest?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Each entry's hash is recomputable from its columns, and links to the one before.
    const seqs = page.entries.map((entry) => entry.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    for (const [index, entry] of page.entries.entries()) {
      expect(auditHash(rowOf(registry.orgId, entry))).toBe(entry.hash);
      const older = page.entries[index + 1];
      if (older !== undefined && older.seq === entry.seq - 1)
        expect(entry.prevHash).toBe(older.hash);
    }
    expect(JSON.stringify(page)).not.toContain('secret_hash');
  });

  it('pages by seq in both orders without skipping or repeating an entry', async () => {
    for (let index = 0; index < 5; index += 1) await createKey(`Paged ${index}`);
    const walk = async (order: 'asc' | 'desc') => {
      const seen: number[] = [];
      let after: string | null = null;
      do {
        const { page } = await audit(
          `?order=${order}&limit=3${after === null ? '' : `&after=${after}`}`,
        );
        seen.push(...page.entries.map((entry) => entry.seq));
        after = page.next;
      } while (after !== null);
      return seen;
    };
    const ascending = await walk('asc');
    const { audit_seq: last } = await registry.db
      .selectFrom('org_counters')
      .select('audit_seq')
      .where('org_id', '=', registry.orgId)
      .executeTakeFirstOrThrow();
    expect(ascending).toEqual(Array.from({ length: last }, (_, index) => index + 1));
    expect(await walk('desc')).toEqual([...ascending].reverse());
  });

  it('filters by target, actor, action and time range', async () => {
    const keyId = await createKey('Filtered');
    const revoke = await registry.request(`/v1/keys/${keyId}`, {
      method: 'DELETE',
      headers: registry.as.admin,
    });
    expect(revoke.status).toBe(204);

    const byTarget = await audit(`?targetType=api_key&targetId=${keyId}&order=asc`);
    expect(byTarget.page.entries.map((entry) => entry.action)).toEqual([
      'key.create',
      'key.revoke',
    ]);
    const revoked = byTarget.page.entries[1];
    expect(revoked?.before).toMatchObject({ revoked_at: null });
    expect(revoked?.after).toMatchObject({ revoked_at: expect.any(String) });

    const byAction = await audit('?action=organisation.create');
    expect(byAction.page.entries).toHaveLength(1);
    expect(byAction.page.entries[0]?.actor).toBe('system');

    const actor = revoked?.actor ?? '';
    const byActor = await audit(`?actor=${encodeURIComponent(actor)}&limit=500`);
    expect(byActor.page.entries.length).toBeGreaterThan(1);
    expect(byActor.page.entries.every((entry) => entry.actor === actor)).toBe(true);

    const at = revoked?.at ?? '';
    const inRange = await audit(
      `?targetId=${keyId}&from=${encodeURIComponent(at)}&to=${encodeURIComponent(
        new Date(Date.parse(at) + 1).toISOString(),
      )}`,
    );
    expect(inRange.page.entries.map((entry) => entry.action)).toContain('key.revoke');
    const before = await audit(`?targetId=${keyId}&to=2000-01-01T00:00:00Z`);
    expect(before.page.entries).toEqual([]);
    // An offset is accepted and compared as the UTC instant it names.
    const future = await audit(`?from=${encodeURIComponent('2999-01-01T02:00:00+02:00')}`);
    expect(future.page).toEqual({ entries: [], next: null });
  });

  it('names the bad parameter', async () => {
    for (const query of ['?limit=0', '?limit=501', '?after=abc', '?from=yesterday', '?order=up']) {
      const { response, page } = await audit(query);
      expect(response.status, query).toBe(400);
      expect(page).toMatchObject({ code: 'invalid_parameter' });
    }
  });

  it('is for admins only', async () => {
    expect((await audit('', {})).response.status).toBe(401);
    expect((await audit('', registry.as.editor)).response.status).toBe(403);
    expect((await audit('', registry.as.public)).response.status).toBe(403);
  });

  it('offers no way to change or delete an entry', async () => {
    const document = (await (await registry.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const auditOperations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/v1/audit'))
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method} ${path}`),
      );
    expect(auditOperations).toEqual(['get /v1/audit']);

    const { page } = await audit('?limit=1');
    const seq = page.entries[0]?.seq ?? 1;
    const before = await registry.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      for (const path of ['/v1/audit', `/v1/audit/${seq}`]) {
        const response = await registry.request(path, {
          method,
          headers: registry.as.admin,
          json: { actor: 'user:mallory', action: 'nothing.happened' },
        });
        expect(response.status, `${method} ${path}`).toBe(404);
      }
    }
    expect(await registry.db.selectFrom('audit_log').selectAll().orderBy('seq').execute()).toEqual(
      before,
    );
  });
});

function rowOf(orgId: string, entry: AuditEntryDto) {
  return {
    org_id: orgId,
    seq: entry.seq,
    actor: entry.actor,
    action: entry.action,
    target_type: entry.target.type,
    target_id: entry.target.id,
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
    at: entry.at,
    prev_hash: entry.prevHash,
  };
}
