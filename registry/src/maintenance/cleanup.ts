// Removes what only lives for a while: expired sessions and idempotency keys past their lifetime.
// Neither is a record of the organisation (no audit entry, no change row): a session's creation
// and logout are audited, its expiry is a property it had from the start.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** How long a POST's Idempotency-Key replays its first response; a retry after that writes anew. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export interface CleanupResult {
  sessions: number;
  idempotencyKeys: number;
}

export async function cleanupExpired(
  db: Kysely<Database>,
  now: Date,
  { idempotencyTtlMs = IDEMPOTENCY_TTL_MS }: { idempotencyTtlMs?: number } = {},
): Promise<CleanupResult> {
  const sessions = await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  const idempotencyKeys = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - idempotencyTtlMs).toISOString())
    .executeTakeFirst();
  return {
    sessions: Number(sessions.numDeletedRows),
    idempotencyKeys: Number(idempotencyKeys.numDeletedRows),
  };
}
