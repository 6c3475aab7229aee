// The whole path against the REAL registry, in Chromium: an editor picks a picture in the block
// editor and publishes; the page shows it and the registry records where; a revocation reaches
// the plugin through the registry's webhook dispatcher and the page drops the picture; a blocked
// picture keeps a post from being published and an ending consent is listed before publishing,
// its block saying until which day; a consent withdrawn while the post is open changes the block's
// notice and locks publishing; with the registry down and the cache expired the page shows
// nothing, without a PHP error.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { phpErrors } from '../support/http.ts';
import { logMark, logSince, wpEval } from '../support/wordpress-site.ts';
import {
  adminBrowser,
  connect,
  currentPost,
  draft,
  editorNotice,
  html,
  imageAttributes,
  insertClearframeImage,
  openEditor,
  poll,
  replacePicture,
  savingLocked,
} from './block-editor.ts';
import { expireVerdicts, imageBlock } from './configure.ts';
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
let webhookId: string;
const pictures: Record<'approved' | 'blocked' | 'expiring' | 'withdrawn', Picture> = {} as never;
let published: { id: number; link: string };

beforeAll(async () => {
  registry = await startRealRegistry();
  pictures.approved = await picture(registry, {
    title: 'Open day',
    alt: 'Pupils at the open day',
    person: 'Ann Berg',
    until: day(300),
    colour: [200, 80, 40],
  });
  pictures.blocked = await picture(registry, {
    title: 'No consent yet',
    alt: 'A class photo',
    person: 'Bo Lind',
    until: null,
    colour: [20, 80, 140],
  });
  pictures.expiring = await picture(registry, {
    title: 'Ending soon',
    alt: 'The choir',
    person: 'Cia Ek',
    until: day(10),
    colour: [20, 160, 60],
  });
  pictures.withdrawn = await picture(registry, {
    title: 'Sports day',
    alt: 'The relay race',
    person: 'Dan Holm',
    until: day(200),
    colour: [160, 40, 160],
  });
  // Keys and the webhook as an administrator makes them for the site, through the API.
  webhookId = await connect(site, registry, 'block');
  ({ browser, page } = await adminBrowser(site));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await registry?.dispose();
});

describe('the Clearframe block with a real registry, in Chromium', () => {
  it('picks a picture in the block editor, publishes it, shows it on the page and reports where', async () => {
    const canvas = await openEditor(page, site, '/wp-admin/post-new.php');
    await canvas.getByRole('textbox', { name: 'Add title' }).fill('Open day 2026');

    // The inserter, as an editor finds the block.
    await insertClearframeImage(page);

    await canvas.getByRole('button', { name: 'Choose a picture' }).click();
    const picker = page.locator('.clearframe-picker-modal cf-picker');
    // The picker syncs through the plugin's proxy; the blocked picture is listed, not pickable.
    await picker.getByText('No consent yet').waitFor();
    await picker.getByText('Open day').click();
    await page.locator('.clearframe-picker-modal').waitFor({ state: 'detached' });

    expect(await imageAttributes(page)).toMatchObject({
      assetId: pictures.approved.assetId,
      alt: 'Pupils at the open day',
    });

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page
      .getByRole('region', { name: 'Editor publish' })
      .getByRole('button', { name: 'Publish', exact: true })
      .click();
    await page.getByText('is now live').first().waitFor();
    published = await currentPost(page);

    // The page, in the browser: server-rendered, then kept by the embed (it asked the registry).
    const reader = await browser.newPage();
    await reader.goto(published.link);
    const img = reader.locator('figure.wp-block-clearframe-image img[data-cf-shown]');
    await img.waitFor({ state: 'visible' });
    expect(await img.getAttribute('alt')).toBe('Pupils at the open day');
    expect(await img.getAttribute('src')).toContain(
      `${registry.url}/v1/media/${pictures.approved.assetId}/`,
    );
    await reader.close();

    const { usages } = await registry.json<{ usages: { url: string; source: string }[] }>(
      `/v1/assets/${pictures.approved.assetId}/usages`,
    );
    expect(usages).toEqual([expect.objectContaining({ url: published.link, source: 'wordpress' })]);
  });

  it('drops the picture from the page when its consent is revoked, through the registry’s webhook; unpublishing forgets the usage', async () => {
    expect(await html(published.link)).toMatch(FIGURE);
    await registry.json(`/v1/consents/${pictures.approved.consentId}/revocations`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'withdrawn by the parent' }),
    });
    await poll(
      'the page to lose its picture',
      () => html(published.link),
      (text) => !FIGURE.test(text),
    );
    const { deliveries } = await registry.json<{ deliveries: { status: string }[] }>(
      `/v1/webhooks/${webhookId}/deliveries`,
    );
    expect(deliveries.map((delivery) => delivery.status)).toContain('delivered');

    // Unpublished (trashed): the registry no longer lists the page among the picture's usages.
    await wpEval(site, `wp_set_current_user( 1 ); wp_trash_post( ${published.id} ); return true;`);
    const after = await registry.json<{ usages: unknown[] }>(
      `/v1/assets/${pictures.approved.assetId}/usages`,
    );
    expect(after.usages).toEqual([]);
  });

  it('keeps a post with a blocked picture from being published, and lists an ending consent before publishing with its last day', async () => {
    const post = await draft(
      site,
      'Class photo',
      imageBlock({ assetId: pictures.blocked.assetId }),
    );
    const canvas = await openEditor(page, site, `/wp-admin/post.php?post=${post}&action=edit`);
    await canvas
      .locator('.clearframe-verdict-blocked')
      .getByText('a person in the picture has given no consent')
      .waitFor();
    await canvas
      .locator('.clearframe-verdict-blocked')
      .getByText('A post containing it cannot be published.')
      .waitFor();
    await editorNotice(page, 'contains a picture that may not be published').waitFor();
    expect(await savingLocked(page)).toBe(true);
    // "Publish" opens the pre-publish panel, which says why and whose own button stays disabled.
    const publish = page.getByRole('button', { name: 'Publish', exact: true });
    await publish.click();
    const region = page.getByRole('region', { name: 'Editor publish' });
    const blocked = page.locator('.clearframe-prepublish-blocked');
    await blocked.waitFor();
    expect(await blocked.textContent()).toContain(
      `${pictures.blocked.assetId}: a person in the picture has given no consent`,
    );
    const final = region.getByRole('button', { name: 'Publish', exact: true });
    expect(
      (await final.isDisabled()) || (await final.getAttribute('aria-disabled')) === 'true',
    ).toBe(true);
    await region.getByRole('button', { name: 'Cancel' }).click();

    // Swap the blocked picture for one whose consent is ending: publishing is possible again,
    // the block says until which day the picture is shown, and so does the pre-publish panel.
    await replacePicture(page, pictures.expiring.assetId);
    await poll(
      'the saving lock to go',
      () => savingLocked(page),
      (value) => !value,
    );
    // The consent's last day (its validUntil), read in the registry policy's zone, in English.
    const lastDay = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${day(10)}T12:00:00Z`),
    );
    await canvas
      .locator('.clearframe-verdict-expiring')
      .getByText(
        `Consent for this picture ends on ${lastDay}; it will then disappear from the site.`,
      )
      .waitFor();
    await publish.click();
    const panel = page.locator('.clearframe-prepublish-expiring');
    await panel.waitFor();
    expect(await panel.textContent()).toContain(
      `${pictures.expiring.assetId}: last day ${lastDay}`,
    );
    await page
      .getByRole('region', { name: 'Editor publish' })
      .getByRole('button', { name: 'Publish', exact: true })
      .click();
    await page.getByText('is now live').first().waitFor();
    published = await currentPost(page);
    expect(await html(published.link)).toMatch(FIGURE);
  });

  it('follows the verdict while the post is open: a consent withdrawn meanwhile turns the block’s notice and locks publishing', async () => {
    const post = await draft(
      site,
      'Sports day',
      imageBlock({ assetId: pictures.withdrawn.assetId }),
    );
    const canvas = await openEditor(page, site, `/wp-admin/post.php?post=${post}&action=edit`);
    const block = canvas.locator('[data-type="clearframe/image"]');
    // Approved: no notice, nothing locked.
    await canvas
      .locator('[data-type="clearframe/image"][data-clearframe-verdict="approved"]')
      .waitFor();
    expect(await block.locator('.components-notice').count()).toBe(0);
    expect(await savingLocked(page)).toBe(false);
    // The editor's own sync of this page load is over (refresh() joins one in flight): what
    // follows comes from a later one.
    await page.evaluate(() =>
      (
        window as unknown as { clearframePicker: { refresh(): Promise<void> } }
      ).clearframePicker.refresh(),
    );

    // The parent withdraws the consent in the registry while the editor has the post open.
    await registry.json(`/v1/consents/${pictures.withdrawn.consentId}/revocations`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'withdrawn by the parent' }),
    });
    // Publishing asks the registry again: the block, the lock and the panel all say so.
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await block
      .locator('.clearframe-verdict-blocked')
      .getByText('This picture may not be published: a consent was withdrawn.')
      .waitFor();
    await poll(
      'publishing to be locked',
      () => savingLocked(page),
      (value) => value,
    );
    await editorNotice(page, 'contains a picture that may not be published').waitFor();
    const region = page.getByRole('region', { name: 'Editor publish' });
    expect(await page.locator('.clearframe-prepublish-blocked').textContent()).toContain(
      `${pictures.withdrawn.assetId}: a consent was withdrawn`,
    );
    const final = region.getByRole('button', { name: 'Publish', exact: true });
    expect(
      (await final.isDisabled()) || (await final.getAttribute('aria-disabled')) === 'true',
    ).toBe(true);
    await region.getByRole('button', { name: 'Cancel' }).click();
    expect(await wpEval<string>(site, `return get_post_status( ${post} );`)).toBe('draft');
  });

  it('shows no picture and no PHP error once the registry is down and the cache expired; saving still works', async () => {
    // The editor's own background requests (heartbeat, post lock) are not this test's business.
    await page.goto('about:blank');
    const mark = logMark(site);
    await registry.stop();
    await expireVerdicts(site);
    const text = await html(published.link);
    expect(text).not.toMatch(FIGURE);
    expect(text).not.toMatch(/Fatal error|Warning:|Notice:/);
    // A save while the registry is down: not blocked, the usage report waits for the next save.
    const started = Date.now();
    const pending = await wpEval<string>(
      site,
      `wp_update_post( array( 'ID' => ${published.id}, 'post_title' => 'Class photo (updated)' ) );
       return get_post_meta( ${published.id}, '_clearframe_usage_pending', true );`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(pending).toBe('1');
    const lines = logSince(site, mark);
    expect(phpErrors(lines)).toEqual([]);
    expect(lines.some((line) => line.includes('fail closed'))).toBe(true);
    expect(lines.some((line) => line.includes('usage report'))).toBe(true);
  });
});
