// `useTestRegistry(engine)`: in a describe block, a fresh database with one organisation and the
// app over it, created before the block's tests and dropped after. Requests go through
// `app.request` (in-process, no socket).
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Kysely } from 'kysely';
import { createApp } from '../http/app.js';
import type { AppDeps } from '../http/env.js';
import type { Database } from '../db/schema.js';
import type { Engine } from '../db/open.js';
import { FsFileStore } from '../files/fs-file-store.js';
import { createOrganisation } from '../orgs/create-organisation.js';
import { openTestDatabase } from './test-database.js';
import { runWrite } from '../db/write.js';
import { createApiKey } from '../auth/keys.js';
import { hashPassword } from '../auth/passwords.js';
import { createUser } from '../auth/users.js';
import type { TestDatabase } from './test-database.js';
import { DEFAULT_EMBED_BUNDLE, DEMO_PAGE_DIR } from '../demo/site.js';

export interface TestRegistry {
  engine: Engine;
  database: TestDatabase;
  db: Kysely<Database>;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  orgId: string;
  /** Headers that authenticate as: the admin's session, an editor key, a publishable key. */
  as: Record<'admin' | 'editor' | 'public', Record<string, string>>;
  admin: { email: string; password: string };
  keys: { editor: string; publishable: string };
  /** `app.request` with a JSON body when `json` is given. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export const TEST_ORIGIN = 'https://site.example';
const ADMIN = { email: 'admin@example.org', password: 'correct horse battery staple' };

export interface TestRegistryOptions {
  /**
   * Run it as the demo: the organisation is the demo organisation (its publishable key is the
   * demo's, no asset ids listed), so /demo/* and POST /v1/demo/revoke/{assetId} are mounted.
   */
  demo?: boolean;
}

export function useTestRegistry(engine: Engine, options: TestRegistryOptions = {}): TestRegistry {
  // Filled in beforeAll; the tests only read it once it is.
  const registry = { engine } as TestRegistry;

  beforeAll(async () => {
    const database = await openTestDatabase(engine);
    const deps: AppDeps = {
      db: database.db,
      engine,
      files: new FsFileStore(join(database.dataDir, 'files')),
      now: () => new Date(),
    };
    const { id: orgId } = await createOrganisation(database.db, { name: 'Test organisation' });
    const passwordHash = await hashPassword(ADMIN.password);
    const keys = await runWrite(
      database.db,
      { orgId, actor: 'system:test', now: new Date() },
      async (w) => {
        await createUser(w, { email: ADMIN.email, name: 'Admin', role: 'admin', passwordHash });
        const editor = await createApiKey(w, { kind: 'editor', name: 'Editor', createdBy: null });
        const publishable = await createApiKey(w, {
          kind: 'publishable',
          name: 'Site',
          allowedOrigins: [TEST_ORIGIN, 'http://localhost:*'],
          createdBy: null,
        });
        return { editor: editor.secret, publishable: publishable.secret };
      },
    );
    if (options.demo === true) {
      deps.demo = {
        orgId,
        config: {
          publishableKey: keys.publishable,
          assets: { approved: [], expiring: [], blocked: [] },
        },
        origins: [TEST_ORIGIN, 'http://localhost:*'],
        pageDir: DEMO_PAGE_DIR,
        embedBundle: DEFAULT_EMBED_BUNDLE,
      };
    }
    const app = createApp(deps);
    const login = await app.request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    Object.assign(registry, {
      admin: ADMIN,
      keys,
      as: {
        admin: { cookie },
        editor: { authorization: `Bearer ${keys.editor}` },
        public: { authorization: `Bearer ${keys.publishable}`, origin: TEST_ORIGIN },
      },
      database,
      db: database.db,
      deps,
      app,
      orgId,
      request: (path: string, { json, ...init }: RequestInit & { json?: unknown } = {}) => {
        const headers = new Headers(init.headers);
        if (json !== undefined) headers.set('content-type', 'application/json');
        return app.request(path, {
          ...init,
          headers,
          ...(json === undefined ? {} : { body: JSON.stringify(json) }),
        });
      },
    });
  });

  afterAll(async () => {
    await registry.database?.close();
  });

  return registry;
}
