// `pnpm --filter @clearframe/wordpress start`: a local WordPress with the plugin configured against
// the demo registry (started first, e.g. by `pnpm start` at the root). Skips, and says why, when
// PHP is not installed. Settings: CLEARFRAME_REGISTRY_URL (default http://localhost:8787),
// CLEARFRAME_DEMO_FILE (default <repo>/data/demo.json, written by the registry's first start),
// WP_PORT (default 8888).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { phpAvailable, readDemo, startDemoWordPress } from './wordpress-demo.ts';

const registryUrl = process.env.CLEARFRAME_REGISTRY_URL || 'http://localhost:8787';
const demoFile =
  process.env.CLEARFRAME_DEMO_FILE || join(import.meta.dirname, '../../data/demo.json');

if (!phpAvailable()) {
  console.log(
    'WordPress: skipped, PHP (with pdo_sqlite and zip) is not installed (scripts/system-deps.sh)',
  );
  process.exit(0);
}
if (!existsSync(demoFile)) {
  console.error(
    `WordPress: ${demoFile} is missing; start the registry first (pnpm start at the root)`,
  );
  process.exit(1);
}

const deadline = Date.now() + 60_000;
for (;;) {
  const up = await fetch(`${registryUrl}/v1/health`).then(
    (response) => response.ok,
    () => false,
  );
  if (up) break;
  if (Date.now() > deadline) {
    console.error(`WordPress: no registry answers at ${registryUrl}`);
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 500));
}

const site = await startDemoWordPress({
  registryUrl,
  demo: readDemo(demoFile),
  port: Number(process.env.WP_PORT || 8888),
});
console.log(
  `WordPress with the Clearframe plugin on ${site.url}/ (admin: ${site.url}/wp-admin/, login ${site.admin.user} / ${site.admin.password})`,
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void site.stop().then(() => process.exit(0));
  });
}
