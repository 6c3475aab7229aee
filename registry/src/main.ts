// `pnpm start`: the registry on the settings in the environment (see config.ts). On an empty
// DATA_DIR it migrates and seeds the demo organisation first, and prints how to use it.
import { resolve } from 'node:path';
import { configFromEnv } from './config.js';
import { ensureDemo } from './demo/first-start.js';
import { describeDemo } from './demo/seed-command.js';
import { startServer } from './server.js';

const config = configFromEnv();
const { seeded, demo } = await ensureDemo(config, { log: (line) => console.log(line) });
const server = await startServer(config);
console.log(
  `Clearframe registry on ${server.url}/v1 (${server.engine}, data in ${resolve(config.dataDir)})`,
);
if (demo !== undefined) {
  console.log(
    `${seeded ? 'Demo seeded' : 'Demo'} (${resolve(config.dataDir, 'demo.json')}):\n${describeDemo(demo)}`,
  );
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
