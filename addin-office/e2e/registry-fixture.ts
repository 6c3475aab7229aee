// A real registry for the end-to-end tests: in-process startServer on a free loopback port, an
// organisation and admin made by the registry's CLI, everything else created through the API.

import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startServer, type RunningServer } from '@clearframe/registry';
import { encodePng } from '../scripts/png.js';

const registryDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'registry');
const ADMIN = { email: 'admin@office-e2e.example', password: 'office-e2e-password-1' };

export interface SeededAsset {
  id: string;
  title: string;
  alt: string;
  credit: string;
  /** The uploaded bytes, base64: what the pane must insert. */
  base64: string;
}

export interface SeededRegistry {
  url: string;
  editorKey: string;
  admin: typeof ADMIN;
  assets: { approved: SeededAsset; expiring: SeededAsset; revoked: SeededAsset };
  /** The last valid day of the expiring picture's consent. */
  expiringUntil: string;
  setOfficeSurface(surface: 'hide' | 'warn' | 'block'): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server if running and removes its data. */
  dispose(): Promise<void>;
}

function day(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function picture(seed: number): Uint8Array {
  const width = 48;
  const height = 32;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    rgba.set([(seed * 70 + i) % 256, (seed * 40) % 256, (i * 3) % 256, 255], i * 4);
  }
  return encodePng(width, height, rgba);
}

export async function startSeededRegistry(): Promise<SeededRegistry> {
  const dataDir = mkdtempSync(join(tmpdir(), 'clearframe-office-e2e-'));
  await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli.ts',
      'create-user',
      '--email',
      ADMIN.email,
      '--role',
      'admin',
      '--org',
      'Office e2e',
      '--password',
      ADMIN.password,
    ],
    { cwd: registryDir, env: { ...process.env, DATA_DIR: dataDir } },
  );
  let server: RunningServer | undefined = await startServer({
    port: 0,
    hostname: '127.0.0.1',
    dataDir,
    webhooks: false,
  });
  const url = server.url;

  const login = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`admin login: ${login.status}`);
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response> => {
    const isForm = body instanceof FormData;
    const response = await fetch(`${url}/v1${path}`, {
      method,
      headers: {
        cookie,
        ...(body === undefined || isForm ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: isForm ? body : JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response;
  };
  const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T;

  const setOfficeSurface = async (surface: 'hide' | 'warn' | 'block') => {
    const current = await api('GET', '/policy');
    const etag = current.headers.get('etag') ?? '*';
    await api(
      'PUT',
      '/policy',
      {
        preset: 'SE',
        timeZone: 'Europe/Stockholm',
        surfaces: { office: surface },
      },
      { 'if-match': etag },
    );
  };
  await setOfficeSurface('warn');
  const { secret: editorKey } = await json<{ secret: string }>(
    api('POST', '/keys', { kind: 'editor', name: 'Office e2e' }),
  );

  const asset = async (seed: number, title: string, validUntil: string | null) => {
    const bytes = picture(seed);
    const alt = `${title}, described`;
    const credit = `Photo: Studio ${seed}`;
    const form = new FormData();
    form.set('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'p.png');
    form.set(
      'metadata',
      JSON.stringify({ title, alt: { en: alt, sv: `${alt} (sv)` }, credit, legalBasis: 'consent' }),
    );
    const created = await api('POST', '/assets', form);
    const etag = created.headers.get('etag') ?? '*';
    const { id } = (await created.json()) as { id: string };
    const { id: personId } = await json<{ id: string }>(
      api('POST', '/persons', { name: `Person ${seed}`, birthDate: '1980-05-0' + seed }),
    );
    await api('PUT', `/assets/${id}/persons`, { persons: [{ personId }] }, { 'if-match': etag });
    const consent = await json<{ id: string }>(
      api('POST', '/consents', {
        personId,
        channels: ['presentation', 'print'],
        validFrom: day(-30),
        validUntil,
        assetIds: [id],
      }),
    );
    const seeded: SeededAsset = {
      id,
      title,
      alt,
      credit,
      base64: Buffer.from(bytes).toString('base64'),
    };
    return { seeded, consentId: consent.id };
  };

  const expiringUntil = day(10);
  const approved = await asset(1, 'Harbour at dawn', null);
  const expiring = await asset(2, 'School choir', expiringUntil);
  const revoked = await asset(3, 'Football team', null);
  await api('POST', `/consents/${revoked.consentId}/revocations`, {});

  const stop = async () => {
    const running = server;
    server = undefined;
    await running?.close();
  };
  return {
    url,
    editorKey,
    admin: ADMIN,
    assets: { approved: approved.seeded, expiring: expiring.seeded, revoked: revoked.seeded },
    expiringUntil,
    setOfficeSurface,
    stop,
    async dispose() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
