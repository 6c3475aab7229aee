// The "warn" setting for pictures that are not approved, against the REAL registry in Chromium: the
// picker lets an editor use a blocked picture after a warning, the block says why it may not be
// published and that the page leaves it out, nothing is locked, the pre-publish panel lists it,
// the post is published, and the published page does not contain the picture. The picker shows
// the thumbnails of both, the blocked one too (through the plugin's thumb route).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { phpErrors } from '../support/http.ts';
import { logMark, logSince } from '../support/wordpress-site.ts';
import {
  adminBrowser,
  connect,
  currentPost,
  editorNotice,
  html,
  imageAttributes,
  insertClearframeImage,
  openEditor,
  savingLocked,
} from './block-editor.ts';
import {
  day,
  picture,
  startRealRegistry,
  type Picture,
  type RealRegistry,
} from './real-registry.ts';

const site = inject('site');
const FIGURE = /<figure[^>]*wp-block-clearframe-image/;

let registry: RealRegistry;
let browser: Browser;
let page: Page;
let approved: Picture;
let blocked: Picture;
let mark: number;

beforeAll(async () => {
  registry = await startRealRegistry();
  approved = await picture(registry, {
    title: 'Graduation',
    alt: 'Caps in the air',
    person: 'Eva Sund',
    until: day(300),
    colour: [240, 200, 40],
  });
  blocked = await picture(registry, {
    title: 'Team photo',
    alt: 'The football team',
    person: 'Finn Alm',
    until: null,
    colour: [40, 40, 200],
  });
  await connect(site, registry, 'warn');
  ({ browser, page } = await adminBrowser(site));
  mark = logMark(site);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await registry?.dispose();
});

describe('the Clearframe block when the setting says "warn"', () => {
  it('lets an editor use a blocked picture after a warning, publishes the post with a warning, and leaves the picture out of the page', async () => {
    const canvas = await openEditor(page, site, '/wp-admin/post-new.php');
    await canvas.getByRole('textbox', { name: 'Add title' }).fill('Team news');
    await insertClearframeImage(page);

    await canvas.getByRole('button', { name: 'Choose a picture' }).click();
    const picker = page.locator('.clearframe-picker-modal cf-picker');
    await picker.getByText('Graduation').waitFor();
    // Editors see every picture's thumbnail, the blocked one too: the registry's editor thumbnail
    // (320 px wide for these 640 px pictures) through the plugin's route, with the nonce.
    for (const shown of [approved, blocked]) {
      await expect(thumbnail(picker, shown.assetId)).resolves.toEqual({
        viaPlugin: true,
        naturalWidth: 320,
      });
    }
    // The blocked picture can be chosen, but the picker asks first, and says why.
    await picker.getByText('Team photo').click();
    const warning = picker.locator('[part=warning]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('“Team photo” is not approved');
    await picker.getByRole('button', { name: 'Use anyway' }).click();
    await page.locator('.clearframe-picker-modal').waitFor({ state: 'detached' });
    expect(await imageAttributes(page)).toMatchObject({
      assetId: blocked.assetId,
      alt: 'The football team',
    });

    // The block says why the picture may not be published, and that the page leaves it out.
    await canvas
      .locator('.clearframe-verdict-blocked')
      .getByText(
        'This picture may not be published: a person in the picture has given no consent. It is hidden on the published page.',
      )
      .waitFor();
    // A warning, not a lock.
    expect(await savingLocked(page)).toBe(false);
    expect(await editorNotice(page, 'contains a picture that may not be published').count()).toBe(
      0,
    );

    // The pre-publish panel lists it, and publishing goes ahead.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    const region = page.getByRole('region', { name: 'Editor publish' });
    const listed = page.locator('.clearframe-prepublish-blocked');
    await listed.waitFor();
    expect(await listed.textContent()).toContain(
      `${blocked.assetId}: a person in the picture has given no consent`,
    );
    await region
      .getByText('These pictures may not be published and are hidden on the page:')
      .waitFor();
    const final = region.getByRole('button', { name: 'Publish', exact: true });
    expect(await final.isEnabled()).toBe(true);
    await final.click();
    await page.getByText('is now live').first().waitFor();

    // The published page: the post, without the picture.
    const published = await currentPost(page);
    const text = await html(published.link);
    expect(text).toContain('Team news');
    expect(text).not.toMatch(FIGURE);
    expect(text).not.toContain(`/v1/media/${blocked.assetId}/`);
  });

  it('logged no PHP error', () => {
    expect(phpErrors(logSince(site, mark))).toEqual([]);
  });
});

/**
 * A picker tile's thumbnail once it has loaded: whether it comes through the plugin's thumb route
 * and its natural width (0 while loading or when it could not be decoded).
 */
async function thumbnail(picker: Locator, assetId: string) {
  const image = picker.locator(`[data-asset-id="${assetId}"] img[part="thumb"]`);
  const read = () =>
    image.evaluate((element: HTMLImageElement) => ({
      viaPlugin: new URL(element.src).pathname.endsWith(
        `/clearframe/v1/thumb/${element.closest('[data-asset-id]')?.getAttribute('data-asset-id')}`,
      ),
      naturalWidth: element.complete ? element.naturalWidth : 0,
    }));
  await image.waitFor();
  await expect
    .poll(async () => (await read()).naturalWidth, { timeout: 10_000 })
    .toBeGreaterThan(0);
  return read();
}
