// The built task pane in Debian's Chromium: served over HTTPS by the pane server (with its proxy
// to the test's registry), OfficeDouble installed before office.js and the pane's code run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Frame,
  type Page,
} from 'playwright-core';
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

/** The pane's document: the page itself, or the iframe it runs in. */
export type PaneFrame = Page | Frame;

/** A site other than the pane's, standing in for office.com around the pane's iframe. */
export const OFFICE_ON_THE_WEB = 'https://office-on-the-web.example';

export interface PaneHarness {
  server: RunningPaneServer;
  browser: Browser;
  /** The pane as the top-level page of its web view (Office on Windows and Mac). */
  open(config: OfficeDoubleConfig | null): Promise<{ page: Page; context: BrowserContext }>;
  /**
   * The pane in an iframe of a page on another site (OFFICE_ON_THE_WEB), as Office on the web
   * shows it: the browser treats the pane's cookies there as third-party. Like Office's, the
   * iframe delegates `local-network-access`, and the context has it granted, as a user does by
   * answering Allow to Chrome's prompt (since Chrome 142 a public site may not otherwise frame a
   * page on localhost).
   */
  openFramed(
    config: OfficeDoubleConfig,
  ): Promise<{ page: Page; frame: Frame; context: BrowserContext }>;
  close(): Promise<void>;
}

/**
 * Chromium driving the pane served by `server`, or by a pane server of its own (HTTPS, a fresh
 * certificate, the proxy to `registryUrl`) when none is given; it closes only what it started.
 */
export async function startPaneHarness(
  registryUrl: string,
  options: { server?: RunningPaneServer } = {},
): Promise<PaneHarness> {
  const certs = mkdtempSync(join(tmpdir(), 'clearframe-office-certs-'));
  const server =
    options.server ??
    (await startPaneServer({
      root: dist,
      port: 0,
      tls: await ensureCertificate(certs),
      registries: [registryUrl],
    }));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
  const contexts: BrowserContext[] = [];
  const newContext = async (config: OfficeDoubleConfig | null): Promise<BrowserContext> => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    contexts.push(context);
    if (config !== null) {
      // Serialised into every frame: the double runs before office.js and the pane's code. The
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
    return context;
  };
  const debug = (page: Page) => {
    if (process.env['DEBUG_E2E']) {
      page.on('console', (message) => console.log(`[pane ${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => console.log(`[pane error] ${error.message}`));
    }
  };
  return {
    server,
    browser,
    async open(config) {
      const context = await newContext(config);
      const page = await context.newPage();
      debug(page);
      await page.goto(`${server.url}/taskpane.html`);
      await page.waitForSelector('body[data-ready="true"]');
      return { page, context };
    },
    async openFramed(config) {
      const context = await newContext(config);
      await context.grantPermissions(['local-network-access'], { origin: OFFICE_ON_THE_WEB });
      await context.route(`${OFFICE_ON_THE_WEB}/**`, (route) =>
        route.fulfill({
          contentType: 'text/html; charset=utf-8',
          body:
            '<!doctype html><title>Office on the web (stand-in)</title>' +
            `<iframe id="pane" allow="local-network-access" src="${server.url}/taskpane.html"` +
            ' style="width:420px;height:2000px"></iframe>',
        }),
      );
      const page = await context.newPage();
      debug(page);
      await page.goto(`${OFFICE_ON_THE_WEB}/presentation`);
      const frame = await (await page.waitForSelector('#pane')).contentFrame();
      if (frame === null) throw new Error('the pane’s iframe has no document');
      await frame.waitForSelector('body[data-ready="true"]');
      return { page, frame, context };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      if (options.server === undefined) await server.close();
      rmSync(certs, { recursive: true, force: true });
    },
  };
}

export function documentState(page: PaneFrame): Promise<OfficeDoubleState> {
  return page.evaluate(
    () =>
      (globalThis as unknown as { OfficeDouble: { state: OfficeDoubleState } }).OfficeDouble.state,
  );
}

/** Signs in through the settings form with an editor key. */
export async function signInWithKey(
  page: PaneFrame,
  registryUrl: string,
  key: string,
): Promise<void> {
  await page.fill('#cf-sign-in-form input[name="registryUrl"]', registryUrl);
  await page.check('#cf-sign-in-form input[value="key"]');
  await page.fill('#cf-sign-in-form input[name="key"]', key);
  await page.click('#cf-sign-in');
  await page.waitForSelector('body[data-connection]');
}

/** Signs in through the settings form with a registry account (a session cookie). */
export async function signInWithAccount(
  page: PaneFrame,
  registryUrl: string,
  account: { email: string; password: string },
): Promise<void> {
  await page.fill('#cf-sign-in-form input[name="registryUrl"]', registryUrl);
  await page.check('#cf-sign-in-form input[value="session"]');
  await page.fill('#cf-sign-in-form input[name="email"]', account.email);
  await page.fill('#cf-sign-in-form input[name="password"]', account.password);
  await page.click('#cf-sign-in');
  await page.waitForSelector(
    'body[data-connection], #cf-sign-in-message[role="alert"]:not(:empty)',
  );
}

/** Unfolds "Registry and sign-in" (folded away once signed in), as a user clicks it open. */
export async function openSettings(page: PaneFrame): Promise<void> {
  if ((await page.getAttribute('#cf-settings', 'open')) === null) {
    await page.click('#cf-settings > summary');
  }
}

/** Signs out through the settings. */
export async function signOut(page: PaneFrame): Promise<void> {
  await openSettings(page);
  await page.click('#cf-sign-out');
  await page.waitForSelector('#cf-sign-in-form:not([hidden])');
}

/** Opens the settings, changes the preferences and saves them. */
export async function savePreferences(
  page: PaneFrame,
  preferences: { channel?: string; checkOnOpen?: boolean },
): Promise<void> {
  await openSettings(page);
  if (preferences.channel !== undefined) {
    await page.fill('#cf-preferences input[name="channel"]', preferences.channel);
  }
  if (preferences.checkOnOpen !== undefined) {
    await page.setChecked('#cf-preferences input[name="checkOnOpen"]', preferences.checkOnOpen);
  }
  await page.click('#cf-preferences button[type="submit"]');
  await page.waitForSelector('#cf-sign-in-message:has-text("Saved")');
}

export function tile(page: PaneFrame, assetId: string) {
  return page.locator(`cf-picker [data-asset-id="${assetId}"]`);
}
