// `pnpm start`: the built task pane on https://localhost:3000 with a self-signed certificate made
// on first run (.certs/), and the proxy to the registry (CLEARFRAME_REGISTRY, default :8787).
//
// startOfficeAddin() is the same for a root orchestrator: it reads no environment and installs no
// signal handlers; the command-line part at the bottom does both.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificate } from './certificate.js';
import { startPaneServer } from './pane-server.js';

/** addin-office/ */
export const ADDIN_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The port both manifests name: Office loads the pane from https://localhost:3000 only. */
export const MANIFEST_PORT = 3000;
export const DEFAULT_REGISTRY = 'http://localhost:8787';

export interface StartOfficeAddinOptions {
  /** Default 3000, the manifests' port; 0 picks a free one (then Office cannot load it). */
  port?: number;
  /** Default `localhost`. */
  hostname?: string;
  /** Registry URLs the proxy may reach, in order; default `http://localhost:8787`. */
  registries?: readonly string[];
  /** Where the self-signed certificate is kept (made when missing); default `addin-office/.certs`. */
  certDir?: string;
  /**
   * `if-missing` (default) builds the pane with vite when `dist/` holds no build; `always` builds
   * every time; `never` fails without a build.
   */
  build?: 'if-missing' | 'always' | 'never';
  /** Progress lines; default none. */
  log?: (line: string) => void;
}

export interface RunningOfficeAddin {
  /** `https://localhost:<port>` */
  url: string;
  /** The page the manifests open: `<url>/taskpane.html`. */
  taskpaneUrl: string;
  port: number;
  /** The registries the proxy reaches, as origins: `/registry-proxy/<index>/` is the index-th. */
  registries: string[];
  certificate: {
    /** The certificate to trust once (README, "Sideloading"). */
    path: string;
    /** Whether this start made it. */
    created: boolean;
  };
  /** Absolute paths of the two manifests, which name port 3000. */
  manifests: { xml: string; unified: string };
  close(): Promise<void>;
}

/** Builds the pane if needed, then serves it over HTTPS with the registry proxy. */
export async function startOfficeAddin(
  options: StartOfficeAddinOptions = {},
): Promise<RunningOfficeAddin> {
  const log = options.log ?? (() => undefined);
  const dist = join(ADDIN_DIR, 'dist');
  const built = existsSync(join(dist, 'taskpane.html'));
  const build = options.build ?? 'if-missing';
  if (build === 'always' || (build === 'if-missing' && !built)) {
    log('Building the task pane (vite)…');
    await buildPane();
  } else if (!built) {
    throw new Error(`No build in ${dist}: run \`pnpm --filter @clearframe/office build\` first.`);
  }
  const certDir = options.certDir ?? join(ADDIN_DIR, '.certs');
  const certificate = await ensureCertificate(certDir);
  const server = await startPaneServer({
    root: dist,
    port: options.port ?? MANIFEST_PORT,
    hostname: options.hostname ?? 'localhost',
    tls: certificate,
    registries: options.registries ?? [DEFAULT_REGISTRY],
  });
  if (server.port !== MANIFEST_PORT) {
    log(
      `Port ${server.port} is not the manifests' ${MANIFEST_PORT}: Office will not find the pane.`,
    );
  }
  return {
    url: server.url,
    taskpaneUrl: `${server.url}/taskpane.html`,
    port: server.port,
    registries: server.registries,
    certificate: { path: join(certDir, 'localhost.crt'), created: certificate.created },
    manifests: { xml: join(ADDIN_DIR, 'manifest.xml'), unified: join(ADDIN_DIR, 'manifest.json') },
    close: () => server.close(),
  };
}

/** vite's build with addin-office's config, wherever the process was started from. */
async function buildPane(): Promise<void> {
  const { build } = await import('vite');
  await build({
    root: ADDIN_DIR,
    configFile: join(ADDIN_DIR, 'vite.config.ts'),
    // Errors only: vite warns that office.js "can't be bundled", which is by design (Office
    // requires it as a classic script, loaded before the pane's code).
    logLevel: 'error',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const registries = (process.env['CLEARFRAME_REGISTRY'] ?? DEFAULT_REGISTRY)
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  try {
    const addin = await startOfficeAddin({
      port: Number(process.env['PORT'] || MANIFEST_PORT),
      registries,
      log: (line) => console.log(line),
    });
    console.log(`Clearframe task pane on ${addin.taskpaneUrl}`);
    if (addin.certificate.created) {
      console.log(
        `New self-signed certificate ${addin.certificate.path}: trust it once (README, "Sideloading").`,
      );
    }
    console.log(
      `Registry proxy: ${addin.registries.map((url, i) => `/registry-proxy/${i}/ → ${url}`).join(', ')}`,
    );
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void addin.close().then(() => process.exit(0)));
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
