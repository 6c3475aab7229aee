// A local WordPress 6.6 with the plugin configured against a running registry's demo organisation:
// the site of test/support/wordpress-site.ts (SQLite, php -S), the plugin from its installable zip,
// the demo's editor and publishable keys, and a webhook the demo admin subscribes through the
// registry's API. For `pnpm start` (scripts/start.ts) and any start orchestrator.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, buildSite, removeSite, serve, wpEval } from '../../test/support/wordpress-site.ts';

const root = join(import.meta.dirname, '..');

/** The parts of the registry's DATA_DIR/demo.json this needs. */
export interface DemoCredentials {
  adminEmail: string;
  adminPassword: string;
  editorKey: string;
  publishableKey: string;
}

export interface DemoWordPressOptions {
  /** The registry, e.g. http://localhost:8787 (no trailing slash needed). */
  registryUrl: string;
  demo: DemoCredentials;
  /** Default 8888. */
  port?: number;
  /** Build the zip first (default true); false uses dist/clearframe.zip as it is. */
  build?: boolean;
}

export interface DemoWordPress {
  url: string;
  admin: { user: string; password: string };
  stop(): Promise<void>;
}

/** Whether `php` runs here (with the extensions WordPress on SQLite needs). */
export function phpAvailable(): boolean {
  try {
    const modules = execFileSync('php', ['-m'], { encoding: 'utf8' });
    return ['pdo_sqlite', 'zip'].every((name) => modules.includes(name));
  } catch {
    return false;
  }
}

/** Reads a registry's demo.json. */
export function readDemo(path: string): DemoCredentials {
  return JSON.parse(readFileSync(path, 'utf8')) as DemoCredentials;
}

async function subscribeWebhook(registryUrl: string, demo: DemoCredentials, url: string) {
  const login = await fetch(`${registryUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demo.adminEmail, password: demo.adminPassword }),
  });
  if (!login.ok) throw new Error(`registry login as ${demo.adminEmail}: ${login.status}`);
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');
  const created = await fetch(`${registryUrl}/v1/webhooks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ url, description: 'Local WordPress (pnpm start)' }),
  });
  if (!created.ok) throw new Error(`webhook: ${created.status} ${await created.text()}`);
  const { webhook, secret } = (await created.json()) as { webhook: { id: string }; secret: string };
  const remove = async () => {
    await fetch(`${registryUrl}/v1/webhooks/${webhook.id}`, {
      method: 'DELETE',
      headers: { cookie },
    });
  };
  return { secret, remove };
}

export async function startDemoWordPress(options: DemoWordPressOptions): Promise<DemoWordPress> {
  const registryUrl = options.registryUrl.replace(/\/+$/, '');
  const zip = join(root, 'dist/clearframe.zip');
  if (options.build ?? true) {
    execFileSync('pnpm', ['--silent', 'run', 'zip'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
  } else if (!existsSync(zip)) {
    throw new Error(`${zip} is missing: run pnpm --filter @clearframe/wordpress zip`);
  }
  const site = await buildSite(zip, { port: options.port ?? 8888, title: 'Clearframe demo site' });
  const hook = await subscribeWebhook(
    registryUrl,
    options.demo,
    `${site.url}/wp-json/clearframe/v1/webhook`,
  );
  const value = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  await wpEval(
    site,
    `update_option( 'clearframe_registry_url', ${value(registryUrl)} );
     update_option( 'clearframe_editor_key', ${value(options.demo.editorKey)} );
     update_option( 'clearframe_publishable_key', ${value(options.demo.publishableKey)} );
     update_option( 'clearframe_webhook_secret', ${value(hook.secret)} );
     update_option( 'clearframe_channel', 'web' );
     update_option( 'clearframe_editor_behavior', 'block' );
     return true;`,
  );
  const server = await serve(site);
  return {
    url: site.url,
    admin: { user: ADMIN.user, password: ADMIN.password },
    async stop() {
      await server.stop();
      await hook.remove().catch(() => undefined);
      removeSite(site);
    },
  };
}
