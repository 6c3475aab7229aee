// Recomputes every organisation's audit chain: an edited, inserted or deleted row is found.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { auditHash } from './hash.js';

export type AuditVerdict =
  { ok: true; entries: number } | { ok: false; orgId: string; seq: number; problem: string };

const PAGE = 1000;

export async function verifyAuditChain(
  db: Kysely<Database>,
  options: { orgId?: string } = {},
): Promise<AuditVerdict> {
  let query = db.selectFrom('org_counters').selectAll().orderBy('org_id');
  if (options.orgId !== undefined) query = query.where('org_id', '=', options.orgId);
  let entries = 0;
  for (const counters of await query.execute()) {
    const verdict = await verifyOrganisation(db, counters.org_id, counters);
    if (!verdict.ok) return verdict;
    entries += verdict.entries;
  }
  return { ok: true, entries };
}

async function verifyOrganisation(
  db: Kysely<Database>,
  orgId: string,
  counters: { audit_seq: number; audit_head: string },
): Promise<AuditVerdict> {
  let expectedSeq = 1;
  let prevHash = '';
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const fail = (problem: string): AuditVerdict => ({
        ok: false,
        orgId,
        seq: expectedSeq,
        problem,
      });
      if (row.seq !== expectedSeq) return fail(`entry ${expectedSeq} is missing`);
      if (row.prev_hash !== prevHash) return fail('prev_hash does not match the previous entry');
      const { hash, ...entry } = row;
      if (auditHash(entry) !== hash) return fail('hash does not match the entry (edited)');
      prevHash = hash;
      expectedSeq += 1;
    }
    if (rows.length < PAGE) break;
  }
  // The counters remember the tail, so deleting the newest entries is found too.
  if (expectedSeq - 1 !== counters.audit_seq) {
    return { ok: false, orgId, seq: expectedSeq, problem: `entry ${expectedSeq} is missing` };
  }
  if (prevHash !== counters.audit_head) {
    return {
      ok: false,
      orgId,
      seq: expectedSeq - 1,
      problem: 'the last entry is not the recorded head',
    };
  }
  return { ok: true, entries: expectedSeq - 1 };
}
