// The demo page (registry/demo: embed.html and demo.js) in Chromium, served by a real registry
// in demo mode, as `pnpm start` runs it: /demo/embed.html, /demo/cf-embed.js (widget-picker's
// build), /demo/config.json and the demo-only POST /v1/demo/revoke/{assetId}. Approved, expiring
// and blocked pictures side by side, and the button that withdraws a consent while the page
// stays open.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import {
  RegistrySession,
  editorVerdict,
  startTestRegistry,
  type TestRegistry,
} from '../support/registry-server.ts';

let registry: TestRegistry;
let browser: Browser;

beforeAll(async () => {
  [registry, browser] = await Promise.all([
    startTestRegistry(inject('demoDataDir'), { demo: true }),
    launchChromium(),
  ]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await registry?.dispose();
});

describe('the demo page', () => {
  it('shows approved and expiring pictures beside a blocked one, and drops the approved one when its consent is withdrawn', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(`${registry.url}/demo/embed.html`);
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
    expect((await editorVerdict(registry, approved)).verdict.status).toBe('blocked');
    // Recorded as the demo page, through the registry's write path (audited).
    const session = await RegistrySession.login(registry);
    const audit = await session.request('/v1/audit?actor=system:demo-page&action=consent.revoke');
    const { entries } = (await audit.json()) as { entries: unknown[] };
    expect(entries.length).toBeGreaterThan(0);

    // The page asked at once (visibilitychange); at the latest the next refresh, one interval
    // (60 s) on, revalidates with the registry: refreshes are never answered from the HTTP cache.
    await page.clock.runFor(60_000);
    await expect.poll(() => state('approved').textContent()).toBe('hidden (blocked)');
    expect(await picture('approved').count()).toBe(0);
    expect(await page.locator('figure[data-kind=approved] .placeholder').isVisible()).toBe(true);
    expect(await picture('expiring').count()).toBe(1);
    await context.close();
  });
});
