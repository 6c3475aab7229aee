// Reading assets of one organisation: one asset, its person tags, a page of a search.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { LegalBasis } from '@clearframe/core';
import type { Database, Row } from '../db/schema.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { NotFoundError } from '../errors/not-found-error.js';

/** The live (not deleted) asset of this organisation, or 404. */
export async function findAsset(
  db: Kysely<Database>,
  orgId: string,
  id: string,
): Promise<Row<'assets'>> {
  const row = await db
    .selectFrom('assets')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('asset', id);
  return row;
}

/** Person tags per asset id, in a stable order (person, then tag id). */
export async function tagsOf(
  db: Kysely<Database>,
  orgId: string,
  assetIds: readonly string[],
): Promise<Map<string, Row<'asset_persons'>[]>> {
  const byAsset = new Map<string, Row<'asset_persons'>[]>(assetIds.map((id) => [id, []]));
  if (assetIds.length === 0) return byAsset;
  const rows = await db
    .selectFrom('asset_persons')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('asset_id', 'in', [...assetIds])
    .orderBy('asset_id')
    .orderBy('person_id')
    .orderBy('id')
    .execute();
  for (const row of rows) byAsset.get(row.asset_id)?.push(row);
  return byAsset;
}

/** Names of the given persons of this organisation. */
export async function personNames(
  db: Kysely<Database>,
  orgId: string,
  personIds: Iterable<string>,
): Promise<Map<string, string>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export interface AssetSearch {
  q?: string | undefined;
  legalBasis?: LegalBasis | undefined;
  limit: number;
  cursor?: string | undefined;
  /** Whether `q` also matches the names of tagged persons (consent managers, admins). */
  searchPersonNames: boolean;
}

/** A page of live assets, newest first; `nextCursor` continues after its last row. */
export async function searchAssets(
  db: Kysely<Database>,
  orgId: string,
  search: AssetSearch,
): Promise<{ rows: Row<'assets'>[]; nextCursor: string | null }> {
  let query = db
    .selectFrom('assets')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null);
  if (search.legalBasis !== undefined) query = query.where('legal_basis', '=', search.legalBasis);

  for (const word of words(search.q)) {
    const pattern = `%${escapeLike(word.toLowerCase())}%`;
    const like = (column: 'title' | 'tags' | 'credit') =>
      sql<boolean>`lower(${sql.ref(`assets.${column}`)}) like ${pattern} escape '\\'`;
    query = query.where((eb) =>
      eb.or([
        like('title'),
        like('tags'),
        like('credit'),
        ...(search.searchPersonNames
          ? [
              eb.exists(
                eb
                  .selectFrom('asset_persons')
                  .innerJoin('persons', 'persons.id', 'asset_persons.person_id')
                  .select(sql`1`.as('one'))
                  .whereRef('asset_persons.asset_id', '=', 'assets.id')
                  .where('asset_persons.org_id', '=', orgId)
                  .where('persons.org_id', '=', orgId)
                  .where(sql<boolean>`lower(persons.name) like ${pattern} escape '\\'`),
              ),
            ]
          : []),
      ]),
    );
  }

  if (search.cursor !== undefined) {
    const { createdAt, id } = decodeCursor(search.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', createdAt),
        eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
      ]),
    );
  }

  const rows = await query
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(search.limit + 1)
    .execute();
  const page = rows.slice(0, search.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > search.limit && last !== undefined ? encodeCursor(last) : null,
  };
}

/** Every whitespace-separated word must match somewhere (a narrowing search). */
function words(q: string | undefined): string[] {
  return (q ?? '')
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, 10);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function encodeCursor(row: Pick<Row<'assets'>, 'created_at' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string'
    )
      return { createdAt: value[0], id: value[1] };
  } catch {
    // fall through to the error below
  }
  throw new InvalidParameterError([{ field: 'cursor', message: 'not a cursor from this list' }]);
}
