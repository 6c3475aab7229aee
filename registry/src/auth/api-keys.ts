// API keys: `cf_ed_…` (editor) and `cf_pk_…` (publishable). Only a SHA-256 of the key is stored
// (the key carries 256 random bits, so a slow hash adds nothing); the prefix finds the row.
import type { Kysely } from 'kysely';
import type { Database, KeyKind, Row } from '../db/schema.js';
import { hexEquals, randomToken, sha256Hex } from '../util/crypto.js';

export const KEY_PREFIX: Readonly<Record<KeyKind, string>> = {
  editor: 'cf_ed_',
  publishable: 'cf_pk_',
};
/** Characters of the key kept in clear: the kind marker and 10 random characters. */
const LOOKUP_LENGTH = 16;

export interface GeneratedKey {
  /** The key itself, shown once. */
  secret: string;
  prefix: string;
  secretHash: string;
}

export function generateApiKey(kind: KeyKind): GeneratedKey {
  const secret = `${KEY_PREFIX[kind]}${randomToken(32)}`;
  return { secret, prefix: secret.slice(0, LOOKUP_LENGTH), secretHash: sha256Hex(secret) };
}

export function keyKindOf(secret: string): KeyKind | undefined {
  if (secret.startsWith(KEY_PREFIX.editor)) return 'editor';
  if (secret.startsWith(KEY_PREFIX.publishable)) return 'publishable';
  return undefined;
}

/** The stored lookup prefix of a well-formed key, or undefined for anything else. */
export function lookupPrefixOf(secret: string): string | undefined {
  if (keyKindOf(secret) === undefined || secret.length < LOOKUP_LENGTH + 20) return undefined;
  return secret.slice(0, LOOKUP_LENGTH);
}

/** The live (not revoked) key row for this secret, or undefined. */
export async function findApiKey(
  db: Kysely<Database>,
  secret: string,
): Promise<Row<'api_keys'> | undefined> {
  const prefix = lookupPrefixOf(secret);
  if (prefix === undefined) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('prefix', '=', prefix)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined && hexEquals(row.secret_hash, sha256Hex(secret)) ? row : undefined;
}
