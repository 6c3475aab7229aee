// The whole path against the REAL registry, in Chromium: an editor picks a picture in the block
// editor and publishes; the page shows it and the registry records where; a revocation reaches
// the plugin through the registry's webhook dispatcher and the page drops the picture; a blocked
// picture keeps a post from being published and an ending consent is listed before publishing;
// with the registry down and the cache expired the page shows nothing, without a PHP error.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { phpErrors } from '../support/http.ts';
import { logMark, logSince, wpEval } from '../support/wordpress-site.ts';
import { ADMIN } from '../support/wordpress-site.ts';
import { configure, expireVerdicts, imageBlock, php } from './configure.ts';
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
const pictures: Record<'approved' | 'blocked' | 'expiring', Picture> = {} as never;
let published: { id: number; link: string };

async function poll<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 20_000,
) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const html = async (link: string) => (await fetch(link)).text();

/** Opens the block editor (new post or an existing one) with the welcome guide out of the way. */
async function openEditor(path: string): Promise<void> {
  await page.goto(site.url + path);
  await page.waitForFunction(() => {
    const wp = (
      window as unknown as {
        wp?: { data?: { select(s: string): { getCurrentPostId?(): unknown } } };
      }
    ).wp;
    return Boolean(wp?.data?.select('core/editor')?.getCurrentPostId?.());
  });
  await page.evaluate(() => {
    const wp = (
      window as unknown as {
        wp: { data: { dispatch(s: string): { set(a: string, b: string, c: boolean): void } } };
      }
    ).wp;
    wp.data.dispatch('core/preferences').set('core/edit-post', 'welcomeGuide', false);
  });
  await page.frameLocator('iframe[name="editor-canvas"]').locator('body').waitFor();
}

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
  // Keys and the webhook as an administrator makes them for the site, through the API.
  const editor = await registry.json<{ secret: string }>('/v1/keys', {
    method: 'POST',
    body: JSON.stringify({ kind: 'editor', name: 'WordPress e2e' }),
  });
  const publishable = await registry.json<{ secret: string }>('/v1/keys', {
    method: 'POST',
    body: JSON.stringify({
      kind: 'publishable',
      name: 'WordPress e2e pages',
      allowedOrigins: [site.url],
    }),
  });
  const hook = await registry.json<{ webhook: { id: string }; secret: string }>('/v1/webhooks', {
    method: 'POST',
    body: JSON.stringify({
      url: `${site.url}/wp-json/clearframe/v1/webhook`,
      description: 'e2e site',
    }),
  });
  webhookId = hook.webhook.id;
  await configure(site, {
    registryUrl: registry.url,
    editorKey: editor.secret,
    publishableKey: publishable.secret,
    webhookSecret: hook.secret,
    channel: 'web',
  });
  await wpEval(site, `update_option( 'clearframe_editor_behavior', 'block' ); return true;`);
  await expireVerdicts(site);

  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(20_000);
  await page.goto(`${site.url}/wp-login.php`);
  await page.waitForLoadState('load');
  await page.fill('#user_login', ADMIN.user);
  await page.fill('#user_pass', ADMIN.password);
  await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await registry?.dispose();
});

describe('the Clearframe block with a real registry, in Chromium', () => {
  it('picks a picture in the block editor, publishes it, shows it on the page and reports where', async () => {
    await openEditor('/wp-admin/post-new.php');
    const canvas = page.frameLocator('iframe[name="editor-canvas"]');
    await canvas.getByRole('textbox', { name: 'Add title' }).fill('Open day 2026');

    // The inserter, as an editor finds the block.
    await page.getByRole('button', { name: 'Toggle block inserter' }).click();
    await page.getByRole('searchbox', { name: /Search/ }).fill('Clearframe');
    await page.getByRole('option', { name: 'Clearframe image' }).click();

    await canvas.getByRole('button', { name: 'Choose a picture' }).click();
    const picker = page.locator('.clearframe-picker-modal cf-picker');
    // The picker syncs through the plugin's proxy; the blocked picture is listed, not pickable.
    await picker.getByText('No consent yet').waitFor();
    await picker.getByText('Open day').click();
    await page.locator('.clearframe-picker-modal').waitFor({ state: 'detached' });

    const attributes = await page.evaluate(() => {
      const wp = (
        window as unknown as {
          wp: {
            data: {
              select(s: string): {
                getBlocks(): { name: string; attributes: Record<string, unknown> }[];
              };
            };
          };
        }
      ).wp;
      return wp.data
        .select('core/block-editor')
        .getBlocks()
        .find((b) => b.name === 'clearframe/image')?.attributes;
    });
    expect(attributes).toMatchObject({
      assetId: pictures.approved.assetId,
      alt: 'Pupils at the open day',
    });

    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await page
      .getByRole('region', { name: 'Editor publish' })
      .getByRole('button', { name: 'Publish', exact: true })
      .click();
    await page.getByText('is now live').first().waitFor();
    published = await page.evaluate(() => {
      const wp = (
        window as unknown as {
          wp: {
            data: { select(s: string): { getCurrentPostId(): number; getPermalink(): string } };
          };
        }
      ).wp;
      const editor = wp.data.select('core/editor');
      return { id: editor.getCurrentPostId(), link: editor.getPermalink() };
    });

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

  it('keeps a post with a blocked picture from being published, and lists an ending consent before publishing', async () => {
    const draft = await wpEval<number>(
      site,
      `wp_set_current_user( 1 );
       return wp_insert_post( array( 'post_title' => 'Class photo', 'post_status' => 'draft', 'post_content' => wp_slash( ${php(imageBlock({ assetId: pictures.blocked.assetId }))} ) ) );`,
    );
    await openEditor(`/wp-admin/post.php?post=${draft}&action=edit`);
    const canvas = page.frameLocator('iframe[name="editor-canvas"]');
    await canvas
      .locator('.clearframe-verdict-blocked')
      .getByText('a person in the picture has given no consent')
      .waitFor();
    await page.getByText('contains a picture that may not be published').waitFor();
    const locked = () =>
      page.evaluate(() => {
        const wp = (
          window as unknown as {
            wp: { data: { select(s: string): { isPostSavingLocked(): boolean } } };
          }
        ).wp;
        return wp.data.select('core/editor').isPostSavingLocked();
      });
    expect(await locked()).toBe(true);
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
    // and the pre-publish panel names its last day.
    await page.evaluate((assetId) => {
      const wp = (
        window as unknown as {
          wp: {
            data: {
              select(s: string): { getBlocks(): { clientId: string }[] };
              dispatch(s: string): { updateBlockAttributes(id: string, a: object): void };
            };
          };
        }
      ).wp;
      const [block] = wp.data.select('core/block-editor').getBlocks();
      if (block)
        wp.data.dispatch('core/block-editor').updateBlockAttributes(block.clientId, { assetId });
    }, pictures.expiring.assetId);
    await poll('the saving lock to go', locked, (value) => !value);
    await canvas.locator('.clearframe-verdict-expiring').waitFor();
    await publish.click();
    const panel = page.locator('.clearframe-prepublish-expiring');
    await panel.waitFor();
    expect(await panel.textContent()).toMatch(
      new RegExp(`${pictures.expiring.assetId}: last day \\S`),
    );
    await page
      .getByRole('region', { name: 'Editor publish' })
      .getByRole('button', { name: 'Publish', exact: true })
      .click();
    await page.getByText('is now live').first().waitFor();
    published = await page.evaluate(() => {
      const wp = (
        window as unknown as {
          wp: {
            data: { select(s: string): { getCurrentPostId(): number; getPermalink(): string } };
          };
        }
      ).wp;
      const editor = wp.data.select('core/editor');
      return { id: editor.getCurrentPostId(), link: editor.getPermalink() };
    });
    expect(await html(published.link)).toMatch(FIGURE);
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
