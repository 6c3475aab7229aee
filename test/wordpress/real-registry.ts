// A real Clearframe registry for the WordPress suites: in-process on a free loopback port with its
// webhook dispatcher, a fresh DATA_DIR, the first admin made by the registry's own CLI (the way an
// operator starts), and everything else through its HTTP API as that admin.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import { startServer, type RunningServer } from '@clearframe/registry';

const run = promisify(execFile);
const registryDir = join(import.meta.dirname, '../../registry');
export const REGISTRY_ADMIN = {
  email: 'admin@e2e.clearframe.example',
  password: 'e2e-admin-pass-91c4',
};

export interface RealRegistry {
  url: string;
  dataDir: string;
  /** Stops the server (the data stays): "the registry is down". */
  stop(): Promise<void>;
  dispose(): Promise<void>;
  request(path: string, init?: RequestInit): Promise<Response>;
  json<T>(path: string, init?: RequestInit): Promise<T>;
}

/** Starts the registry and logs in as its first admin. */
export async function startRealRegistry(): Promise<RealRegistry> {
  const dataDir = await mkdtemp(join(tmpdir(), 'clearframe-e2e-wp-registry-'));
  await run(
    'pnpm',
    [
      '--silent',
      'registry',
      'create-user',
      '--email',
      REGISTRY_ADMIN.email,
      '--role',
      'admin',
      '--org',
      'Clearframe e2e (WordPress)',
      '--password',
      REGISTRY_ADMIN.password,
    ],
    { cwd: registryDir, env: { ...process.env, DATA_DIR: dataDir } },
  );
  let server: RunningServer | undefined = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    dataDir,
    // Quick retries: a test waits for a delivery, not for the production backoff.
    webhooks: {
      pollMs: 200,
      timeoutMs: 5_000,
      backoffMs: [500, 1_000, 2_000],
      log: () => undefined,
    },
  });
  const url = `http://127.0.0.1:${server.port}`;
  const login = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(REGISTRY_ADMIN),
  });
  if (!login.ok) throw new Error(`registry login: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .join('; ');

  const request = (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    headers.set('cookie', cookie);
    if (typeof init.body === 'string' && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    return fetch(url + path, { ...init, headers });
  };
  const registry: RealRegistry = {
    url,
    dataDir,
    async stop() {
      const running = server;
      server = undefined;
      await running?.close();
    },
    async dispose() {
      await registry.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    request,
    async json<T>(path: string, init: RequestInit = {}) {
      const response = await request(path, init);
      if (!response.ok) {
        throw new Error(
          `${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`,
        );
      }
      return (await response.json()) as T;
    },
  };
  return registry;
}

/** A calendar date `days` from today (UTC). */
export function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/** A small solid-colour PNG, enough for the registry's image intake. */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(width).fill(rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array<Buffer>(height).fill(row)));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export interface Picture {
  assetId: string;
  title: string;
  consentId: string | null;
}

/**
 * A picture of one person: uploaded, tagged, and with a consent for `web` until `until` (none
 * when null, so the registry blocks it).
 */
export async function picture(
  registry: RealRegistry,
  options: {
    title: string;
    alt: string;
    person: string;
    until: string | null;
    colour: [number, number, number];
  },
): Promise<Picture> {
  const query = new URLSearchParams({ title: options.title, legalBasis: 'consent' });
  const asset = await registry.json<{ id: string; version: number }>(`/v1/assets?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: new Uint8Array(png(640, 427, options.colour)),
  });
  const withAlt = await registry.request(`/v1/assets/${asset.id}`, {
    method: 'PATCH',
    headers: { 'if-match': `"${asset.version}"` },
    body: JSON.stringify({ alt: { en: options.alt, sv: options.alt } }),
  });
  if (!withAlt.ok) throw new Error(`alt of ${asset.id}: ${withAlt.status} ${await withAlt.text()}`);
  const person = await registry.json<{ id: string }>('/v1/persons', {
    method: 'POST',
    body: JSON.stringify({ name: options.person }),
  });
  const tagged = await registry.request(`/v1/assets/${asset.id}/persons`, {
    method: 'PUT',
    headers: { 'if-match': withAlt.headers.get('etag') ?? '' },
    body: JSON.stringify({ persons: [{ personId: person.id, relevant: true }] }),
  });
  if (!tagged.ok) throw new Error(`tags of ${asset.id}: ${tagged.status} ${await tagged.text()}`);
  let consentId: string | null = null;
  if (options.until !== null) {
    const consent = await registry.json<{ id: string }>('/v1/consents', {
      method: 'POST',
      body: JSON.stringify({
        personId: person.id,
        channels: ['web'],
        validFrom: day(-30),
        validUntil: options.until,
        signedBy: { subject: true, guardians: 0 },
      }),
    });
    consentId = consent.id;
  }
  return { assetId: asset.id, title: options.title, consentId };
}
