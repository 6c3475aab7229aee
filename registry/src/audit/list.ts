// Reading the audit log: one page of entries, filtered, ordered by seq, with the cursor of the next.
import type { Kysely } from 'kysely';
import type { Database, IsoInstant, Row } from '../db/schema.js';

export interface AuditFilter {
  targetType?: string | undefined;
  targetId?: string | undefined;
  actor?: string | undefined;
  action?: string | undefined;
  /** Entries at or after this instant. */
  from?: IsoInstant | undefined;
  /** Entries strictly before this instant. */
  to?: IsoInstant | undefined;
}

export interface AuditPageRequest extends AuditFilter {
  /** Newest first (`desc`, the default) or oldest first. */
  order?: 'asc' | 'desc' | undefined;
  /** The seq the previous page ended at (exclusive). */
  after?: number | undefined;
  limit: number;
}

export interface AuditEntryDto {
  seq: number;
  actor: string;
  action: string;
  target: { type: string; id: string };
  /** The record before and after the write, personal fields already minimised when stored. */
  before: unknown;
  after: unknown;
  at: IsoInstant;
  prevHash: string;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntryDto[];
  /** The cursor of the next page, or null when this page is the last. */
  next: string | null;
}

export async function listAudit(
  db: Kysely<Database>,
  orgId: string,
  request: AuditPageRequest,
): Promise<AuditPage> {
  const order = request.order ?? 'desc';
  let query = db.selectFrom('audit_log').selectAll().where('org_id', '=', orgId);
  if (request.after !== undefined)
    query = query.where('seq', order === 'asc' ? '>' : '<', request.after);
  if (request.targetType !== undefined) query = query.where('target_type', '=', request.targetType);
  if (request.targetId !== undefined) query = query.where('target_id', '=', request.targetId);
  if (request.actor !== undefined) query = query.where('actor', '=', request.actor);
  if (request.action !== undefined) query = query.where('action', '=', request.action);
  if (request.from !== undefined) query = query.where('at', '>=', request.from);
  if (request.to !== undefined) query = query.where('at', '<', request.to);
  // One row more than asked tells whether another page follows.
  const rows = await query
    .orderBy('seq', order)
    .limit(request.limit + 1)
    .execute();
  const page = rows.slice(0, request.limit);
  const last = page.at(-1);
  return {
    entries: page.map(toAuditEntryDto),
    next: rows.length > request.limit && last !== undefined ? String(last.seq) : null,
  };
}

export function toAuditEntryDto(row: Row<'audit_log'>): AuditEntryDto {
  return {
    seq: row.seq,
    actor: row.actor,
    action: row.action,
    target: { type: row.target_type, id: row.target_id },
    before: row.before === null ? null : (JSON.parse(row.before) as unknown),
    after: row.after === null ? null : (JSON.parse(row.after) as unknown),
    at: row.at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
