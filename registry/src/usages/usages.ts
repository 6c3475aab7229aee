// Where assets are published (asset_usages), as the plugins report it: one URL's set of assets is
// replaced at a time, so an unpublished page or a removed picture leaves no stale entry. Read by
// the editor verdict, so a takedown after a revocation knows where a picture is shown.
import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import { IdPrefix, newId } from '../util/ids.js';
import { inChunks } from '../verdicts/records.js';

export interface Usage {
  url: string;
  source: string;
  firstSeenAt: string;
  lastSeenAt: string;
}

const UrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .openapi({ example: 'https://www.example.org/2026/11/open-day/' });
const SourceSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,49}$/, 'lowercase letters, digits, ., _ or -')
  .openapi({ example: 'wordpress' });

export const PutUsagesSchema = z
  .strictObject({
    source: SourceSchema,
    url: UrlSchema,
    assetIds: z
      .array(z.string().min(1).max(64))
      .max(1000)
      .openapi({ description: 'Every asset used at the URL now; [] is the same as DELETE' }),
  })
  .openapi('UsageReport');
export type UsageReport = z.infer<typeof PutUsagesSchema>;

export const UsageTargetQuery = z.object({
  source: SourceSchema.openapi({ param: { name: 'source', in: 'query' } }),
  url: UrlSchema.openapi({ param: { name: 'url', in: 'query' } }),
});

export const UsageSchema = z
  .object({
    url: z.string(),
    source: z.string(),
    firstSeenAt: z.string(),
    lastSeenAt: z.string(),
  })
  .openapi('Usage');

export const UsagesReplacedSchema = z
  .object({
    source: z.string(),
    url: z.string(),
    assetIds: z.array(z.string()).openapi({ description: 'The assets now recorded at the URL' }),
    ignored: z
      .array(z.string())
      .openapi({ description: 'Ids that name no asset of the organisation (left out)' }),
  })
  .openapi('UsagesReplaced');

/**
 * Makes `assetIds` the set of assets used at the report's URL for its source: new ones are added,
 * ones no longer there removed, the others keep their first sighting. Ids that are not the
 * organisation's assets are left out and returned as `ignored` (a page may still name a deleted
 * picture; the report of the rest must not fail for it).
 */
export async function replaceUsages(
  w: WriteScope,
  report: UsageReport,
): Promise<z.infer<typeof UsagesReplacedSchema>> {
  const wanted = [...new Set(report.assetIds)];
  const known = new Set(
    (
      await inChunks(wanted, (ids) =>
        w.db
          .selectFrom('assets')
          .select('id')
          .where('org_id', '=', w.orgId)
          .where('id', 'in', ids)
          .execute(),
      )
    ).map((row) => row.id),
  );
  const assetIds = wanted.filter((id) => known.has(id));
  const ignored = wanted.filter((id) => !known.has(id));

  const current = await w.db
    .selectFrom('asset_usages')
    .select(['id', 'asset_id', 'source'])
    .where('org_id', '=', w.orgId)
    .where('url', '=', report.url)
    .execute();
  const keep = new Set(assetIds);
  // Rows of this URL and source that the report no longer names go.
  const gone = current.filter((row) => row.source === report.source && !keep.has(row.asset_id));
  if (gone.length > 0) {
    await w.db
      .deleteFrom('asset_usages')
      .where('org_id', '=', w.orgId)
      .where(
        'id',
        'in',
        gone.map((row) => row.id),
      )
      .execute();
  }
  // One row per asset and URL (a unique key): a row another source made is taken over.
  const existing = new Map(current.map((row) => [row.asset_id, row]));
  const fresh = assetIds.filter((id) => !existing.has(id));
  const seen = assetIds.filter((id) => existing.has(id));
  if (seen.length > 0) {
    await w.db
      .updateTable('asset_usages')
      .set({ last_seen_at: w.now, source: report.source })
      .where('org_id', '=', w.orgId)
      .where('url', '=', report.url)
      .where('asset_id', 'in', seen)
      .execute();
  }
  if (fresh.length > 0) {
    await w.db
      .insertInto('asset_usages')
      .values(
        fresh.map((assetId) => ({
          id: newId(IdPrefix.assetUsage),
          org_id: w.orgId,
          asset_id: assetId,
          url: report.url,
          source: report.source,
          first_seen_at: w.now,
          last_seen_at: w.now,
        })),
      )
      .execute();
  }
  const before = current.filter((row) => row.source === report.source).map((row) => row.asset_id);
  await w.record({
    action: 'usage.replace',
    targetType: 'usage',
    targetId: report.url,
    before: { source: report.source, url: report.url, assetIds: before.sort() },
    after: { source: report.source, url: report.url, assetIds: [...assetIds].sort() },
    // Usages are not evaluation input: nothing for the change feed.
    feed: false,
  });
  return { source: report.source, url: report.url, assetIds, ignored };
}

/** Forgets every asset used at the URL for the source (the page was unpublished or deleted). */
export async function deleteUsages(
  w: WriteScope,
  target: { source: string; url: string },
): Promise<void> {
  await replaceUsages(w, { ...target, assetIds: [] });
}

/** Where the asset is used, by URL. For the editor verdict. */
export async function usagesOf(
  db: Kysely<Database>,
  orgId: string,
  assetId: string,
): Promise<Usage[]> {
  const rows = await db
    .selectFrom('asset_usages')
    .select(['url', 'source', 'first_seen_at', 'last_seen_at'])
    .where('org_id', '=', orgId)
    .where('asset_id', '=', assetId)
    .orderBy('url')
    .orderBy('source')
    .execute();
  return rows.map((row) => ({
    url: row.url,
    source: row.source,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
  }));
}
