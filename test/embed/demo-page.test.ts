// The demo page (test/demo: embed.html and demo.js) in Chromium: approved, expiring and blocked
// pictures side by side, and the button that withdraws a consent while the page stays open.
// The registry does not serve /demo yet, so this server stands in for the lines it needs (see
// test/demo/README.md): /demo/* static, /demo/cf-embed.js, /demo/config.json and the demo-only
// POST /v1/demo/revoke/{assetId}, which here revokes through the registry's API.
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import {
  RegistrySession,
  editorVerdict,
  startTestRegistry,
  type TestRegistry,
} from '../support/registry-server.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { EMBED_BUNDLE } from './pages/embed-page.ts';

const DEMO = (name: string) => fileURLToPath(new URL(`../demo/${name}`, import.meta.url));

let registry: TestRegistry;
let site: StaticServer;
let browser: Browser;
const revoked: string[] = [];

beforeAll(async () => {
  [registry, site, browser] = await Promise.all([
    startTestRegistry(inject('demoDataDir')),
    startStaticServer(),
    launchChromium(),
  ]);
  const session = await RegistrySession.login(registry);
  site.file('/demo/embed.html', DEMO('embed.html'));
  site.file('/demo/demo.js', DEMO('demo.js'));
  site.file('/demo/cf-embed.js', EMBED_BUNDLE);
  const { publishableKey, assets } = registry.demo;
  site.page(
    '/demo/config.json',
    JSON.stringify({ registry: `${registry.url}/`, publishableKey, assets }),
  );
  site.route('/v1/demo/revoke/', async (request, response, url) => {
    const assetId = decodeURIComponent(url.pathname.slice('/v1/demo/revoke/'.length));
    if (request.method !== 'POST' || !registry.demo.assets.approved.includes(assetId)) {
      response.writeHead(404).end();
      return;
    }
    revoked.push(...(await session.revokeUntilBlocked(registry, assetId)));
    response.writeHead(204).end();
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await registry?.dispose();
});

describe('the demo page', () => {
  it('shows approved and expiring pictures beside a blocked one, and drops the approved one when its consent is withdrawn', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${site.url}/demo/embed.html`);
    const state = (kind: string) => page.locator(`figure[data-kind=${kind}] .state`);
    const picture = (kind: string) => page.locator(`figure[data-kind=${kind}] cf-image img`);
    await expect.poll(() => state('approved').textContent()).toBe('shown (approved)');
    await expect.poll(() => state('expiring').textContent()).toBe('shown (expiring)');
    await expect.poll(() => state('blocked').textContent()).toBe('hidden (blocked)');
    expect(await picture('approved').count()).toBe(1);
    expect(await picture('blocked').count()).toBe(0);

    await page.getByRole('button', { name: /withdraw the consent/i }).click();
    await expect.poll(() => page.locator('#log').textContent()).toMatch(/consent withdrawn/i);
    const approved = registry.demo.assets.approved[0] as string;
    expect(revoked.length).toBeGreaterThan(0);
    expect((await editorVerdict(registry, approved)).verdict.status).toBe('blocked');

    // Chromium's HTTP cache keeps the verdict for its max-age (60 s), which the page's clock
    // skips here; see image.test.ts for the refresh that it answers today.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.clearBrowserCache');
    await page.clock.runFor(60_000);
    await expect.poll(() => state('approved').textContent()).toBe('hidden (blocked)');
    expect(await picture('approved').count()).toBe(0);
    expect(await page.locator('figure[data-kind=approved] .placeholder').isVisible()).toBe(true);
    expect(await picture('expiring').count()).toBe(1);
    await context.close();
  });
});
