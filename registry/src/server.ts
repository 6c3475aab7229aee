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
}

export interface RunningServer {
  port: number;
  url: string;
  engine: Engine;
  close(): Promise<void>;
}

export async function startServer({
  port = 8787,
  hostname,
  dataDir = './data',
  databaseUrl,
  housekeepingIntervalMs,
  webhooks = {},
}: ServerOptions = {}): Promise<RunningServer> {
  const database = openDatabase({ dataDir, databaseUrl });
  await migrate(database.db);
  const app = createApp({
    db: database.db,
    engine: database.engine,
    files: new FsFileStore(join(dataDir, 'files')),
    now: () => new Date(),
  });
  const { server, address } = await new Promise<{
    server: ReturnType<typeof serve>;
    address: AddressInfo;
  }>((resolve) => {
    const server = serve(
      { fetch: app.fetch, port, ...(hostname === undefined ? {} : { hostname }) },
      (address) => resolve({ server, address }),
    );
  });
  const housekeeping = startHousekeeping({
    db: database.db,
    ...(housekeepingIntervalMs === undefined ? {} : { intervalMs: housekeepingIntervalMs }),
  });
  const dispatcher =
    webhooks === false ? undefined : createDispatcher({ ...webhooks, db: database.db });
  dispatcher?.start();
  const host = hostname ?? 'localhost';
  return {
    port: address.port,
    url: `http://${host}:${address.port}`,
    engine: database.engine,
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
