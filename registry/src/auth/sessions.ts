// Admin UI sessions: a random token in an HttpOnly cookie; the database keeps its SHA-256 only.
import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/schema.js';
import { randomToken, sha256Hex } from '../util/crypto.js';
import { IdPrefix, newId } from '../util/ids.js';

export const SESSION_COOKIE = 'cf_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export async function createSession(
  db: Kysely<Database>,
  user: Pick<Row<'users'>, 'id' | 'org_id'>,
  now: Date,
): Promise<{ token: string; session: Row<'sessions'> }> {
  const token = randomToken(32);
  const session = {
    id: newId(IdPrefix.session),
    org_id: user.org_id,
    user_id: user.id,
    token_hash: sha256Hex(token),
    created_at: now.toISOString(),
    expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
  };
  await db.insertInto('sessions').values(session).execute();
  return { token, session };
}

/** The live session of this token and its (enabled) user, or undefined. */
export async function findSession(db: Kysely<Database>, token: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as sessionId',
      'sessions.org_id as orgId',
      'users.id as userId',
      'users.role as role',
    ])
    .where('sessions.token_hash', '=', sha256Hex(token))
    .where('sessions.expires_at', '>', now.toISOString())
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}
