// The demo site: what the registry serves while it runs the demo (`pnpm start` on a DATA_DIR
// holding demo.json), and only then. The page and its script (registry/demo/), the embed bundle
// from widget-picker's build, the page's config, and a credential-free route that withdraws the
// consents behind one of the demo organisation's pictures (routes/demo.ts).
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { lookupPrefixOf } from '../auth/api-keys.js';
import { hexEquals, sha256Hex } from '../util/crypto.js';
import type { DemoFile } from './seed.js';

/** registry/demo/: embed.html and demo.js. */
export const DEMO_PAGE_DIR = fileURLToPath(new URL('../../demo/', import.meta.url));

/** The embed bundle `pnpm --filter @clearframe/picker build` writes in this workspace. */
export const DEFAULT_EMBED_BUNDLE = fileURLToPath(
  new URL('../../../widget-picker/dist/cf-embed.js', import.meta.url),
);

export interface DemoSiteOptions {
  /** DATA_DIR/demo.json as the seeder wrote it. */
  file: DemoFile;
  /** widget-picker/dist/cf-embed.js by default. */
  embedBundle?: string;
}

export interface DemoSite {
  /** The demo organisation: the one whose publishable key demo.json holds. */
  orgId: string;
  /** What GET /demo/config.json answers: nothing secret. */
  config: { publishableKey: string; assets: DemoFile['assets'] };
  /** Origins allowed to call the demo routes from a page (demo.json's `origins`). */
  origins: readonly string[];
  pageDir: string;
  embedBundle: string;
}

/**
 * The demo site for this database, or undefined when demo.json's publishable key is in no
 * organisation of it (demo.json from another database). A revoked key still names its
 * organisation: the page then shows every picture as not available, as a real page would.
 */
export async function openDemoSite(
  db: Kysely<Database>,
  options: DemoSiteOptions,
): Promise<DemoSite | undefined> {
  const { file } = options;
  const prefix = lookupPrefixOf(file.publishableKey);
  if (prefix === undefined) return undefined;
  const rows = await db
    .selectFrom('api_keys')
    .select(['org_id', 'secret_hash'])
    .where('prefix', '=', prefix)
    .where('kind', '=', 'publishable')
    .execute();
  const hash = sha256Hex(file.publishableKey);
  const row = rows.find((candidate) => hexEquals(candidate.secret_hash, hash));
  if (row === undefined) return undefined;
  return {
    orgId: row.org_id,
    config: { publishableKey: file.publishableKey, assets: file.assets },
    origins: file.origins,
    pageDir: DEMO_PAGE_DIR,
    embedBundle: options.embedBundle ?? DEFAULT_EMBED_BUNDLE,
  };
}
