// The built task pane in Debian's Chromium: served over HTTPS by the pane server (with its proxy
// to the test's registry), OfficeDouble installed before office.js and the pane's code run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ensureCertificate } from '../server/certificate.js';
import { startPaneServer, type RunningPaneServer } from '../server/pane-server.js';
import {
  installOfficeDouble,
  type OfficeDoubleConfig,
  type OfficeDoubleState,
} from './office-double.js';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');

export const LAUNCH_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface PaneHarness {
  server: RunningPaneServer;
  browser: Browser;
  open(config: OfficeDoubleConfig | null): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

export async function startPaneHarness(registryUrl: string): Promise<PaneHarness> {
  const certs = mkdtempSync(join(tmpdir(), 'clearframe-office-certs-'));
  const tls = await ensureCertificate(certs);
  const server = await startPaneServer({ root: dist, port: 0, tls, registries: [registryUrl] });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    async open(config) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      contexts.push(context);
      if (config !== null) {
        // Serialised into the page: the double runs before office.js and the pane's code. The
        // TypeScript loaders (esbuild's keepNames) may wrap functions in __name(): give it one.
        await context.addInitScript({
          content:
            'var __name = (target) => target;\n' +
            `(${installOfficeDouble.toString()})(${JSON.stringify(config)});`,
        });
        // office.js would replace the double's Office namespace with its own (host null here).
        await context.route('**/office-js/office.js', (route) =>
          route.fulfill({ contentType: 'text/javascript', body: '/* OfficeDouble is Office */' }),
        );
      }
      const page = await context.newPage();
      if (process.env['DEBUG_E2E']) {
        page.on('console', (message) => console.log(`[pane ${message.type()}] ${message.text()}`));
        page.on('pageerror', (error) => console.log(`[pane error] ${error.message}`));
      }
      await page.goto(`${server.url}/taskpane.html`);
      await page.waitForSelector('body[data-ready="true"]');
      return { page, context };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.close();
      rmSync(certs, { recursive: true, force: true });
    },
  };
}

export function documentState(page: Page): Promise<OfficeDoubleState> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { OfficeDouble: { state: OfficeDoubleState } }).OfficeDouble.state,
  );
}

/** Signs in through the settings form with an editor key. */
export async function signInWithKey(page: Page, registryUrl: string, key: string): Promise<void> {
  await page.fill('#cf-sign-in-form input[name="registryUrl"]', registryUrl);
  await page.check('#cf-sign-in-form input[value="key"]');
  await page.fill('#cf-sign-in-form input[name="key"]', key);
  await page.click('#cf-sign-in');
  await page.waitForSelector('body[data-connection]');
}

export function tile(page: Page, assetId: string) {
  return page.locator(`cf-picker [data-asset-id="${assetId}"]`);
}
