// Entry of a registry server run as a child process by tests (crash safety): loopback, a free
// port, settings from DATA_DIR / DATABASE_URL; prints `{"port":…}` once it listens.
import { configFromEnv } from '../config.js';
import { startServer } from '../server.js';

const { dataDir, databaseUrl } = configFromEnv();
const server = await startServer({ port: 0, hostname: '127.0.0.1', dataDir, databaseUrl });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
