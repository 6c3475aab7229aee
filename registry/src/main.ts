// `pnpm start`: the registry on the settings in the environment (see config.ts).
import { configFromEnv } from './config.js';
import { startServer } from './server.js';

const config = configFromEnv();
const server = await startServer(config);
console.log(
  `Clearframe registry on ${server.url}/v1 (${server.engine}, data in ${config.dataDir})`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void server.close().then(() => process.exit(0));
  });
}
