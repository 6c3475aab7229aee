// <cf-picker> in editor mode (core's cache and approvals, synced from a real registry) in
// Debian's Chromium: the demo pictures with the registry's own verdicts, keyboard-only picking,
// and an axe-core scan.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { launchChromium } from '../support/browser.ts';
import { bundle } from '../support/bundle.ts';
import {
  demoAssetIds,
  editorVerdict,
  startTestRegistry,
  type EditorVerdict,
  type TestRegistry,
} from '../support/registry-server.ts';
import { startStaticServer, type StaticServer } from '../support/static-server.ts';
import { pickerPage } from './pages/embed-page.ts';

const PICKER_ENTRY = fileURLToPath(new URL('../browser/picker-page.ts', import.meta.url));
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TIME_ZONE = 'Europe/Stockholm';

let registry: TestRegistry;
let site: StaticServer;
let browser: Browser;
let ids: string[];
/** What the registry itself says of every demo asset (editor verdicts, with reasons). */
let truth: Map<string, EditorVerdict['verdict']>;

beforeAll(async () => {
  let files: Map<string, string>;
  [registry, site, browser, files] = await Promise.all([
    startTestRegistry(inject('demoDataDir')),
    startStaticServer(),
    launchChromium(),
    bundle(PICKER_ENTRY),
  ]);
  ids = demoAssetIds(registry.demo);
  for (const [name, code] of files) site.page(`/${name === 'entry.js' ? 'picker.js' : name}`, code);
  site.page('/picker.html', pickerPage());
  site.page(
    '/picker-config.json',
    JSON.stringify({ editorKey: registry.demo.editorKey, assetIds: ids }),
  );
  // Editor routes carry no CORS: a host reaches the registry from its own origin.
  site.proxy(registry.url);
  const verdicts = await Promise.all(ids.map((id) => editorVerdict(registry, id)));
  truth = new Map(verdicts.map((answer) => [answer.assetId, answer.verdict]));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await registry?.dispose();
});

interface ListedItem {
  id: string;
  status: string;
  approvedUntil: string | null;
  reasons: string[];
}

interface Tile {
  id: string;
  badge: string;
  label: string;
  detail: string;
  disabled: boolean;
}

async function openPicker(): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('picker page:', error));
  page.on('console', (message) => {
    if (message.type() === 'error') console.error('picker page console:', message.text());
  });
  await page.goto(`${site.url}/picker.html`);
  await expect
    .poll(() => page.locator('cf-picker [role=status]').first().textContent(), {
      timeout: 20_000,
    })
    .toMatch(new RegExp(`Showing ${ids.length} of ${ids.length}`));
  return page;
}

function listed(page: Page): Promise<ListedItem[]> {
  return page.evaluate(() => {
    const picker = document.querySelector('cf-picker') as unknown as {
      visibleItems: {
        id: string;
        verdict: { status: string; approvedUntil: string | null; reasons?: { code: string }[] };
      }[];
    };
    return picker.visibleItems.map((item) => ({
      id: item.id,
      status: item.verdict.status,
      approvedUntil: item.verdict.approvedUntil,
      reasons: [...new Set((item.verdict.reasons ?? []).map((reason) => reason.code))].sort(),
    }));
  });
}

function renderedTiles(page: Page): Promise<Tile[]> {
  return page.evaluate(() => {
    const root = document.querySelector('cf-picker')?.shadowRoot;
    return [...(root?.querySelectorAll<HTMLElement>('[role=gridcell]') ?? [])].map((tile) => {
      const badge = tile.querySelector('.badge');
      return {
        id: tile.dataset['assetId'] ?? '',
        badge: ['approved', 'expiring', 'blocked'].find((s) => badge?.classList.contains(s)) ?? '',
        label: badge?.textContent?.trim() ?? '',
        detail: tile.querySelector('.detail')?.textContent?.trim() ?? '',
        disabled: tile.getAttribute('aria-disabled') === 'true',
      };
    });
  });
}

/** The badge text the picker should show for the registry's verdict (English, Stockholm). */
function expectedLabel(verdict: EditorVerdict['verdict']): string {
  if (verdict.status === 'approved') return 'Approved';
  if (verdict.status === 'blocked') return 'Blocked';
  const lastMoment = new Date(Date.parse(verdict.approvedUntil as string) - 1);
  const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: TIME_ZONE }).format(
    lastMoment,
  );
  return `Expiring, last day ${day}`;
}

const activeTile = (page: Page) =>
  page.evaluate(() => {
    const root = document.querySelector('cf-picker')?.shadowRoot;
    const id = root?.querySelector('[role=grid]')?.getAttribute('aria-activedescendant');
    return id
      ? ((root?.getElementById(id) as HTMLElement | null)?.dataset['assetId'] ?? null)
      : null;
  });

const events = (page: Page) =>
  page.evaluate(() => (window as unknown as { cfEvents: unknown[] }).cfEvents);

describe('<cf-picker> over a registry synced into the browser', () => {
  it("lists every demo picture with the registry's own verdict and badge", async () => {
    const page = await openPicker();
    const items = await listed(page);
    expect(items.map((item) => item.id).sort()).toEqual([...ids].sort());
    for (const item of items) {
      const verdict = truth.get(item.id);
      expect({ id: item.id, status: item.status, approvedUntil: item.approvedUntil }).toEqual({
        id: item.id,
        status: verdict?.status,
        approvedUntil: verdict?.approvedUntil,
      });
      if (item.status === 'blocked')
        expect(item.reasons).toEqual([...new Set(verdict?.reasons.map((r) => r.code))].sort());
    }

    const tiles = await renderedTiles(page);
    expect(tiles.length).toBeGreaterThan(0);
    for (const tile of tiles) {
      const verdict = truth.get(tile.id);
      if (!verdict) throw new Error(`a tile for ${tile.id}, which is not a demo picture`);
      expect({ id: tile.id, badge: tile.badge, label: tile.label }).toEqual({
        id: tile.id,
        badge: verdict.status,
        label: expectedLabel(verdict),
      });
      expect(tile.disabled).toBe(verdict.status === 'blocked');
      if (verdict.status === 'blocked') expect(tile.detail).not.toBe('');
    }

    // Every status through the filter, counted against the registry.
    for (const status of ['approved', 'expiring', 'blocked'] as const) {
      await page.locator('cf-picker select').selectOption(status);
      const count = [...truth.values()].filter((verdict) => verdict.status === status).length;
      await expect
        .poll(() => page.locator('cf-picker .count').textContent())
        .toMatch(new RegExp(`Showing ${count} of ${ids.length}`));
      const shown = await renderedTiles(page);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((tile) => tile.badge === status)).toBe(true);
    }
    await page.close();
  });

  it('picks an approved picture with the keyboard alone and refuses a blocked one', async () => {
    const page = await openPicker();
    const items = await listed(page);
    // Tab from the page: the search field, then the status filter, then the grid.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        document.querySelector('cf-picker')?.shadowRoot?.activeElement?.getAttribute('role'),
      ),
    ).toBe('grid');

    const target = items.findIndex((item, index) => index > 0 && item.status === 'approved');
    for (let step = 0; step < target; step++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => activeTile(page)).toBe(items[target]?.id);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => events(page))
      .toEqual([{ id: items[target]?.id, status: 'approved', warned: false }]);
    expect(truth.get(items[target]?.id ?? '')?.status).toBe('approved');

    // The last picture is a blocked one (the list ends with them): Enter does nothing there.
    await page.keyboard.press('Control+End');
    const last = items.at(-1);
    await expect.poll(() => activeTile(page)).toBe(last?.id);
    expect(last?.status).toBe('blocked');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await expect.poll(() => events(page)).toHaveLength(2);
    expect((await events(page))[1]).toBe('cancel');
    await page.close();
  });

  it('passes an axe-core scan of the picker page', async () => {
    const page = await openPicker();
    await page.addScriptTag({ content: await readFile(AXE, 'utf8') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document): Promise<AxeResults> } })
        .axe;
      const results = await axe.run(document);
      return results.violations.map(
        (violation) =>
          `${violation.id}: ${violation.nodes.map((node) => JSON.stringify(node.target)).join(' ')}`,
      );
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
