// Persons in the database: reading one of the caller's organisation, searching, and the API shape.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/schema.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { PersonDto } from './schemas.js';

/** The person with this id in the organisation, or 404 (never says whether it exists elsewhere). */
export async function findPerson(
  db: Kysely<Database>,
  orgId: string,
  id: string,
): Promise<Row<'persons'>> {
  const row = await db
    .selectFrom('persons')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('person', id);
  return row;
}

export interface PersonSearch {
  q?: string | undefined;
  erased?: 'true' | 'false' | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A page of persons by name; the cursor is the offset of the next page. */
export async function searchPersons(
  db: Kysely<Database>,
  orgId: string,
  search: PersonSearch,
): Promise<{ rows: Row<'persons'>[]; nextCursor: string | null }> {
  const offset = Number(search.cursor ?? 0);
  let query = db.selectFrom('persons').selectAll().where('org_id', '=', orgId);
  if (search.q !== undefined && search.q !== '') {
    // lower(): LIKE ignores case on SQLite but not on PostgreSQL. ESCAPE: SQLite has no default.
    const pattern = `%${escapeLike(search.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or(
        (['name', 'email', 'phone'] as const).map(
          (column) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`,
        ),
      ),
    );
  }
  if (search.erased === 'true') query = query.where('erased_at', 'is not', null);
  if (search.erased === 'false') query = query.where('erased_at', 'is', null);
  const rows = await query
    .orderBy((eb) => eb.fn('lower', [eb.ref('name')]))
    .orderBy('id')
    .limit(search.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > search.limit;
  return {
    rows: rows.slice(0, search.limit),
    nextCursor: more ? String(offset + search.limit) : null,
  };
}

/** `%`, `_` and `\` match themselves in the search text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function toPersonDto(row: Row<'persons'>): PersonDto {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    birthDate: row.birth_date,
    deceasedOn: row.deceased_on,
    guardians: row.guardians,
    protectedIdentity: row.protected_identity === 1,
    objectedAt: row.objected_at,
    erasedAt: row.erased_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}
