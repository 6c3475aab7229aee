// Once per run: pack the plugin zip, build a WordPress 6.6 site with it active, serve it.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, removeSite, serve, type Site } from '../support/wordpress-site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    site: Site;
  }
}

const pluginDir = join(import.meta.dirname, '../../plugin-wordpress');

export default async function setup(project: TestProject) {
  // The same installable zip an administrator uploads (wp-scripts build, then scripts/zip.php).
  // NODE_ENV: vitest sets it to `test`, which would make wp-scripts build a development bundle.
  execFileSync('pnpm', ['--silent', 'run', 'zip'], {
    cwd: pluginDir,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const site = await buildSite(join(pluginDir, 'dist/clearframe.zip'));
  const server = await serve(site);
  project.provide('site', site);
  return async () => {
    await server.stop();
    removeSite(site);
  };
}
