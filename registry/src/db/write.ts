// One write = one transaction that also appends the audit entries and change-feed rows it causes.
//
// Ordering: the transaction first locks its organisation's `org_counters` row (an UPDATE, which
// both engines turn into a row or database lock held until commit). Writers of one organisation
// therefore run one after another, and a sequence number is allocated only under that lock, so
// seqs commit in the order they were handed out: a reader of `changes` after seq N never finds
// N+1 committed before N, and the change feed neither skips nor repeats under concurrent writers.
import type { Kysely, Transaction } from 'kysely';
import type { Database, IsoInstant } from './schema.js';
import { auditHash } from '../audit/hash.js';
import { minimise } from '../audit/minimise.js';
import { canonicalJson } from '../util/canonical-json.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { enqueueVerdictEvents } from '../webhooks/events.js';

export interface WriteOptions {
  orgId: string;
  /** Who writes: `user:usr_…`, `key:key_…`, `system:cli`. */
  actor: string;
  /** The instant recorded on audit and change rows. */
  now: Date;
}

export interface AuditRecord {
  /** `<resource>.<verb>`: `policy.update`, `key.create`, `consent.revoke`. */
  action: string;
  targetType: string;
  targetId: string;
  /** The record before the write (null when created); minimised before it is stored. */
  before?: object | null;
  /** The record after the write (null when deleted); minimised before it is stored. */
  after?: object | null;
  /** Whether the target goes to the change feed too. Default true. */
  feed?: boolean;
}

export interface WriteScope {
  /** The transaction: every query of the write goes through it, never through the outer db. */
  db: Transaction<Database>;
  orgId: string;
  actor: string;
  now: IsoInstant;
  /** Appends an audit entry and (unless `feed: false`) a change row for its target. */
  record(entry: AuditRecord): Promise<void>;
  /** Appends a change row only: an entity touched as a side effect of another's write. */
  changed(entityType: string, entityId: string, options?: { deleted?: boolean }): Promise<void>;
}

/** Runs `fn` in a new transaction with the audit and change-feed bookkeeping. */
export function runWrite<T>(
  db: Kysely<Database>,
  options: WriteOptions,
  fn: (scope: WriteScope) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((trx) => writeWithin(trx, options, fn));
}

/** The same inside a transaction the caller already holds (creating an organisation). */
export async function writeWithin<T>(
  trx: Transaction<Database>,
  options: WriteOptions,
  fn: (scope: WriteScope) => Promise<T>,
): Promise<T> {
  const at = options.now.toISOString();
  const counters = await trx
    .updateTable('org_counters')
    .set((eb) => ({ change_seq: eb.ref('change_seq') }))
    .where('org_id', '=', options.orgId)
    .returning(['change_seq', 'audit_seq', 'audit_head'])
    .executeTakeFirst();
  if (counters === undefined) throw new NotFoundError('organisation', options.orgId);
  let { change_seq: changeSeq, audit_seq: auditSeq, audit_head: auditHead } = counters;

  const changed: WriteScope['changed'] = async (entityType, entityId, { deleted } = {}) => {
    changeSeq += 1;
    await trx
      .insertInto('changes')
      .values({
        org_id: options.orgId,
        seq: changeSeq,
        entity_type: entityType,
        entity_id: entityId,
        deleted: deleted === true ? 1 : 0,
        at,
      })
      .execute();
  };

  const record: WriteScope['record'] = async (entry) => {
    auditSeq += 1;
    const row = {
      org_id: options.orgId,
      seq: auditSeq,
      actor: options.actor,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      before: jsonOrNull(entry.before),
      after: jsonOrNull(entry.after),
      at,
      prev_hash: auditHead,
    };
    auditHead = auditHash(row);
    await trx
      .insertInto('audit_log')
      .values({ ...row, hash: auditHead })
      .execute();
    if (entry.feed !== false) {
      await changed(entry.targetType, entry.targetId, {
        deleted: entry.after === null && entry.before != null,
      });
    }
  };

  const result = await fn({
    db: trx,
    orgId: options.orgId,
    actor: options.actor,
    now: at,
    record,
    changed,
  });

  // Webhook events of this write, in its transaction: they exist exactly when it commits.
  if (changeSeq > counters.change_seq) {
    await enqueueVerdictEvents(trx, {
      orgId: options.orgId,
      at,
      afterChangeSeq: counters.change_seq,
      afterAuditSeq: counters.audit_seq,
    });
  }

  await trx
    .updateTable('org_counters')
    .set({ change_seq: changeSeq, audit_seq: auditSeq, audit_head: auditHead })
    .where('org_id', '=', options.orgId)
    .execute();
  return result;
}

function jsonOrNull(record: object | null | undefined): string | null {
  const minimised = minimise(record);
  return minimised === null ? null : canonicalJson(minimised);
}
