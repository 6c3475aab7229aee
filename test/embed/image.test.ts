// <cf-image> and the upgrade script from the embed bundle, on a plain page in Debian's Chromium,
// against a real registry: shown while approved, gone within one refresh interval of a revocation
// without a reload, gone at the instant the approval ends, never painted after it, and
// fail-closed offline.
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
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
import { EMBED_BUNDLE, embedPage, type EmbedPageOptions } from './pages/embed-page.ts';
import { watchPaints } from './pages/paint-watch.ts';

const MINUTE = 60_000;
/** core's defaults for public embeds, which <cf-image> and the upgrade script use unless told. */
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
  // Two pictures whose approvals rest on consents (not, say, a legitimate interest), sharing no
  // consent with each other or with the timed picture: each test's revocation blocks its own.
  const taken = new Set((await session.consentsBehind(withEnd)).map((consent) => consent.id));
  const consented: string[] = [];
  for (const id of others) {
    const consents = (await session.consentsBehind(id)).map((consent) => consent.id);
    if (consents.length === 0 || consents.some((consent) => taken.has(consent))) continue;
    for (const consent of consents) taken.add(consent);
    consented.push(id);
    if (consented.length === 2) break;
  }
  [approvedToRevoke, approvedForUpgrade] = consented as [string, string];
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
  options: { at?: number } & Pick<
    EmbedPageOptions,
    'upgrade' | 'imageAttributes' | 'upgradeAttributes' | 'metas'
  > = {},
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
      ...options,
      registry: registry.url,
      publishableKey: registry.demo.publishableKey,
      images,
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

/** The page's clock (Date.now() in the page). */
const pageNow = (page: Page) => page.evaluate(() => Date.now());

/** The upgraded `img[data-cf-asset]` of an asset: shown (loaded, not hidden) and its status. */
function upgradedState(page: Page, assetId: string) {
  return page.evaluate((id) => {
    const img = document.querySelector<HTMLImageElement>(`img[data-cf-asset="${id}"]`);
    return {
      shown: img !== null && !img.hidden && img.complete && img.naturalWidth > 0,
      hidden: img?.hidden ?? null,
      status: img?.getAttribute('data-cf-status') ?? null,
    };
  }, assetId);
}

/**
 * Moves the page's clock to `to`, a little ahead, and stops it there: every timer due by then has
 * fired, and what is left is the network round trip of a refresh they started, which a test then
 * waits for in real time with the page's clock standing still. Playwright's clock cannot go
 * back, so it is paused slightly ahead of now first.
 */
async function runClockTo(page: Page, to: number) {
  const pausedAt = (await pageNow(page)) + 500;
  if (pausedAt > to) throw new Error('the page clock is already past the instant to stop at');
  await page.clock.pauseAt(pausedAt);
  await page.clock.runFor(to - pausedAt);
  expect(await pageNow(page)).toBe(to);
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

  it('hides a picture within one refresh interval after its consent is revoked, without a reload', async () => {
    // Chromium's HTTP cache still holds the verdict the page loaded with (public, max-age up to
    // 60 s, and only seconds of real time pass here): the refresh must not be answered from it.
    const context = await browser.newContext();
    const page = await openPage(context, [approvedToRevoke]);
    await expectShown(page, approvedToRevoke);
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    // The bound runs from before the revocation was asked for: stricter than from its commit.
    const revokedFrom = await pageNow(page);
    await session.revokeUntilBlocked(registry, approvedToRevoke);
    await runClockTo(page, revokedFrom + REFRESH_INTERVAL_MS);
    await expectHidden(page, approvedToRevoke, 5_000);
    expect(await pageNow(page)).toBe(revokedFrom + REFRESH_INTERVAL_MS);
    expect(navigations).toEqual([]);
    expect(
      await page.locator(`cf-image[asset-id="${approvedToRevoke}"] [slot=placeholder]`).isVisible(),
    ).toBe(true);
    await context.close();
  });

  it('hides a revoked picture within a shorter refresh-interval, as <cf-image> and as upgraded markup', async () => {
    const interval = 10;
    const context = await browser.newContext();
    const id = approvedForUpgrade;
    const page = await openPage(context, [id], {
      upgrade: id,
      imageAttributes: { 'refresh-interval': String(interval) },
      upgradeAttributes: { 'data-cf-refresh-interval': String(interval) },
    });
    await expectShown(page, id);
    await expect.poll(() => upgradedState(page, id)).toMatchObject({ shown: true });
    const revokedFrom = await pageNow(page);
    await session.revokeUntilBlocked(registry, id);
    await runClockTo(page, revokedFrom + interval * 1000);
    await expectHidden(page, id, 5_000);
    await expect
      .poll(() => upgradedState(page, id), { timeout: 5_000 })
      .toMatchObject({ hidden: true, status: 'blocked' });
    expect(await pageNow(page)).toBe(revokedFrom + interval * 1000);
    await context.close();
  });

  it('removes the picture at the instant its approval ends, as <cf-image> and as upgraded markup', async () => {
    const context = await browser.newContext();
    const page = await openPage(context, [timed.id], {
      at: timed.until - 10_000,
      upgrade: timed.id,
    });
    await expectShown(page, timed.id);
    await expect.poll(() => upgradedState(page, timed.id)).toMatchObject({ shown: true });
    await page.clock.pauseAt(timed.until - 1_000);
    await page.clock.runFor(999);
    expect(await imageState(page, timed.id)).toMatchObject({ loaded: true });
    expect(await upgradedState(page, timed.id)).toMatchObject({ shown: true });
    await page.clock.runFor(1);
    // Read straight after the clock reached approvedUntil: no refresh, no network, no frame.
    expect(await imageState(page, timed.id)).toMatchObject({ src: null, status: 'blocked' });
    expect(await upgradedState(page, timed.id)).toMatchObject({ hidden: true, status: 'blocked' });
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
  // Also after a failure, so that one test's stopped registry does not fail the next.
  afterEach(async () => {
    await registry.restart();
  });

  it('hides a picture whose cached verdict is older than the staleness bound', async () => {
    const context = await browser.newContext();
    const start = Date.now();
    const first = await openPage(context, [timed.id], { at: start });
    await expectShown(first, timed.id);
    await first.close();

    await registry.stop();
    // Sixteen minutes later by the page's clock, seconds by Chromium's: its HTTP cache still holds
    // the first visit's verdict as fresh (max-age up to 60 s). It must not stand in for the
    // registry, which would make the old verdict look just fetched.
    const later = await openPage(context, [timed.id], {
      at: start + MAX_STALENESS_MS + MINUTE,
      upgrade: timed.id,
    });
    await expect
      .poll(() => imageState(later, timed.id), { timeout: 15_000 })
      .toEqual({ src: null, loaded: false, status: 'blocked', stale: true });
    await expect
      .poll(() => upgradedState(later, timed.id))
      .toMatchObject({ hidden: true, status: 'blocked' });
    expect(await paintsOf(later, timed.id)).toEqual([]);
    await context.close();
  });

  it('hides a picture on an open page once the registry has been unreachable for max-staleness', async () => {
    const context = await browser.newContext();
    // Seconds, as attributes of <cf-image> and as the page's metas for the upgraded image.
    const timing = { 'refresh-interval': '30', 'max-staleness': '120' };
    const page = await openPage(context, [timed.id], {
      at: timed.until - 30 * MINUTE,
      upgrade: timed.id,
      imageAttributes: timing,
      metas: timing,
    });
    await expectShown(page, timed.id);
    await expect.poll(() => upgradedState(page, timed.id)).toMatchObject({ shown: true });
    const fetchedAt = await page.evaluate((id) => {
      const element = document.querySelector<HTMLElement & { view?: { fetchedAt: string } }>(
        `cf-image[asset-id="${id}"]`,
      );
      return Date.parse(element?.view?.fetchedAt ?? '');
    }, timed.id);
    expect(fetchedAt).not.toBeNaN();

    await registry.stop();
    // Refreshed every 30 s, each failing: shown until the verdict is 120 s old, to the ms.
    await runClockTo(page, fetchedAt + 120_000 - 1);
    expect(await imageState(page, timed.id)).toMatchObject({ loaded: true, stale: false });
    expect(await upgradedState(page, timed.id)).toMatchObject({ shown: true });
    await page.clock.runFor(1);
    expect(await imageState(page, timed.id)).toMatchObject({
      src: null,
      status: 'blocked',
      stale: true,
    });
    expect(await upgradedState(page, timed.id)).toMatchObject({ hidden: true, status: 'blocked' });
    const asked = (requestsOf.get(page) ?? []).filter((url) => url.includes('/v1/public/verdicts'));
    expect(asked.length).toBeGreaterThan(1);
    await context.close();
  });

  it('keeps showing a picture whose cached verdict is fresh, until approvedUntil', async () => {
    const context = await browser.newContext();
    const first = await openPage(context, [timed.id], { at: timed.until - 10 * MINUTE });
    await expectShown(first, timed.id);
    await first.close();

    await registry.stop();
    // Loaded offline five minutes later. The picture's bytes come from the browser's cache, as
    // they would (media max-age runs to nextCheckAt); its verdict from IndexedDB, five minutes
    // old: the verdict request is revalidated with the registry, which is not there.
    const later = await openPage(context, [timed.id, blocked], {
      at: timed.until - 5 * MINUTE,
      upgrade: timed.id,
    });
    await expectShown(later, timed.id);
    await expectHidden(later, blocked);
    // Not asserted loaded: with no `sizes` it may want another rendition than the cached one.
    await expect.poll(() => upgradedState(later, timed.id)).toMatchObject({ hidden: false });
    await later.clock.pauseAt(timed.until - 1_000);
    await later.clock.runFor(999);
    expect(await imageState(later, timed.id)).toMatchObject({ loaded: true, stale: false });
    expect(await upgradedState(later, timed.id)).toMatchObject({ hidden: false });
    await later.clock.runFor(1);
    expect(await imageState(later, timed.id)).toMatchObject({ src: null, status: 'blocked' });
    expect(await upgradedState(later, timed.id)).toMatchObject({ hidden: true, status: 'blocked' });
    expect(
      (requestsOf.get(later) ?? []).filter((url) => url.includes('/v1/public/verdicts')).length,
    ).toBeGreaterThan(0);
    await context.close();
  });
});
