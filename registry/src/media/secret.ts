// Each organisation's media-signing secret: created on first use (through runWrite, audited
// without the secret), then cached per database so signing and checking cost no query.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { runWrite } from '../db/write.js';
import { randomBytes } from 'node:crypto';

const cache = new WeakMap<Kysely<Database>, Map<string, Buffer>>();

/** The organisation's HMAC key when this process has it already (no query, no promise). */
export function knownMediaSecret(db: Kysely<Database>, orgId: string): Buffer | undefined {
  return cache.get(db)?.get(orgId);
}

/** The organisation's HMAC key for media URLs, creating it when it has none yet. */
export async function mediaSecretOf(
  db: Kysely<Database>,
  orgId: string,
  now: Date,
): Promise<Buffer> {
  let secrets = cache.get(db);
  if (secrets === undefined) {
    secrets = new Map();
    cache.set(db, secrets);
  }
  const known = secrets.get(orgId);
  if (known !== undefined) return known;

  const read = (from: Kysely<Database>) =>
    from
      .selectFrom('organisations')
      .select('media_secret')
      .where('id', '=', orgId)
      .executeTakeFirstOrThrow();
  let secret = (await read(db)).media_secret;
  if (secret === null) {
    // Under the organisation's write lock: two first requests cannot create two secrets.
    secret = await runWrite(db, { orgId, actor: 'system:media', now }, async (w) => {
      const current = (await read(w.db)).media_secret;
      if (current !== null) return current;
      const created = randomBytes(32).toString('hex');
      await w.db
        .updateTable('organisations')
        .set({ media_secret: created })
        .where('id', '=', orgId)
        .execute();
      await w.record({
        action: 'organisation.media_secret.create',
        targetType: 'organisation',
        targetId: orgId,
        feed: false,
      });
      return created;
    });
  }
  const key = Buffer.from(secret, 'hex');
  secrets.set(orgId, key);
  return key;
}
