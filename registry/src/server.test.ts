// startServer on a real socket: the demo is served only for a demo.json of this database, and a
// port in use rejects the start (instead of crashing the process).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from './auth/keys.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import { runWrite } from './db/write.js';
import type { DemoFile } from './demo/seed.js';
import { createOrganisation } from './orgs/create-organisation.js';
import { startServer } from './server.js';

describe('startServer', () => {
  let dataDir: string;
  let demo: DemoFile;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'clearframe-server-'));
    const database = openDatabase({ dataDir, databaseUrl: undefined });
    await migrate(database.db);
    const { id: orgId } = await createOrganisation(database.db, { name: 'Demo stand-in' });
    const key = await runWrite(database.db, { orgId, actor: 'system:test', now: new Date() }, (w) =>
      createApiKey(w, {
        kind: 'publishable',
        name: 'Demo pages',
        allowedOrigins: ['http://127.0.0.1:*'],
        createdBy: null,
      }),
    );
    await database.close();
    demo = {
      adminEmail: 'admin@example.org',
      adminPassword: 'not served',
      editorKey: 'cf_ed_not_served',
      publishableKey: key.secret,
      origins: ['http://127.0.0.1:*'],
      assets: { approved: ['ast_a'], expiring: [], blocked: [] },
    };
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const start = (options: Parameters<typeof startServer>[0] = {}) =>
    startServer({
      port: 0,
      hostname: '127.0.0.1',
      dataDir,
      databaseUrl: undefined,
      webhooks: false,
      ...options,
    });

  it('serves the demo page for a demo.json of its database', async () => {
    const server = await start({ demo: { file: demo } });
    try {
      expect(server.demoPage).toBe(`${server.url}/demo/embed.html`);
      const config = await fetch(`${server.url}/demo/config.json`);
      expect(await config.json()).toEqual({
        publishableKey: demo.publishableKey,
        assets: demo.assets,
      });
      expect((await fetch(server.demoPage ?? '')).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('serves no demo without demo.json, nor for a key its database does not hold', async () => {
    for (const options of [
      {},
      { demo: { file: { ...demo, publishableKey: `cf_pk_${'0'.repeat(43)}` } } },
    ]) {
      const server = await start(options);
      try {
        expect(server.demoPage).toBeUndefined();
        expect((await fetch(`${server.url}/demo/config.json`)).status).toBe(404);
      } finally {
        await server.close();
      }
    }
  });

  it('rejects when its port is in use', async () => {
    const first = await start();
    try {
      await expect(start({ port: first.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
