// The README followed in code, as far as a machine without Office can: the demo registry started
// as `pnpm start` in registry/ starts it (an empty DATA_DIR seeds the demo and writes demo.json),
// the pane served by startOfficeAddin() as `pnpm start` serves it, every URL the manifests and the
// README name fetched from it, and the demo's editor key used in PowerPoint (OfficeDouble).

import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:https';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../scripts/png.js';
import {
  ADDIN_DIR,
  MANIFEST_PORT,
  startOfficeAddin,
  type RunningOfficeAddin,
} from '../server/start.js';
import {
  documentState,
  signInWithKey,
  startPaneHarness,
  type PaneHarness,
} from './pane-fixture.js';

const registryDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'registry');
const MANIFEST_ORIGIN = `https://localhost:${MANIFEST_PORT}`;

interface DemoFile {
  adminEmail: string;
  adminPassword: string;
  editorKey: string;
}

let dataDir: string;
let certDir: string;
let registryProcess: ChildProcess | undefined;
let registryUrl: string;
let demo: DemoFile;
let addin: RunningOfficeAddin;
let harness: PaneHarness;

/** `pnpm start` in registry/, on a free port and an empty data folder. */
async function startDemoRegistry(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: registryDir,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, INIT_CWD: registryDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  registryProcess = child;
  let output = '';
  return new Promise((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Clearframe registry on (http:\/\/\S+)\/v1/.exec(output)?.[1];
      if (url) resolve(url);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.once('exit', (code) => reject(new Error(`the registry exited (${code}):\n${output}`)));
  });
}

/** GET over HTTPS, trusting the pane's own certificate. */
function fetchPane(path: string): Promise<{ status: number; type: string; body: Buffer }> {
  const ca = readFileSync(addin.certificate.path);
  return new Promise((resolve, reject) => {
    get({ host: 'localhost', port: addin.port, path, ca }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: response.headers['content-type'] ?? '',
          body: Buffer.concat(chunks),
        }),
      );
    }).on('error', reject);
  });
}

/** Every https://localhost:…/… a file names, without its fragment or a sentence's punctuation. */
function urlsIn(file: string): string[] {
  const text = readFileSync(join(ADDIN_DIR, file), 'utf8');
  const found = text.match(/https:\/\/localhost:\d+[^\s"'`<>)]*/g) ?? [];
  return [...new Set(found.map((url) => url.replace(/[.,;:]+$/, '').replace(/#.*$/, '')))];
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clearframe-office-demo-'));
  certDir = mkdtempSync(join(tmpdir(), 'clearframe-office-certs-'));
  registryUrl = await startDemoRegistry();
  demo = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as DemoFile;
  // `pnpm start` with CLEARFRAME_REGISTRY naming the demo registry; a free port instead of 3000,
  // which another checkout's pane may hold.
  addin = await startOfficeAddin({ port: 0, build: 'never', certDir, registries: [registryUrl] });
  harness = await startPaneHarness(registryUrl, { server: addin });
}, 180_000);

afterAll(async () => {
  await harness?.close();
  await addin?.close();
  if (registryProcess && registryProcess.exitCode === null) {
    const exited = new Promise((resolve) => registryProcess?.once('exit', resolve));
    registryProcess.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(certDir, { recursive: true, force: true });
});

describe('the README, followed', () => {
  it('names in both manifests and in the README only https://localhost:3000, which pnpm start serves', () => {
    const urls = [...urlsIn('manifest.json'), ...urlsIn('manifest.xml'), ...urlsIn('README.md')];

    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url === MANIFEST_ORIGIN || url.startsWith(`${MANIFEST_ORIGIN}/`), url).toBe(true);
    }
    expect(addin.taskpaneUrl).toBe(`${addin.url}/taskpane.html`);
    expect(addin.manifests).toEqual({
      xml: join(ADDIN_DIR, 'manifest.xml'),
      unified: join(ADDIN_DIR, 'manifest.json'),
    });
  });

  it('serves every page and icon the manifests and the README name, from the build', async () => {
    const urls = new Set([
      ...urlsIn('manifest.json'),
      ...urlsIn('manifest.xml'),
      ...urlsIn('README.md'),
    ]);
    for (const url of urls) {
      const path = url.slice(MANIFEST_ORIGIN.length) || '/';
      const response = await fetchPane(path);

      expect(response.status, path).toBe(200);
      if (extname(path) === '.png') {
        expect(response.type, path).toBe('image/png');
        // The very file the manifest tests measured (scripts/manifests.test.ts).
        expect(response.body.equals(readFileSync(join(ADDIN_DIR, path))), path).toBe(true);
        expect(pngSize(response.body).width, path).toBeGreaterThan(0);
      } else {
        expect(response.type, path).toBe('text/html; charset=utf-8');
      }
    }
  });

  it('says where to open the pane when the README’s check opens it in a plain browser', async () => {
    const { page } = await harness.open(null);

    await expect(page.textContent('#cf-status')).resolves.toBe(
      'Open Clearframe from the Home tab in Word or PowerPoint.',
    );
  });

  it('signs in to the demo registry with demo.json’s editor key and inserts a picture approved for presentations', async () => {
    const { page } = await harness.open({ host: 'PowerPoint', slides: [{ id: 's1' }] });
    // The registry the pane server proxies is already filled in.
    await expect(page.inputValue('#cf-sign-in-form input[name="registryUrl"]')).resolves.toBe(
      registryUrl,
    );

    await signInWithKey(page, registryUrl, demo.editorKey);

    await expect(page.getAttribute('body', 'data-connection')).resolves.toBe('online');
    await expect(page.locator('cf-picker').getAttribute('channel')).resolves.toBe('presentation');
    const approved = page
      .locator('cf-picker .tile')
      .filter({ has: page.locator('.badge.approved') })
      .first();
    await approved.waitFor();
    const assetId = await approved.getAttribute('data-asset-id');
    await approved.click();
    await page.waitForSelector('#cf-picker-message:has-text("Inserted")');
    const [shape] = (await documentState(page)).slides[0]?.shapes ?? [];
    expect(shape?.tags['CLEARFRAME_ASSET']).toBe(assetId);
    expect(shape?.altTextDescription).not.toBe('');
  });
});
