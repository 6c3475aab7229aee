// Bulk seeding for the benches: many assets, persons and consents in few statements, straight
// into the tables (the benches measure reads, not the write path).
import type { Kysely } from 'kysely';
import type { Database, Rendition, Row } from '../db/schema.js';
import { IdPrefix, newId } from '../util/ids.js';
import { toJsonText } from '../util/json.js';

const BATCH = 500;

export interface Seeded {
  assetIds: string[];
}

/**
 * `count` consented assets, one person each; every `blockedEvery`-th has no consent. With
 * `feed`, a change row per asset too (as if each had been written through the API).
 */
export async function seedAssets(
  db: Kysely<Database>,
  orgId: string,
  count: number,
  { blockedEvery = 4, feed = false }: { blockedEvery?: number; feed?: boolean } = {},
): Promise<Seeded> {
  const at = new Date().toISOString();
  const renditions: Rendition[] = ['thumb', 'medium', 'large'].map((name, i) => ({
    name,
    sha256: String(i).repeat(64),
    mime: 'image/jpeg',
    width: [320, 800, 1600][i] ?? 320,
    height: [213, 533, 1067][i] ?? 213,
    size: 1000,
  }));
  const assetIds: string[] = [];
  const counters = await db
    .selectFrom('org_counters')
    .select('change_seq')
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  let seq = counters.change_seq;

  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const assets: Row<'assets'>[] = [];
    const persons: Row<'persons'>[] = [];
    const tags: Row<'asset_persons'>[] = [];
    const consents: Row<'consents'>[] = [];
    for (let i = 0; i < n; i += 1) {
      const index = start + i;
      const asset = {
        id: newId(IdPrefix.asset),
        org_id: orgId,
        title: `Picture ${index}`,
        alt_text: toJsonText({ sv: `Bild ${index}`, en: `Picture ${index}` }),
        credit: null,
        legal_basis: 'consent' as const,
        license_valid_until: null,
        license_channels: null,
        tags: toJsonText(['bench']),
        original_sha256: null,
        original_mime: null,
        original_size: null,
        width: 1600,
        height: 1067,
        renditions: toJsonText(renditions),
        created_at: at,
        updated_at: at,
        deleted_at: null,
        version: 1,
      };
      const person = {
        id: newId(IdPrefix.person),
        org_id: orgId,
        name: `Person ${index}`,
        email: null,
        phone: null,
        birth_date: '1990-01-01',
        deceased_on: null,
        guardians: null,
        protected_identity: 0 as const,
        objected_at: null,
        erased_at: null,
        created_at: at,
        updated_at: at,
        version: 1,
      };
      assets.push(asset);
      persons.push(person);
      assetIds.push(asset.id);
      tags.push({
        id: newId(IdPrefix.assetPerson),
        org_id: orgId,
        asset_id: asset.id,
        person_id: person.id,
        region_x: null,
        region_y: null,
        region_w: null,
        region_h: null,
        relevant: 1,
        irrelevance_reason: null,
        created_at: at,
        updated_at: at,
        version: 1,
      });
      if (index % blockedEvery !== 0) {
        consents.push({
          id: newId(IdPrefix.consent),
          org_id: orgId,
          person_id: person.id,
          kind: 'written',
          channels: toJsonText(['web', 'print']),
          valid_from: '2020-01-01',
          valid_until: null,
          asset_ids: null,
          signed_by_subject: 1,
          signed_by_guardians: 0,
          comment: null,
          copyright_notice: null,
          form_author_id: null,
          group_id: null,
          created_by: null,
          created_at: at,
          updated_at: at,
          version: 1,
        });
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('assets').values(assets).execute();
      await trx.insertInto('persons').values(persons).execute();
      await trx.insertInto('asset_persons').values(tags).execute();
      if (consents.length > 0) await trx.insertInto('consents').values(consents).execute();
      if (feed) {
        const rows = assets.map((asset) => ({
          org_id: orgId,
          seq: (seq += 1),
          entity_type: 'asset',
          entity_id: asset.id,
          deleted: 0 as const,
          at,
        }));
        await trx.insertInto('changes').values(rows).execute();
        await trx
          .updateTable('org_counters')
          .set({ change_seq: seq })
          .where('org_id', '=', orgId)
          .execute();
      }
    });
  }
  return { assetIds };
}
