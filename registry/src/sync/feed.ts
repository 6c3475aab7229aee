// One page of the change feed: the change rows after a cursor, each touched record once (its
// latest state, at the position of its last change in the page), and tombstones for removals.
//
// Why nothing is skipped or repeated: writers allocate seqs under their organisation's lock and
// commit in seq order (db/write.ts), so once seq N is visible every seq below it is too. A page
// reads rows after the cursor in seq order and the next cursor is the last seq read. Records are
// read after their change rows, so a record is never older than the change that names it.
import type { Kysely } from 'kysely';
import type { Change, ConsentRecord, PolicyRecord } from '@clearframe/core';
import { assetInputOf } from '../assets/asset-input.js';
import { editorThumbUrl } from '../assets/thumbnail.js';
import type { Database, Localised, Row } from '../db/schema.js';
import { toCorePolicy } from '../policy/core-policy.js';
import { parseJsonText } from '../util/json.js';
import {
  CONSENT_INPUT_COLUMNS,
  PERSON_INPUT_COLUMNS,
  consentInputOf,
  groupBy,
  inChunks,
  personInputOf,
} from '../verdicts/records.js';
import { encodeCursor } from './cursor.js';

type FeedType = Change['type'];

/** Change-row entity types the feed reads, and the record each one stands for. */
const ENTITY_TYPES = ['policy', 'asset', 'person', 'consent', 'revocation'] as const;

export interface FeedPage {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
}

export const DEFAULT_SYNC_LIMIT = 500;
export const MAX_SYNC_LIMIT = 1000;

export async function readFeed(
  db: Kysely<Database>,
  orgId: string,
  since: number,
  limit: number,
): Promise<FeedPage> {
  const rows = await db
    .selectFrom('changes')
    .select(['seq', 'entity_type', 'entity_id'])
    .where('org_id', '=', orgId)
    .where('seq', '>', since)
    .where('entity_type', 'in', ENTITY_TYPES)
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const hasMore = rows.length > limit;
  const page = rows.slice(0, limit);
  const cursor = encodeCursor(page.at(-1)?.seq ?? since);

  // A revocation is part of its consent's record.
  const revocationIds = page.filter((row) => row.entity_type === 'revocation');
  const revoked = await inChunks(
    revocationIds.map((row) => row.entity_id),
    (ids) =>
      db
        .selectFrom('revocations')
        .select(['id', 'consent_id'])
        .where('org_id', '=', orgId)
        .where('id', 'in', ids)
        .execute(),
  );
  const consentOfRevocation = new Map(revoked.map((row) => [row.id, row.consent_id]));

  // Each record once, ordered by its last change in the page.
  const last = new Map<string, { type: FeedType; id: string; seq: number }>();
  for (const row of page) {
    const type: FeedType =
      row.entity_type === 'revocation' ? 'consent' : (row.entity_type as FeedType);
    const id =
      row.entity_type === 'revocation' ? consentOfRevocation.get(row.entity_id) : row.entity_id;
    if (id === undefined) continue;
    const key = `${type}:${id}`;
    last.delete(key);
    last.set(key, { type, id, seq: row.seq });
  }
  const touched = [...last.values()];
  const idsOf = (type: FeedType) => touched.filter((t) => t.type === type).map((t) => t.id);

  const records = await loadRecords(db, orgId, {
    policy: idsOf('policy').includes(orgId),
    assets: idsOf('asset'),
    persons: idsOf('person'),
    consents: idsOf('consent'),
  });
  const changes = touched.map(({ type, id }): Change => {
    const data = records.get(`${type}:${id}`);
    return data === undefined
      ? { type, id, deleted: true }
      : ({ type, id, deleted: false, data } as Change);
  });
  return { changes, cursor, hasMore };
}

/** Live records keyed `type:id`; absent means removed (a tombstone). */
async function loadRecords(
  db: Kysely<Database>,
  orgId: string,
  wanted: { policy: boolean; assets: string[]; persons: string[]; consents: string[] },
): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();

  if (wanted.policy) {
    const row = await db
      .selectFrom('policies')
      .selectAll()
      .where('org_id', '=', orgId)
      .executeTakeFirst();
    if (row !== undefined) out.set(`policy:${orgId}`, policyRecordOf(row));
  }

  const assets = await inChunks(wanted.assets, (ids) =>
    db
      .selectFrom('assets')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute(),
  );
  const tags = groupBy(
    await inChunks(
      assets.map((row) => row.id),
      (ids) =>
        db
          .selectFrom('asset_persons')
          .select(['asset_id', 'person_id', 'relevant'])
          .where('org_id', '=', orgId)
          .where('asset_id', 'in', ids)
          .orderBy('created_at')
          .orderBy('id')
          .execute(),
    ),
    (tag) => tag.asset_id,
  );
  for (const row of assets) out.set(`asset:${row.id}`, assetRecordOf(row, tags.get(row.id) ?? []));

  const persons = await inChunks(wanted.persons, (ids) =>
    db
      .selectFrom('persons')
      .select(PERSON_INPUT_COLUMNS)
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute(),
  );
  for (const row of persons) out.set(`person:${row.id}`, personInputOf(row));

  const consents = await inChunks(wanted.consents, (ids) =>
    db
      .selectFrom('consents')
      .select(CONSENT_INPUT_COLUMNS)
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute(),
  );
  const revocations = groupBy(
    await inChunks(
      consents.map((row) => row.id),
      (ids) =>
        db
          .selectFrom('revocations')
          .select(['consent_id', 'at', 'channels'])
          .where('org_id', '=', orgId)
          .where('consent_id', 'in', ids)
          .execute(),
    ),
    (row) => row.consent_id,
  );
  for (const row of consents) {
    const record: ConsentRecord = consentInputOf(row, revocations.get(row.id) ?? []);
    out.set(`consent:${row.id}`, record);
  }
  return out;
}

function policyRecordOf(row: Row<'policies'>): PolicyRecord {
  const channelLabels: Record<string, Localised> = {};
  for (const channel of parseJsonText(row.channels)) channelLabels[channel.id] = channel.labels;
  return { ...toCorePolicy(row), channelLabels, surfaces: parseJsonText(row.surfaces) };
}

function assetRecordOf(
  row: Row<'assets'>,
  tags: readonly Pick<Row<'asset_persons'>, 'person_id' | 'relevant'>[],
) {
  return {
    ...assetInputOf(row, tags),
    title: row.title,
    alt: parseJsonText(row.alt_text),
    credit: row.credit,
    tags: parseJsonText(row.tags),
    width: row.width,
    height: row.height,
    thumbUrl: editorThumbUrl(row),
  };
}
