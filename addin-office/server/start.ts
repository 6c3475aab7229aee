// `pnpm start`: the built task pane on https://localhost:3000 with a self-signed certificate made
// on first run (.certs/), and the proxy to the registry (CLEARFRAME_REGISTRY, default :8787).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCertificate } from './certificate.js';
import { startPaneServer } from './pane-server.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
if (!existsSync(join(dist, 'taskpane.html'))) {
  console.error('No build in dist/: run `pnpm build` first.');
  process.exit(1);
}
const registries = (process.env['CLEARFRAME_REGISTRY'] ?? 'http://localhost:8787')
  .split(',')
  .map((url) => url.trim())
  .filter(Boolean);
const port = Number(process.env['PORT'] ?? 3000);
const certificate = await ensureCertificate(join(root, '.certs'));
const server = await startPaneServer({ root: dist, port, tls: certificate, registries });
console.log(`Clearframe task pane on ${server.url}/taskpane.html`);
if (certificate.created) {
  console.log(
    `New self-signed certificate in ${join(root, '.certs')}: trust localhost.crt once (README, "Sideloading").`,
  );
}
console.log(
  `Registry proxy: ${registries.map((url, i) => `/registry-proxy/${i}/ → ${url}`).join(', ')}`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void server.close().then(() => process.exit(0)));
}
