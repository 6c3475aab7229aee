// API key records: creation (shared by the API and the CLI), revocation and their public shape.
import type { KeyKind, Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import { ValidationError } from '../errors/validation-error.js';
import { IdPrefix, newId } from '../util/ids.js';
import { parseNullableJsonText, toJsonText } from '../util/json.js';
import { generateApiKey } from './api-keys.js';
import { isOriginPattern } from './origins.js';

export interface NewApiKey {
  kind: KeyKind;
  name: string;
  /** Required (non-empty) for publishable keys; not allowed for editor keys. */
  allowedOrigins?: readonly string[] | undefined;
  createdBy: string | null;
}

/** Creates the key; `secret` is the only time the key exists in clear. */
export async function createApiKey(
  w: WriteScope,
  key: NewApiKey,
): Promise<{ row: Row<'api_keys'>; secret: string }> {
  const origins = checkOrigins(key.kind, key.allowedOrigins);
  const { secret, prefix, secretHash } = generateApiKey(key.kind);
  const row: Row<'api_keys'> = {
    id: newId(IdPrefix.apiKey),
    org_id: w.orgId,
    kind: key.kind,
    name: key.name,
    prefix,
    secret_hash: secretHash,
    allowed_origins: origins === null ? null : toJsonText(origins),
    created_by: key.createdBy,
    created_at: w.now,
    last_used_at: null,
    revoked_at: null,
    version: 1,
  };
  await w.db.insertInto('api_keys').values(row).execute();
  await w.record({
    action: 'key.create',
    targetType: 'api_key',
    targetId: row.id,
    after: row,
    feed: false,
  });
  return { row, secret };
}

function checkOrigins(kind: KeyKind, origins: readonly string[] | undefined): string[] | null {
  if (kind === 'editor') {
    if (origins !== undefined && origins.length > 0) {
      throw ValidationError.field('allowedOrigins', 'editor keys are not origin-restricted');
    }
    return null;
  }
  if (origins === undefined || origins.length === 0) {
    throw ValidationError.field('allowedOrigins', 'a publishable key needs at least one origin');
  }
  const bad = origins.findIndex((origin) => !isOriginPattern(origin));
  if (bad >= 0) {
    throw ValidationError.field(`allowedOrigins[${bad}]`, 'expected scheme://host[:port|:*]');
  }
  return [...origins];
}

export function toKeyDto(row: Row<'api_keys'>) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    prefix: row.prefix,
    allowedOrigins: parseNullableJsonText(row.allowed_origins),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
