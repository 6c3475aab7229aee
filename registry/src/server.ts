// startServer: opens and migrates the database, then serves the app on Node's HTTP server.
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './http/app.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';
import type { Engine } from './db/open.js';
import { FsFileStore } from './files/fs-file-store.js';
import { startHousekeeping } from './maintenance/housekeeping.js';
import { createDispatcher } from './webhooks/dispatcher.js';
import type { DispatcherOptions } from './webhooks/dispatcher.js';
import { openDemoSite } from './demo/site.js';
import type { DemoSiteOptions } from './demo/site.js';

export interface ServerOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  hostname?: string;
  dataDir?: string;
  databaseUrl?: string | undefined;
  /** Interval of the clean-up of expired sessions and idempotency keys. Default 10 minutes. */
  housekeepingIntervalMs?: number;
  /** Settings of the webhook dispatcher (timeouts, backoff); false: no deliveries from here. */
  webhooks?: Omit<DispatcherOptions, 'db'> | false;
  /**
   * Runs the demo: serves /demo/embed.html and the demo routes (routes/demo.ts) for the
   * organisation of this demo.json. Absent: no demo routes at all.
   */
  demo?: DemoSiteOptions | undefined;
}

export interface RunningServer {
  port: number;
  url: string;
  engine: Engine;
  /** `<url>/demo/embed.html` when the demo is served; undefined otherwise. */
  demoPage: string | undefined;
  close(): Promise<void>;
}

export async function startServer({
  port = 8787,
  hostname,
  dataDir = './data',
  databaseUrl,
  housekeepingIntervalMs,
  webhooks = {},
  demo,
}: ServerOptions = {}): Promise<RunningServer> {
  const database = openDatabase({ dataDir, databaseUrl });
  await migrate(database.db);
  const site = demo === undefined ? undefined : await openDemoSite(database.db, demo);
  const app = createApp({
    db: database.db,
    engine: database.engine,
    files: new FsFileStore(join(dataDir, 'files')),
    now: () => new Date(),
    demo: site,
  });
  const { server, address } = await new Promise<{
    server: ReturnType<typeof serve>;
    address: AddressInfo;
  }>((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port, ...(hostname === undefined ? {} : { hostname }) },
      (address) => {
        server.off('error', reject);
        resolve({ server, address });
      },
    );
    // A port in use (EADDRINUSE) rejects the start instead of crashing the process.
    server.once('error', reject);
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const housekeeping = startHousekeeping({
    db: database.db,
    ...(housekeepingIntervalMs === undefined ? {} : { intervalMs: housekeepingIntervalMs }),
  });
  const dispatcher =
    webhooks === false ? undefined : createDispatcher({ ...webhooks, db: database.db });
  dispatcher?.start();
  const host = hostname ?? 'localhost';
  const url = `http://${host}:${address.port}`;
  return {
    port: address.port,
    url,
    engine: database.engine,
    demoPage: site === undefined ? undefined : `${url}/demo/embed.html`,
    async close() {
      await housekeeping.stop();
      await dispatcher?.stop();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await database.close();
    },
  };
}
