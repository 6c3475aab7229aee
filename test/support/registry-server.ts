// A real Clearframe registry for end-to-end tests: in-process on a free loopback port, a fresh
// DATA_DIR seeded with the demo organisation, and the HTTP calls tests make as its people.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@clearframe/registry';
import type { RunningServer } from '@clearframe/registry';
// The demo seeder is not (yet) part of the registry's public entry; see the e2e README note.
import { ensureDemo } from '../../registry/src/demo/first-start.ts';
import type { DemoFile } from '../../registry/src/demo/seed.ts';

export type { DemoFile };

export interface TestRegistry {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  dataDir: string;
  /** DATA_DIR/demo.json as the seeder wrote it. */
  demo: DemoFile;
  /** Whether the server is listening now. */
  readonly running: boolean;
  /** Stops the server (the data stays) — "the registry is down". */
  stop(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  /** Stops it for good and deletes DATA_DIR. */
  dispose(): Promise<void>;
}

/**
 * A DATA_DIR with the demo organisation seeded (about 15 s: 200 pictures are rendered), to be
 * copied by every registry a run starts. The caller deletes it.
 */
export async function seedDemoDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'clearframe-e2e-demo-'));
  const { demo } = await ensureDemo({ dataDir, databaseUrl: undefined });
  if (demo === undefined) throw new Error(`the demo was not seeded in ${dataDir}`);
  return dataDir;
}

export interface TestRegistryOptions {
  /**
   * Run the demo as `pnpm start` does: serve /demo/embed.html, /demo/config.json, the embed
   * bundle and POST /v1/demo/revoke/{assetId} (registry/demo/README.md). Default false.
   */
  demo?: boolean;
}

/**
 * Starts a registry on a copy of `template` (from seedDemoDataDir), or on a DATA_DIR seeded
 * here when there is none. Each registry has its own data: revocations stay in one test file.
 */
export async function startTestRegistry(
  template?: string,
  options: TestRegistryOptions = {},
): Promise<TestRegistry> {
  const dataDir = await mkdtemp(join(tmpdir(), 'clearframe-e2e-registry-'));
  if (template === undefined) await ensureDemo({ dataDir, databaseUrl: undefined });
  else await cp(template, dataDir, { recursive: true });
  const demo = JSON.parse(await readFile(join(dataDir, 'demo.json'), 'utf8')) as DemoFile;
  const start = (port: number) =>
    startServer({
      port,
      hostname: '127.0.0.1',
      dataDir,
      databaseUrl: undefined,
      webhooks: false,
      ...(options.demo === true ? { demo: { file: demo } } : {}),
    });
  let server: RunningServer | undefined = await start(0);
  const port = server.port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    demo,
    get running() {
      return server !== undefined;
    },
    async stop() {
      const running = server;
      server = undefined;
      await running?.close();
    },
    async restart() {
      server ??= await start(port);
    },
    async dispose() {
      const running = server;
      server = undefined;
      await running?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// ---- calls as the registry's people

export interface PublicVerdict {
  status: 'approved' | 'expiring' | 'blocked';
  approvedUntil: string | null;
  nextCheckAt: string | null;
  media?: { src: string; srcset?: string; alt?: string; width?: number; height?: number };
}

export interface EditorVerdict {
  assetId: string;
  channel: string;
  verdict: {
    status: 'approved' | 'expiring' | 'blocked';
    approvedUntil: string | null;
    nextCheckAt: string | null;
    reasons: { code: string; personId?: string }[];
  };
}

export interface Consent {
  id: string;
  personId: string;
  channels: string[];
  status: 'pending' | 'active' | 'expired' | 'revoked';
  revocations: unknown[];
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`${what}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A logged-in user session (the admin UI's cookie), for consent manager and admin calls. */
export class RegistrySession {
  private constructor(
    private readonly registry: Pick<TestRegistry, 'url'>,
    private readonly cookie: string,
  ) {}

  /** Logs in; default as the demo admin (who may do what a consent manager may). */
  static async login(
    registry: Pick<TestRegistry, 'url' | 'demo'>,
    email = registry.demo.adminEmail,
    password = registry.demo.adminPassword,
  ): Promise<RegistrySession> {
    const response = await fetch(`${registry.url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    await json(response, 'login');
    const cookie = response.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .join('; ');
    return new RegistrySession(registry, cookie);
  }

  request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', this.cookie);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    return fetch(`${this.registry.url}${path}`, { ...init, headers });
  }

  /** The active consents that apply to an asset and cover the channel. */
  async consentsBehind(assetId: string, channel = 'web'): Promise<Consent[]> {
    const query = new URLSearchParams({ assetId, status: 'active', limit: '200' });
    const { consents } = await json<{ consents: Consent[] }>(
      await this.request(`/v1/consents?${query}`),
      `consents of ${assetId}`,
    );
    return consents.filter(
      (consent) => consent.revocations.length === 0 && consent.channels.includes(channel),
    );
  }

  /** Withdraws a whole consent now. */
  async revoke(consentId: string, reason = 'withdrawn in an end-to-end test'): Promise<void> {
    await json(
      await this.request(`/v1/consents/${encodeURIComponent(consentId)}/revocations`, {
        method: 'POST',
        body: JSON.stringify({ reason }),
      }),
      `revoke ${consentId}`,
    );
  }

  /**
   * Revokes the consents behind an asset one by one until the registry itself blocks it in the
   * channel; returns the consents revoked (one, for a picture of one person).
   */
  async revokeUntilBlocked(
    registry: Pick<TestRegistry, 'url' | 'demo'>,
    assetId: string,
    channel = 'web',
  ): Promise<string[]> {
    const revoked: string[] = [];
    for (const consent of await this.consentsBehind(assetId, channel)) {
      await this.revoke(consent.id);
      revoked.push(consent.id);
      const verdict = await editorVerdict(registry, assetId, channel);
      if (verdict.verdict.status === 'blocked') return revoked;
    }
    throw new Error(`${assetId} is still not blocked after revoking ${revoked.join(', ')}`);
  }
}

/** The registry's own verdict with its reasons (editor key). */
export async function editorVerdict(
  registry: Pick<TestRegistry, 'url' | 'demo'>,
  assetId: string,
  channel = 'web',
): Promise<EditorVerdict> {
  const response = await fetch(
    `${registry.url}/v1/assets/${encodeURIComponent(assetId)}/verdict?channel=${channel}`,
    { headers: { authorization: `Bearer ${registry.demo.editorKey}` } },
  );
  return json<EditorVerdict>(response, `verdict of ${assetId}`);
}

/** Public verdicts as a page of `origin` gets them (publishable key). */
export async function publicVerdicts(
  registry: Pick<TestRegistry, 'url' | 'demo'>,
  assetIds: readonly string[],
  origin: string,
  channel = 'web',
): Promise<Record<string, PublicVerdict>> {
  const verdicts: Record<string, PublicVerdict> = {};
  for (let i = 0; i < assetIds.length; i += 100) {
    const query = new URLSearchParams({
      ids: assetIds.slice(i, i + 100).join(','),
      channel,
      key: registry.demo.publishableKey,
    });
    const response = await fetch(`${registry.url}/v1/public/verdicts?${query}`, {
      headers: { origin },
    });
    const body = await json<{ verdicts: Record<string, PublicVerdict> }>(response, 'verdicts');
    Object.assign(verdicts, body.verdicts);
  }
  return verdicts;
}

/** Every demo asset id, approved first. */
export function demoAssetIds(demo: DemoFile): string[] {
  return [...demo.assets.approved, ...demo.assets.expiring, ...demo.assets.blocked];
}
