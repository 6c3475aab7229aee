// Consents in the database: one of the caller's organisation, a filtered page, and the API shape
// with their revocations, documents and form author (by reference: a rename shows at once).
import { sql } from 'kysely';
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database, Row } from '../db/schema.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { dateIn } from '../util/calendar.js';
import { parseJsonText, parseNullableJsonText } from '../util/json.js';
import type { ConsentDto, ConsentStatus, DocumentDto, RevocationDto } from './schemas.js';

export async function findConsent(
  db: Kysely<Database>,
  orgId: string,
  id: string,
): Promise<Row<'consents'>> {
  const row = await db
    .selectFrom('consents')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('consent', id);
  return row;
}

/** "Now" as consent status needs it: the instant, and today in the policy's time zone. */
export interface Clock {
  now: string;
  today: string;
}

export async function clockOf(db: Kysely<Database>, orgId: string, now: Date): Promise<Clock> {
  const policy = await db
    .selectFrom('policies')
    .select('time_zone')
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return { now: now.toISOString(), today: dateIn(policy.time_zone, now) };
}

export function statusOf(
  row: Row<'consents'>,
  revocations: readonly Row<'revocations'>[],
  clock: Clock,
): ConsentStatus {
  if (revocations.some((r) => r.channels === null && r.at <= clock.now)) return 'revoked';
  if (row.valid_until !== null && row.valid_until < clock.today) return 'expired';
  if (row.valid_from > clock.today) return 'pending';
  return 'active';
}

export interface ConsentFilter {
  personId?: string | undefined;
  assetId?: string | undefined;
  status?: ConsentStatus | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** A page of consents, newest first; the same status rules as `statusOf`, in SQL. */
export async function searchConsents(
  db: Kysely<Database>,
  orgId: string,
  filter: ConsentFilter,
  clock: Clock,
): Promise<{ rows: Row<'consents'>[]; nextCursor: string | null }> {
  const offset = Number(filter.cursor ?? 0);
  let query = db.selectFrom('consents').selectAll('consents').where('consents.org_id', '=', orgId);
  if (filter.personId !== undefined) query = query.where('person_id', '=', filter.personId);
  const assetId = filter.assetId;
  if (assetId !== undefined) {
    query = query.where((eb) =>
      eb.or([
        // Ids hold no LIKE wildcard but `_`, which matches itself too; JSON quotes bound the id.
        eb('asset_ids', 'like', `%${JSON.stringify(assetId)}%`),
        eb.and([
          eb('asset_ids', 'is', null),
          eb(
            'person_id',
            'in',
            eb
              .selectFrom('asset_persons')
              .select('asset_persons.person_id')
              .where('asset_persons.org_id', '=', orgId)
              .where('asset_persons.asset_id', '=', assetId),
          ),
        ]),
      ]),
    );
  }
  if (filter.status !== undefined) {
    const status = filter.status;
    query = query.where((eb) => statusCondition(eb, status, clock));
  }
  const rows = await query
    .orderBy('consents.created_at', 'desc')
    .orderBy('consents.id')
    .limit(filter.limit + 1)
    .offset(offset)
    .execute();
  const more = rows.length > filter.limit;
  return {
    rows: rows.slice(0, filter.limit),
    nextCursor: more ? String(offset + filter.limit) : null,
  };
}

function statusCondition(
  eb: ExpressionBuilder<Database, 'consents'>,
  status: ConsentStatus,
  clock: Clock,
) {
  const revoked = eb.exists(
    eb
      .selectFrom('revocations')
      .select(sql.lit(1).as('one'))
      .whereRef('revocations.consent_id', '=', 'consents.id')
      .where('revocations.channels', 'is', null)
      .where('revocations.at', '<=', clock.now),
  );
  if (status === 'revoked') return revoked;
  const expired = eb.and([eb('valid_until', 'is not', null), eb('valid_until', '<', clock.today)]);
  if (status === 'expired') return eb.and([eb.not(revoked), expired]);
  const pending = eb('valid_from', '>', clock.today);
  if (status === 'pending') return eb.and([eb.not(revoked), eb.not(expired), pending]);
  return eb.and([eb.not(revoked), eb.not(expired), eb.not(pending)]);
}

/** The API shape of each row, with what it references loaded in three queries. */
export async function toConsentDtos(
  db: Kysely<Database>,
  orgId: string,
  rows: readonly Row<'consents'>[],
  clock: Clock,
): Promise<ConsentDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const groupIds = [
    ...new Set(rows.flatMap((row) => (row.group_id === null ? [] : [row.group_id]))),
  ];
  const authorIds = [
    ...new Set(rows.flatMap((row) => (row.form_author_id === null ? [] : [row.form_author_id]))),
  ];
  const [revocations, documents, authors] = await Promise.all([
    db
      .selectFrom('revocations')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('consent_id', 'in', ids)
      .orderBy('at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('consent_documents')
      .selectAll()
      .where('org_id', '=', orgId)
      .where((eb) =>
        eb.or([
          eb('consent_id', 'in', ids),
          ...(groupIds.length === 0 ? [] : [eb('group_id', 'in', groupIds)]),
        ]),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    authorIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('form_authors')
          .select(['id', 'name'])
          .where('org_id', '=', orgId)
          .where('id', 'in', authorIds)
          .execute(),
  ]);
  const authorNames = new Map(authors.map((author) => [author.id, author.name]));
  return rows.map((row) => {
    const own = revocations.filter((r) => r.consent_id === row.id);
    const docs = documents.filter(
      (d) => d.consent_id === row.id || (row.group_id !== null && d.group_id === row.group_id),
    );
    return toConsentDto(row, own, docs, authorNames, clock);
  });
}

function toConsentDto(
  row: Row<'consents'>,
  revocations: readonly Row<'revocations'>[],
  documents: readonly Row<'consent_documents'>[],
  authorNames: ReadonlyMap<string, string>,
  clock: Clock,
): ConsentDto {
  const authorId = row.form_author_id;
  return {
    id: row.id,
    personId: row.person_id,
    groupId: row.group_id,
    kind: row.kind,
    channels: parseJsonText(row.channels),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    assetIds: parseNullableJsonText(row.asset_ids),
    signedBy: { subject: row.signed_by_subject === 1, guardians: row.signed_by_guardians },
    comment: row.comment,
    copyrightNotice: row.copyright_notice,
    formAuthor: authorId === null ? null : { id: authorId, name: authorNames.get(authorId) ?? '' },
    status: statusOf(row, revocations, clock),
    revocations: revocations.map(toRevocationDto),
    documents: documents.map(toDocumentDto),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export function toRevocationDto(row: Row<'revocations'>): RevocationDto {
  return {
    id: row.id,
    consentId: row.consent_id,
    at: row.at,
    channels: parseNullableJsonText(row.channels),
    reason: row.reason,
    recordedBy: row.recorded_by,
    createdAt: row.created_at,
  };
}

export function toDocumentDto(row: Row<'consent_documents'>): DocumentDto {
  return {
    id: row.id,
    consentId: row.consent_id,
    groupId: row.group_id,
    sha256: row.sha256,
    mime: row.mime,
    size: Number(row.size),
    filename: row.filename,
    createdAt: row.created_at,
  };
}
