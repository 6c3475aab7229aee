// The registry's settings from the environment, normalised once: PORT, DATA_DIR, DATABASE_URL,
// DEMO.
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
  /**
   * Whether `pnpm start` seeds the demo into an empty DATA_DIR and serves the demo page and its
   * credential-free revoke route. Default on; `DEMO=off` for a registry that holds real data.
   */
  runDemo?: boolean;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RegistryConfig {
  const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT: not a port: ${env.PORT}`);
  return {
    port,
    dataDir: dataDirOf(env),
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
    runDemo: demoOf(env.DEMO),
  };
}

function demoOf(value: string | undefined): boolean {
  const normalised = (value ?? '').trim().toLowerCase();
  if (['', 'on', '1', 'true', 'yes'].includes(normalised)) return true;
  if (['off', '0', 'false', 'no'].includes(normalised)) return false;
  throw new Error(`DEMO: expected on or off, got ${String(value)}`);
}

function dataDirOf(env: NodeJS.ProcessEnv): string {
  const dataDir = env.DATA_DIR === undefined || env.DATA_DIR === '' ? './data' : env.DATA_DIR;
  return fromInvocationDir(dataDir, env);
}

/**
 * A path the user gave, read from the folder `pnpm` was run in (INIT_CWD) rather than the
 * package folder pnpm runs scripts in; the current folder without pnpm.
 */
export function fromInvocationDir(path: string, env: NodeJS.ProcessEnv = process.env): string {
  const base = env.INIT_CWD === undefined || env.INIT_CWD === '' ? process.cwd() : env.INIT_CWD;
  return resolve(base, path);
}
