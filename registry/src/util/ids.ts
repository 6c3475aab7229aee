// Record ids: a type prefix and 20 random base32 characters (`ast_k3v9…`), readable in logs.
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** The prefixes in use, one per table, so an id says what it names. */
export const IdPrefix = {
  organisation: 'org',
  user: 'usr',
  session: 'ses',
  apiKey: 'key',
  asset: 'ast',
  assetPerson: 'tag',
  person: 'per',
  consent: 'con',
  consentDocument: 'doc',
  revocation: 'rev',
  formAuthor: 'fau',
  consentGroup: 'grp',
  webhook: 'whk',
  webhookDelivery: 'whd',
  assetUsage: 'use',
} as const;
export type IdPrefix = (typeof IdPrefix)[keyof typeof IdPrefix];

/** A new random id (100 bits of entropy) with its type prefix. */
export function newId(prefix: IdPrefix): string {
  const bytes = randomBytes(20);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return `${prefix}_${out}`;
}
