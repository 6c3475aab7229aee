import { describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { verifyAuditChain } from './verify.js';
import { REDACTED } from './minimise.js';

describe.each(ENGINES)('the audit chain on %s', (engine) => {
  const registry = useTestRegistry(engine);

  const write = async (count: number) => {
    for (let index = 0; index < count; index += 1) {
      const response = await registry.request('/v1/policy', {
        method: 'PUT',
        headers: { ...registry.as.admin, 'if-match': '*' },
        json: { preset: 'SE', warnDays: 10 + index },
      });
      expect(response.status).toBe(200);
    }
  };
  const entry = (seq: number) =>
    registry.db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', registry.orgId)
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();

  it('verifies an untouched chain and keeps personal data and secrets out of it', async () => {
    await write(3);
    const verdict = await verifyAuditChain(registry.db);
    expect(verdict).toMatchObject({ ok: true });
    const rows = await registry.db.selectFrom('audit_log').selectAll().execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain(registry.admin.email);
    expect(text).not.toContain('argon2');
    const userEntry = rows.find((row) => row.action === 'user.create');
    expect(JSON.parse(userEntry?.after ?? '{}')).toMatchObject({ email: REDACTED, role: 'admin' });
  });

  it('finds an edited entry and names its seq', async () => {
    await write(2);
    const target = await entry(3);
    await registry.db
      .updateTable('audit_log')
      .set({ actor: 'user:someone_else' })
      .where('org_id', '=', registry.orgId)
      .where('seq', '=', 3)
      .execute();
    expect(await verifyAuditChain(registry.db)).toMatchObject({ ok: false, seq: 3 });
    await registry.db
      .updateTable('audit_log')
      .set({ actor: target.actor })
      .where('org_id', '=', registry.orgId)
      .where('seq', '=', 3)
      .execute();
    expect(await verifyAuditChain(registry.db)).toMatchObject({ ok: true });
  });

  it('finds a deleted entry in the middle and at the end', async () => {
    await write(2);
    const { audit_seq: last } = await registry.db
      .selectFrom('org_counters')
      .select('audit_seq')
      .where('org_id', '=', registry.orgId)
      .executeTakeFirstOrThrow();
    await registry.db
      .deleteFrom('audit_log')
      .where('org_id', '=', registry.orgId)
      .where('seq', '=', last)
      .execute();
    expect(await verifyAuditChain(registry.db)).toMatchObject({ ok: false, seq: last });
    await registry.db
      .deleteFrom('audit_log')
      .where('org_id', '=', registry.orgId)
      .where('seq', '=', 4)
      .execute();
    expect(await verifyAuditChain(registry.db)).toMatchObject({ ok: false, seq: 4 });
  });
});
