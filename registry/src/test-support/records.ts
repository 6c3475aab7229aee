// Test records written straight to the tables (through runWrite, so the change feed and audit
// log see them as they would an API write): assets with renditions, persons, tags, consents.
import type { Kysely } from 'kysely';
import type { Database, NewRow, Rendition, Row } from '../db/schema.js';
import { runWrite } from '../db/write.js';
import type { WriteScope } from '../db/write.js';
import type { FileStore } from '../files/file-store.js';
import { IdPrefix, newId } from '../util/ids.js';
import { toJsonText } from '../util/json.js';

export interface RecordsTarget {
  db: Kysely<Database>;
  orgId: string;
  deps: { files: FileStore };
}

type Fields<T extends keyof Database> = Partial<NewRow<T>>;

export interface TestRecords {
  asset(fields?: Fields<'assets'>): Promise<Row<'assets'>>;
  person(fields?: Fields<'persons'>): Promise<Row<'persons'>>;
  tag(assetId: string, personId: string, fields?: Fields<'asset_persons'>): Promise<void>;
  consent(personId: string, fields?: Fields<'consents'>): Promise<Row<'consents'>>;
  revoke(consentId: string, fields?: Fields<'revocations'>): Promise<void>;
  updateAsset(assetId: string, fields: Fields<'assets'>): Promise<void>;
  deleteAsset(assetId: string): Promise<void>;
  usage(assetId: string, url: string, source?: string): Promise<void>;
  /** Stores bytes for each rendition and records them on the asset; returns the bytes by name. */
  renditions(assetId: string): Promise<Map<string, Uint8Array>>;
}

const RENDITION_SIZES = [
  { name: 'thumb', width: 320, height: 213, mime: 'image/jpeg' },
  { name: 'medium', width: 800, height: 533, mime: 'image/jpeg' },
  { name: 'large', width: 1600, height: 1067, mime: 'image/jpeg' },
  { name: 'webp', width: 1600, height: 1067, mime: 'image/webp' },
] as const;

export function testRecords(target: RecordsTarget): TestRecords {
  const write = <T>(fn: (w: WriteScope) => Promise<T>) =>
    runWrite(target.db, { orgId: target.orgId, actor: 'system:test', now: new Date() }, fn);

  return {
    asset: (fields = {}) =>
      write(async (w) => {
        const row = {
          id: newId(IdPrefix.asset),
          org_id: w.orgId,
          title: 'A picture',
          alt_text: toJsonText({ sv: 'En bild', en: 'A picture' }),
          credit: null,
          legal_basis: 'consent' as const,
          license_valid_until: null,
          license_channels: null,
          tags: toJsonText(['test']),
          original_sha256: null,
          original_mime: null,
          original_size: null,
          width: 1600,
          height: 1067,
          renditions: toJsonText<Rendition[]>([]),
          created_at: w.now,
          updated_at: w.now,
          deleted_at: null,
          version: 1,
          ...fields,
        } satisfies Row<'assets'>;
        await w.db.insertInto('assets').values(row).execute();
        await w.record({
          action: 'asset.create',
          targetType: 'asset',
          targetId: row.id,
          after: row,
        });
        return row;
      }),

    person: (fields = {}) =>
      write(async (w) => {
        const row = {
          id: newId(IdPrefix.person),
          org_id: w.orgId,
          name: 'Test Person',
          email: null,
          phone: null,
          birth_date: null,
          deceased_on: null,
          guardians: null,
          protected_identity: 0 as const,
          objected_at: null,
          erased_at: null,
          created_at: w.now,
          updated_at: w.now,
          version: 1,
          ...fields,
        } satisfies Row<'persons'>;
        await w.db.insertInto('persons').values(row).execute();
        await w.record({
          action: 'person.create',
          targetType: 'person',
          targetId: row.id,
          after: row,
        });
        return row;
      }),

    tag: (assetId, personId, fields = {}) =>
      write(async (w) => {
        const row = {
          id: newId(IdPrefix.assetPerson),
          org_id: w.orgId,
          asset_id: assetId,
          person_id: personId,
          region_x: null,
          region_y: null,
          region_w: null,
          region_h: null,
          relevant: 1 as const,
          irrelevance_reason: null,
          created_at: w.now,
          updated_at: w.now,
          version: 1,
          ...fields,
        } satisfies Row<'asset_persons'>;
        await w.db.insertInto('asset_persons').values(row).execute();
        await w.changed('asset', assetId);
      }),

    consent: (personId, fields = {}) =>
      write(async (w) => {
        const row = {
          id: newId(IdPrefix.consent),
          org_id: w.orgId,
          person_id: personId,
          kind: 'written' as const,
          channels: toJsonText(['web', 'print']),
          valid_from: '2020-01-01',
          valid_until: null,
          asset_ids: null,
          signed_by_subject: 1 as const,
          signed_by_guardians: 0,
          comment: null,
          copyright_notice: null,
          form_author_id: null,
          group_id: null,
          created_by: null,
          created_at: w.now,
          updated_at: w.now,
          version: 1,
          ...fields,
        } satisfies Row<'consents'>;
        await w.db.insertInto('consents').values(row).execute();
        await w.record({
          action: 'consent.create',
          targetType: 'consent',
          targetId: row.id,
          after: row,
        });
        return row;
      }),

    revoke: (consentId, fields = {}) =>
      write(async (w) => {
        const row = {
          id: newId(IdPrefix.revocation),
          org_id: w.orgId,
          consent_id: consentId,
          at: w.now,
          channels: null,
          recorded_by: null,
          reason: 'Asked us to stop',
          created_at: w.now,
          ...fields,
        } satisfies Row<'revocations'>;
        await w.db.insertInto('revocations').values(row).execute();
        await w.record({
          action: 'consent.revoke',
          targetType: 'consent',
          targetId: consentId,
          after: row,
        });
      }),

    updateAsset: (assetId, fields) =>
      write(async (w) => {
        await w.db
          .updateTable('assets')
          .set((eb) => ({ ...fields, version: eb('version', '+', 1), updated_at: w.now }))
          .where('id', '=', assetId)
          .execute();
        await w.record({
          action: 'asset.update',
          targetType: 'asset',
          targetId: assetId,
          after: { id: assetId, ...fields },
        });
      }),

    deleteAsset: (assetId) =>
      write(async (w) => {
        await w.db
          .updateTable('assets')
          .set({ deleted_at: w.now })
          .where('id', '=', assetId)
          .execute();
        await w.record({
          action: 'asset.delete',
          targetType: 'asset',
          targetId: assetId,
          before: { id: assetId },
          after: null,
        });
      }),

    usage: (assetId, url, source = 'wordpress') =>
      write(async (w) => {
        await w.db
          .insertInto('asset_usages')
          .values({
            id: newId(IdPrefix.assetUsage),
            org_id: w.orgId,
            asset_id: assetId,
            url,
            source,
            first_seen_at: w.now,
            last_seen_at: w.now,
          })
          .execute();
      }),

    async renditions(assetId) {
      const bytes = new Map<string, Uint8Array>();
      const renditions: Rendition[] = [];
      for (const size of RENDITION_SIZES) {
        const content = new TextEncoder().encode(`${size.name} of ${assetId}`);
        const sha256 = await target.deps.files.put(content);
        bytes.set(size.name, content);
        renditions.push({ ...size, sha256, size: content.length });
      }
      await write(async (w) => {
        await w.db
          .updateTable('assets')
          .set({ renditions: toJsonText(renditions) })
          .where('id', '=', assetId)
          .execute();
        await w.changed('asset', assetId);
      });
      return bytes;
    },
  };
}

/** The calendar date `days` from today in Stockholm (the test organisation's time zone). */
export function stockholmDate(days: number, from = new Date()): string {
  const at = new Date(from.getTime() + days * 86_400_000);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(at);
}
