// The registry's settings from the environment, normalised once: PORT, DATA_DIR, DATABASE_URL.
import { resolve } from 'node:path';

export interface RegistryConfig {
  /** HTTP port. Default 8787. */
  port: number;
  /**
   * SQLite file and the file store live here. Default `./data`. A relative path is read from the
   * folder `pnpm` was run in (INIT_CWD), so `pnpm start` at the repository root keeps its data
   * in `<repo>/data` and `DATA_DIR=x pnpm registry …` means the `x` the user sees.
   */
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; unset means the embedded SQLite. */
  databaseUrl: string | undefined;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT: not a port: ${env.PORT}`);
  return {
    port,
    dataDir: dataDirOf(env),
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
  };
}

function dataDirOf(env: NodeJS.ProcessEnv): string {
  const dataDir = env.DATA_DIR === undefined || env.DATA_DIR === '' ? './data' : env.DATA_DIR;
  const base = env.INIT_CWD === undefined || env.INIT_CWD === '' ? process.cwd() : env.INIT_CWD;
  return resolve(base, dataDir);
}
