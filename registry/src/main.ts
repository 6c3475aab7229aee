// `pnpm start`: the registry on the settings in the environment (see config.ts). On an empty
// DATA_DIR it migrates and seeds the demo organisation first, and prints how to use it; with
// DATA_DIR/demo.json it serves the demo page too (routes/demo.ts).
import { configFromEnv } from './config.js';
import { describeRegistry, startRegistry } from './start-registry.js';

const started = await startRegistry(configFromEnv(), { log: (line) => console.log(line) });
console.log(describeRegistry(started));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void started.server.close().then(() => process.exit(0));
  });
}
