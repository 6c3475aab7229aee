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
import type { TestDatabase } from './test-database.js';

export interface TestRegistry {
  engine: Engine;
  database: TestDatabase;
  db: Kysely<Database>;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  orgId: string;
  /** `app.request` with a JSON body when `json` is given. */
  request(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
}

export function useTestRegistry(engine: Engine): TestRegistry {
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
    const app = createApp(deps);
    const { id: orgId } = await createOrganisation(database.db, { name: 'Test organisation' });
    Object.assign(registry, {
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
