// <cf-image> and the upgrade script from the embed bundle, on a plain page in Debian's Chromium,
// against a real registry: shown while approved, gone after a revocation without a reload, gone
// at the instant the approval ends, never painted after it, and fail-closed offline.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import {
  RegistrySession,
  publicVerdicts,
  startTestRegistry,
  type PublicVerdict,
  type TestRegistry,
} from '../support/registry-server.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { EMBED_BUNDLE, embedPage } from './pages/embed-page.ts';
import { watchPaints } from './pages/paint-watch.ts';

const MINUTE = 60_000;
/** core's defaults for public embeds; <cf-image> offers no attribute to change them. */
const REFRESH_INTERVAL_MS = MINUTE;
const MAX_STALENESS_MS = 15 * MINUTE;

let registry: TestRegistry;
let site: StaticServer;
let browser: Browser;
let session: RegistrySession;
let verdicts: Record<string, PublicVerdict>;
/** Approved now, approval ending at a known instant (approvedUntil), never revoked here. */
let timed: { id: string; until: number };
let approvedToRevoke: string;
let approvedForUpgrade: string;
let blocked: string;

beforeAll(async () => {
  [registry, site, browser] = await Promise.all([
    startTestRegistry(inject('demoDataDir')),
    startStaticServer(),
    launchChromium(),
  ]);
  site.file('/cf-embed.js', EMBED_BUNDLE);
  session = await RegistrySession.login(registry);
  const { approved, expiring } = registry.demo.assets;
  verdicts = await publicVerdicts(
    registry,
    [...approved, ...expiring, ...registry.demo.assets.blocked],
    site.url,
  );
  const statusOf = (id: string) => verdicts[id]?.status;
  const approvedNow = approved.filter((id) => statusOf(id) === 'approved');
  const withEnd = [...approvedNow, ...expiring].find(
    (id) => statusOf(id) !== 'blocked' && verdicts[id]?.approvedUntil != null,
  );
  if (withEnd === undefined) throw new Error('the demo has no approval that ends');
  timed = { id: withEnd, until: Date.parse(verdicts[withEnd]?.approvedUntil as string) };
  const others = approvedNow.filter((id) => id !== withEnd);
  // A picture whose approval rests on consents (not, say, a legitimate interest).
  const consented = [];
  for (const id of others) {
    if ((await session.consentsBehind(id)).length > 0) consented.push(id);
    if (consented.length === 1) break;
  }
  [approvedToRevoke] = consented as [string];
  approvedForUpgrade = others.find((id) => id !== approvedToRevoke) as string;
  blocked = registry.demo.assets.blocked.find((id) => statusOf(id) === 'blocked') as string;
  expect([approvedToRevoke, approvedForUpgrade, blocked].every(Boolean)).toBe(true);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await registry?.dispose();
});

// ---- helpers

interface ImageState {
  /** The src of the <img> in the element's shadow root; null when there is none. */
  src: string | null;
  /** Whether that <img> has loaded its bytes. */
  loaded: boolean;
  /** The element's latest view (undefined before the first verdict). */
  status: string | null;
  stale: boolean | null;
}

function imageState(page: Page, assetId: string): Promise<ImageState> {
  return page.evaluate((id) => {
    const element = document.querySelector<
      HTMLElement & { view?: { status: string; stale: boolean } }
    >(`cf-image[asset-id="${id}"]`);
    const img = element?.shadowRoot?.querySelector('img');
    return {
      src: img?.getAttribute('src') ?? null,
      loaded: img !== null && img !== undefined && img.complete && img.naturalWidth > 0,
      status: element?.view?.status ?? null,
      stale: element?.view?.stale ?? null,
    };
  }, assetId);
}

async function expectShown(page: Page, assetId: string, timeout = 10_000) {
  await expect.poll(() => imageState(page, assetId), { timeout }).toMatchObject({ loaded: true });
  const { src } = await imageState(page, assetId);
  expect(src?.startsWith(`${registry.url}/v1/media/${assetId}/`)).toBe(true);
}

/** Waits for the first verdict, then says that no picture is there. */
async function expectHidden(page: Page, assetId: string, timeout = 10_000) {
  await expect
    .poll(() => imageState(page, assetId), { timeout })
    .toMatchObject({ src: null, status: 'blocked' });
}

async function openPage(
  context: BrowserContext,
  images: string[],
  options: { at?: number; upgrade?: string } = {},
): Promise<Page> {
  const page = await context.newPage();
  const requests: string[] = [];
  requestsOf.set(page, requests);
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(watchPaints);
  // Fake timers and Date from the first script on; the clock still flows unless paused.
  await page.clock.install(options.at === undefined ? {} : { time: options.at });
  const path = `/embed-${Math.random().toString(36).slice(2)}.html`;
  site.page(
    path,
    embedPage({
      registry: registry.url,
      publishableKey: registry.demo.publishableKey,
      images,
      ...(options.upgrade === undefined ? {} : { upgrade: options.upgrade }),
    }),
  );
  await page.goto(site.url + path);
  return page;
}

const requestsOf = new WeakMap<Page, string[]>();

/** Media requests the page made for an asset, in order. */
function mediaRequests(page: Page, assetId: string): string[] {
  return (requestsOf.get(page) ?? []).filter((url) => url.includes(`/v1/media/${assetId}/`));
}

async function paintsOf(page: Page, assetId: string) {
  const paints = await page.evaluate(() => window.cfPaints);
  return paints.filter((paint) => paint.src.includes(`/v1/media/${assetId}/`));
}

/**
 * Minutes of the page's clock pass in milliseconds of the browser's: Chromium's HTTP cache,
 * which keeps a public verdict for its max-age (≤ 60 s), would still answer from before. After
 * the minutes simulated here it would have expired; so it goes.
 */
async function forgetHttpCache(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
}

// ---- the tests

describe('<cf-image> from the embed bundle on a plain page', () => {
  it('shows an approved picture from the registry, not a blocked one, and upgrades plain markup', async () => {
    const context = await browser.newContext();
    const page = await openPage(context, [approvedToRevoke, blocked], {
      upgrade: approvedForUpgrade,
    });
    await expectShown(page, approvedToRevoke);
    await expectHidden(page, blocked);
    expect(
      await page.locator(`cf-image[asset-id="${blocked}"] [slot=placeholder]`).isVisible(),
    ).toBe(true);
    await expect
      .poll(() =>
        page.evaluate((id) => {
          const img = document.querySelector<HTMLImageElement>(`img[data-cf-asset="${id}"]`);
          return img !== null && !img.hidden && img.complete && img.naturalWidth > 0;
        }, approvedForUpgrade),
      )
      .toBe(true);
    expect(await paintsOf(page, blocked)).toEqual([]);
    await context.close();
  });

  // Fails today: the refresh after one interval is answered by Chromium's HTTP cache (the public
  // verdicts carry `Cache-Control: public, max-age=60`, the refresh interval is 60 s), so the
  // revocation shows only one interval later. Remove `.fails` once core's client asks with
  // `cache: 'no-cache'` (or the registry sends max-age below the interval).
  it.fails(
    'hides a picture within one refresh interval after its consent is revoked, without a reload',
    async () => {
      const context = await browser.newContext();
      const page = await openPage(context, [approvedToRevoke]);
      await expectShown(page, approvedToRevoke);
      await session.revokeUntilBlocked(registry, approvedToRevoke);
      const navigations: string[] = [];
      page.on('framenavigated', (frame) => navigations.push(frame.url()));
      await page.clock.runFor(REFRESH_INTERVAL_MS);
      try {
        await expectHidden(page, approvedToRevoke, 5_000);
        expect(navigations).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

  it('hides a revoked picture without a reload once the cached verdict has expired as well', async () => {
    // The bound that holds today: one refresh interval plus the verdict's HTTP max-age (60 s).
    const context = await browser.newContext();
    const id = approvedForUpgrade;
    const page = await openPage(context, [id]);
    await expectShown(page, id);
    await session.revokeUntilBlocked(registry, id);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await forgetHttpCache(context, page);
    await page.clock.runFor(REFRESH_INTERVAL_MS);
    await expectHidden(page, id, 5_000);
    expect(navigations).toEqual([]);
    expect(await page.locator(`cf-image[asset-id="${id}"] [slot=placeholder]`).isVisible()).toBe(
      true,
    );
    await context.close();
  });

  it('removes the picture at the instant its approval ends', async () => {
    const context = await browser.newContext();
    const page = await openPage(context, [timed.id], { at: timed.until - 10_000 });
    await expectShown(page, timed.id);
    await page.clock.pauseAt(timed.until - 1_000);
    await page.clock.runFor(999);
    expect(await imageState(page, timed.id)).toMatchObject({ loaded: true });
    await page.clock.runFor(1);
    // Read straight after the clock reached approvedUntil: no refresh, no network, no frame.
    expect(await imageState(page, timed.id)).toMatchObject({ src: null, status: 'blocked' });
    await context.close();
  });

  it('never paints a picture when the page loads after its approval ended', async () => {
    const context = await browser.newContext();
    // First a visit while approved, so the verdict is in the page's cache (IndexedDB)…
    const before = await openPage(context, [timed.id], { at: timed.until - MINUTE });
    await expectShown(before, timed.id);
    await before.close();
    // …then the same page one second after approvedUntil, and a fresh visitor at that time.
    for (const visitor of [context, await browser.newContext()]) {
      const after = await openPage(visitor, [timed.id], {
        at: timed.until + 1_000,
        upgrade: timed.id,
      });
      await expectHidden(after, timed.id);
      await expect
        .poll(() =>
          after.evaluate(
            (id) =>
              document.querySelector(`img[data-cf-asset="${id}"]`)?.getAttribute('data-cf-status'),
            timed.id,
          ),
        )
        .toBe('blocked');
      expect(await paintsOf(after, timed.id)).toEqual([]);
      expect(mediaRequests(after, timed.id)).toEqual([]);
      const upgraded = await after.evaluate(
        (id) => document.querySelector<HTMLImageElement>(`img[data-cf-asset="${id}"]`)?.hidden,
        timed.id,
      );
      expect(upgraded).toBe(true);
      await visitor.close();
    }
  });
});

describe('<cf-image> when the registry is down', () => {
  afterAll(async () => {
    await registry.restart();
  });

  it('hides a picture whose cached verdict is older than the staleness bound', async () => {
    const context = await browser.newContext();
    const start = Date.now();
    const first = await openPage(context, [timed.id], { at: start });
    await expectShown(first, timed.id);
    await first.close();

    await registry.stop();
    const page = await context.newPage();
    await forgetHttpCache(context, page);
    await page.close();
    const later = await openPage(context, [timed.id], { at: start + MAX_STALENESS_MS + MINUTE });
    await expect
      .poll(() => imageState(later, timed.id), { timeout: 15_000 })
      .toEqual({ src: null, loaded: false, status: 'blocked', stale: true });
    expect(await paintsOf(later, timed.id)).toEqual([]);
    await context.close();
    await registry.restart();
  });

  it('keeps showing a picture whose cached verdict is fresh, until approvedUntil', async () => {
    const context = await browser.newContext();
    const first = await openPage(context, [timed.id], { at: timed.until - 10 * MINUTE });
    await expectShown(first, timed.id);
    await first.close();

    await registry.stop();
    // Loaded offline five minutes later. The picture's bytes come from the browser's cache, as
    // they would (media max-age runs to nextCheckAt); its verdict from IndexedDB, since the
    // page's other picture makes the verdict request one the HTTP cache has never seen.
    const later = await openPage(context, [timed.id, blocked], { at: timed.until - 5 * MINUTE });
    await expectShown(later, timed.id);
    await expectHidden(later, blocked);
    await later.clock.pauseAt(timed.until - 1_000);
    await later.clock.runFor(999);
    expect(await imageState(later, timed.id)).toMatchObject({ loaded: true, stale: false });
    await later.clock.runFor(1);
    expect(await imageState(later, timed.id)).toMatchObject({ src: null, status: 'blocked' });
    expect(
      (requestsOf.get(later) ?? []).filter((url) => url.includes('/v1/public/verdicts')).length,
    ).toBeGreaterThan(0);
    await context.close();
  });
});
