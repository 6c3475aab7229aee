// Person and consent rows as the consent rules read them (spec §1 `persons`, `consents`). Pure.
// Assets come from assets/asset-input.ts. Only the fields evaluation needs: no name, no contact.
import type { ConsentInput, PersonInput, Revocation } from '@clearframe/core';
import type { Row } from '../db/schema.js';
import { parseJsonText, parseNullableJsonText } from '../util/json.js';

export type PersonInputRow = Pick<
  Row<'persons'>,
  'id' | 'birth_date' | 'deceased_on' | 'guardians' | 'protected_identity' | 'objected_at'
>;
export type ConsentInputRow = Pick<
  Row<'consents'>,
  | 'id'
  | 'person_id'
  | 'kind'
  | 'channels'
  | 'valid_from'
  | 'valid_until'
  | 'asset_ids'
  | 'signed_by_subject'
  | 'signed_by_guardians'
>;
export type RevocationInputRow = Pick<Row<'revocations'>, 'consent_id' | 'at' | 'channels'>;

/** The columns to select for `personInputOf`: never more. */
export const PERSON_INPUT_COLUMNS = [
  'id',
  'birth_date',
  'deceased_on',
  'guardians',
  'protected_identity',
  'objected_at',
] as const;

export const CONSENT_INPUT_COLUMNS = [
  'id',
  'person_id',
  'kind',
  'channels',
  'valid_from',
  'valid_until',
  'asset_ids',
  'signed_by_subject',
  'signed_by_guardians',
] as const;

export function personInputOf(row: PersonInputRow): PersonInput {
  return {
    id: row.id,
    birthDate: row.birth_date,
    deceasedOn: row.deceased_on,
    guardians: row.guardians,
    protectedIdentity: row.protected_identity === 1,
    objectedAt: row.objected_at,
  };
}

/** The consent with its own revocations, oldest first. */
export function consentInputOf(
  row: ConsentInputRow,
  revocations: readonly RevocationInputRow[],
): ConsentInput {
  return {
    id: row.id,
    personId: row.person_id,
    kind: row.kind,
    channels: parseJsonText(row.channels),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    assetIds: parseNullableJsonText(row.asset_ids),
    signedBy: { subject: row.signed_by_subject === 1, guardians: row.signed_by_guardians },
    revocations: [...revocations]
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map((revocation): Revocation => ({
        at: revocation.at,
        channels: parseNullableJsonText(revocation.channels),
      })),
  };
}

/** Groups rows by a key, keeping their order. */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return groups;
}

// Comfortably under both engines' bound-parameter limits.
const IN_CHUNK = 1000;

/** Runs an `id in (…)` query over chunks of ids and concatenates the rows (none for no ids). */
export async function inChunks<T>(
  ids: readonly string[],
  query: (ids: string[]) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK)
    out.push(...(await query(ids.slice(i, i + IN_CHUNK))));
  return out;
}
