// The registry's settings from the environment, normalised once: PORT, DATA_DIR, DATABASE_URL.

export interface RegistryConfig {
  /** HTTP port. Default 8787. */
  port: number;
  /** SQLite file and the file store live here. Default `./data`. */
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
    dataDir: env.DATA_DIR === undefined || env.DATA_DIR === '' ? './data' : env.DATA_DIR,
    databaseUrl: env.DATABASE_URL === '' ? undefined : env.DATABASE_URL,
  };
}
