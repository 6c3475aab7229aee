// The demo organisation: Swedish preset, an admin, an editor key and a publishable key for local
// pages, and about 200 generated pictures whose persons and consents cover every status and
// reason of the consent rules. Written through the same domain functions as the API (assets
// ingested with renditions, persons, consents, revocations, a group consent), in one write.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createAsset, replacePersonTags } from '../assets/commands.js';
import { ingestImage } from '../assets/ingest.js';
import type { IngestedImage } from '../assets/ingest.js';
import { CreateAssetFieldsSchema, PutPersonTagsSchema } from '../assets/schemas.js';
import { createApiKey } from '../auth/keys.js';
import { hashPassword } from '../auth/passwords.js';
import { createUser } from '../auth/users.js';
import { createConsentGroup, CreateConsentGroupSchema } from '../consent-groups/consent-groups.js';
import { createConsent, revokeConsent } from '../consents/commands.js';
import { storeDocumentFile } from '../consents/documents.js';
import { CreateConsentSchema, CreateRevocationSchema } from '../consents/schemas.js';
import { migrate } from '../db/migrate.js';
import type { Database, Row } from '../db/schema.js';
import { runWrite } from '../db/write.js';
import type { FileStore } from '../files/file-store.js';
import { createOrganisation } from '../orgs/create-organisation.js';
import { createPerson } from '../persons/commands.js';
import { CreatePersonSchema } from '../persons/schemas.js';
import { randomToken } from '../util/crypto.js';
import { verdictFor } from '../verdicts/inputs.js';
import { calendarOf, demoPlan } from './plan.js';
import type { DemoPlan } from './plan.js';
import { renderPicture } from './pictures.js';

export const DEMO_ORGANISATION = 'Clearframe demo (Solvik municipality)';
export const DEMO_ADMIN_EMAIL = 'admin@demo.clearframe.example';
export const DEMO_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];
export const DEMO_FILE = 'demo.json';
const DEMO_TIME_ZONE = 'Europe/Stockholm';
const ACTOR = 'system:seed-demo';

/** `DATA_DIR/demo.json`: how to log in and which demo assets are which for the web channel. */
export interface DemoFile {
  adminEmail: string;
  adminPassword: string;
  editorKey: string;
  publishableKey: string;
  origins: string[];
  assets: { approved: string[]; expiring: string[]; blocked: string[] };
}

export interface DemoSeed extends DemoFile {
  orgId: string;
}

export interface SeedDemoOptions {
  db: Kysely<Database>;
  files: FileStore;
  /** Today, for every date of the demo. Default: now. */
  now?: Date;
  /** The same seed (and day) gives the same demo. Default 7. */
  seed?: number;
  /** The admin's password; generated when absent. */
  adminPassword?: string;
}

/** Migrates, then writes the demo organisation. Refuses when it exists already. */
export async function seedDemo(options: SeedDemoOptions): Promise<DemoSeed> {
  const { db, files, now = new Date(), seed = 7 } = options;
  await migrate(db);
  if (await demoExists(db)) throw new DemoExistsError();
  const plan = demoPlan(seed, calendarOf(now, DEMO_TIME_ZONE));
  const images = await ingestPictures(files, plan);
  const evidence = await storeDocumentFile(files, classFormPdf(), 'class-7b-photo-consent.pdf');

  const adminPassword = options.adminPassword ?? randomToken(12);
  const passwordHash = await hashPassword(adminPassword);
  const { id: orgId } = await createOrganisation(db, {
    name: DEMO_ORGANISATION,
    preset: 'SE',
    actor: ACTOR,
    now,
  });
  const { editorKey, publishableKey, assetIds } = await runWrite(
    db,
    { orgId, actor: ACTOR, now },
    async (w) => {
      await createUser(w, {
        email: DEMO_ADMIN_EMAIL,
        name: 'Demo admin',
        role: 'admin',
        passwordHash,
      });
      const editor = await createApiKey(w, {
        kind: 'editor',
        name: 'Demo editor (Office, WordPress)',
        createdBy: ACTOR,
      });
      const publishable = await createApiKey(w, {
        kind: 'publishable',
        name: 'Demo pages on localhost',
        allowedOrigins: DEMO_ORIGINS,
        createdBy: ACTOR,
      });

      const personIds = new Map<string, string>();
      for (const planned of plan.persons) {
        const { key, ...fields } = planned;
        const row = await createPerson(w, CreatePersonSchema.parse(fields));
        personIds.set(key, row.id);
      }
      const idOf = (key: string, ids: Map<string, string>) => {
        const id = ids.get(key);
        if (id === undefined) throw new Error(`demo plan: unknown key ${key}`);
        return id;
      };

      const assetIds = new Map<string, string>();
      for (const planned of plan.assets) {
        const image = images.get(planned.key);
        if (image === undefined) throw new Error(`demo plan: no picture for ${planned.key}`);
        const fields = CreateAssetFieldsSchema.parse({
          title: planned.title,
          alt: planned.alt,
          credit: planned.credit,
          tags: ['demo', slug(planned.scenario)],
          legalBasis: planned.legalBasis,
          ...(planned.license === undefined ? {} : { license: planned.license }),
        });
        let row: Row<'assets'> = await createAsset(w, image, fields);
        if (planned.tags.length > 0) {
          const tags = PutPersonTagsSchema.parse({
            persons: planned.tags.map((tag) => ({
              personId: idOf(tag.personKey, personIds),
              relevant: tag.relevant,
              ...(tag.irrelevanceReason === undefined
                ? {}
                : { irrelevanceReason: tag.irrelevanceReason }),
            })),
          });
          row = (await replacePersonTags(w, row, [], tags)).row;
        }
        assetIds.set(planned.key, row.id);
      }

      for (const planned of plan.consents) {
        const personId = idOf(planned.personKey, personIds);
        // The parsed request carries personId too; createConsent reads the options only.
        const options = CreateConsentSchema.parse({
          personId,
          channels: planned.channels,
          validFrom: planned.validFrom,
          validUntil: planned.validUntil,
          signedBy: planned.signedBy,
          assetIds: planned.assetKeys?.map((key) => idOf(key, assetIds)) ?? null,
          comment: planned.comment ?? null,
        });
        const consent = await createConsent(w, personId, options);
        if (planned.revocation !== undefined)
          await revokeConsent(w, consent, CreateRevocationSchema.parse(planned.revocation));
      }

      for (const group of plan.groups) {
        const fields = CreateConsentGroupSchema.parse({
          title: group.title,
          personIds: group.personKeys.map((key) => idOf(key, personIds)),
          channels: group.channels,
          validFrom: group.validFrom,
          validUntil: group.validUntil,
          signedBy: group.signedBy,
          assetIds: group.assetKeys.map((key) => idOf(key, assetIds)),
        });
        const row = await createConsentGroup(w, { fields, file: evidence });
        for (const exception of group.exceptions) {
          const consent = await w.db
            .selectFrom('consents')
            .selectAll()
            .where('org_id', '=', w.orgId)
            .where('group_id', '=', row.id)
            .where('person_id', '=', idOf(exception.personKey, personIds))
            .executeTakeFirstOrThrow();
          await revokeConsent(
            w,
            consent,
            CreateRevocationSchema.parse({
              channels: exception.channels,
              reason: exception.reason,
            }),
          );
        }
      }
      return { editorKey: editor.secret, publishableKey: publishable.secret, assetIds };
    },
  );

  const ids = plan.assets.map((planned) => assetIds.get(planned.key) as string);
  const verdicts = await verdictFor(db, orgId, ids, 'web', now);
  const assets: DemoFile['assets'] = { approved: [], expiring: [], blocked: [] };
  for (const id of ids) assets[verdicts.get(id)?.status ?? 'blocked'].push(id);
  return {
    orgId,
    adminEmail: DEMO_ADMIN_EMAIL,
    adminPassword,
    editorKey,
    publishableKey,
    origins: [...DEMO_ORIGINS],
    assets,
  };
}

export class DemoExistsError extends Error {
  override readonly name = 'DemoExistsError';
  constructor() {
    super(`the demo organisation "${DEMO_ORGANISATION}" exists already`);
  }
}

export async function demoExists(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', DEMO_ORGANISATION)
    .executeTakeFirst();
  return row !== undefined;
}

/** What demo.json holds: the seed without the organisation id. */
export function demoFileOf(seed: DemoSeed): DemoFile {
  const { adminEmail, adminPassword, editorKey, publishableKey, origins, assets } = seed;
  return { adminEmail, adminPassword, editorKey, publishableKey, origins, assets };
}

/** Writes `DATA_DIR/demo.json` (readable by its owner only: it holds the admin password). */
export async function writeDemoFile(dataDir: string, seed: DemoSeed): Promise<string> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, DEMO_FILE);
  await writeFile(path, `${JSON.stringify(demoFileOf(seed), null, 2)}\n`, { mode: 0o600 });
  return path;
}

/** Renders and ingests every planned picture, a few at a time (sharp works on its own threads). */
async function ingestPictures(
  files: FileStore,
  plan: DemoPlan,
): Promise<Map<string, IngestedImage>> {
  const out = new Map<string, IngestedImage>();
  const queue = [...plan.assets];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const bytes = await renderPicture(next.picture);
      out.set(next.key, await ingestImage({ files }, bytes));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return out;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** A one-page PDF standing in for the signed class form (the evidence of the group consent). */
function classFormPdf(): Uint8Array {
  const text = 'Class 7B - photo consent for the school year (demo document)';
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}
