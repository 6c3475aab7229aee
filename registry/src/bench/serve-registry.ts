// Bench child: a seeded registry on SQLite behind the real Node server, on a loopback port.
// Prints one JSON line on stdout ({ port, key, ids }) when it is ready; stops on SIGTERM.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiKey } from '../auth/keys.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { runWrite } from '../db/write.js';
import { createOrganisation } from '../orgs/create-organisation.js';
import { startServer } from '../server.js';
import { seedAssets } from './seed.js';

const BENCH_ORIGIN = 'http://bench.localhost';

const dataDir = mkdtempSync(join(tmpdir(), 'cf-bench-registry-'));
const database = openDatabase({ dataDir });
await migrate(database.db);
const { id: orgId } = await createOrganisation(database.db, { name: 'Bench' });
const { assetIds } = await seedAssets(database.db, orgId, 400);
const { secret } = await runWrite(
  database.db,
  { orgId, actor: 'system:bench', now: new Date() },
  (w) =>
    createApiKey(w, {
      kind: 'publishable',
      name: 'Bench',
      allowedOrigins: [BENCH_ORIGIN],
      createdBy: null,
    }),
);
await database.close();

const server = await startServer({ port: 0, hostname: '127.0.0.1', dataDir });
process.stdout.write(
  `${JSON.stringify({ port: server.port, key: secret, ids: assetIds, origin: BENCH_ORIGIN })}\n`,
);
process.once('SIGTERM', () => {
  void server.close().finally(() => {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  });
});
