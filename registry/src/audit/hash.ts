// The audit chain: each entry's hash covers the previous hash and the entry's own columns, so
// editing or deleting any row breaks every hash after it (see audit/verify.ts).
import { canonicalJson } from '../util/canonical-json.js';
import { sha256Hex } from '../util/crypto.js';
import type { Row } from '../db/schema.js';

export type AuditEntry = Omit<Row<'audit_log'>, 'hash'>;

/** sha256(prev_hash + canonical JSON of every column but `hash`), hex. */
export function auditHash(entry: AuditEntry): string {
  const { prev_hash: prevHash, ...columns } = entry;
  return sha256Hex(prevHash + canonicalJson(columns));
}
