// What every handler finds on the Hono context: the app's dependencies and the caller.
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/schema.js';
import type { DemoSite } from '../demo/site.js';
import type { Engine } from '../db/open.js';
import type { FileStore } from '../files/file-store.js';
import type { OrgVersion } from '../verdicts/public-cache.js';

export interface AppDeps {
  db: Kysely<Database>;
  engine: Engine;
  files: FileStore;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
  /** Set only while the registry runs the demo: the demo page and its routes are served. */
  demo?: DemoSite | undefined;
}

export interface Idempotency {
  key: string;
  /** SHA-256 of method, path, content type and body bytes. */
  fingerprint: string;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    /** Set by the auth middleware when a valid credential came with the request. */
    principal: Principal | undefined;
    /** Set for POST requests with an `Idempotency-Key` header. */
    idempotency: Idempotency | undefined;
    /** Set with a publishable key's principal: its organisation's counters, read this request. */
    orgVersion: OrgVersion | undefined;
  };
}
