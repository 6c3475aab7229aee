// What `pnpm start` runs (main.ts), as a function the root start (scripts/start.ts) calls too:
// on an empty DATA_DIR, migrate and seed the demo; then serve, with the demo page whenever
// DATA_DIR holds demo.json — unless DEMO=off, which does neither.
import { resolve } from 'node:path';
import type { RegistryConfig } from './config.js';
import { ensureDemo } from './demo/first-start.js';
import { describeDemo } from './demo/seed-command.js';
import type { DemoFile } from './demo/seed.js';
import { startServer } from './server.js';
import type { RunningServer } from './server.js';

export interface StartedRegistry {
  server: RunningServer;
  /** The absolute DATA_DIR. */
  dataDir: string;
  /** Whether this start seeded the demo. */
  seeded: boolean;
  /** DATA_DIR/demo.json, when there is one. */
  demo: DemoFile | undefined;
}

export interface StartRegistryOptions {
  /** Progress lines (seeding). */
  log?: (line: string) => void;
  /** The embed bundle the demo page loads; widget-picker/dist/cf-embed.js by default. */
  embedBundle?: string;
}

export async function startRegistry(
  config: RegistryConfig,
  { log, embedBundle }: StartRegistryOptions = {},
): Promise<StartedRegistry> {
  const { seeded, demo } =
    config.runDemo === false
      ? { seeded: false, demo: undefined }
      : await ensureDemo(config, log === undefined ? {} : { log });
  const server = await startServer({
    ...config,
    ...(demo === undefined
      ? {}
      : { demo: { file: demo, ...(embedBundle === undefined ? {} : { embedBundle }) } }),
  });
  return { server, dataDir: resolve(config.dataDir), seeded, demo };
}

/** The lines `pnpm start` prints once the registry listens. */
export function describeRegistry({ server, dataDir, seeded, demo }: StartedRegistry): string {
  const lines = [`Clearframe registry on ${server.url}/v1 (${server.engine}, data in ${dataDir})`];
  if (demo !== undefined) {
    lines.push(
      `${seeded ? 'Demo seeded' : 'Demo'} (${resolve(dataDir, 'demo.json')}):`,
      describeDemo(demo),
    );
    lines.push(
      server.demoPage === undefined
        ? '  demo page:       not served (demo.json names no organisation of this database)'
        : `  demo page:       ${server.demoPage}`,
    );
  }
  return lines.join('\n');
}
