// What the block-editor suites share: a site connected to a real registry the way an administrator
// connects it (keys and webhook made through the registry's API), an admin logged in to Chromium,
// the block editor opened and driven as an editor does, and a few reads of its data stores.
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { ADMIN, wpEval, type Site } from '../support/wordpress-site.ts';
import { configure, expireVerdicts, php } from './configure.ts';
import type { RealRegistry } from './real-registry.ts';

/** Polls `read` until `done` says yes; throws after `ms`. */
export async function poll<T>(
  what: string,
  read: () => Promise<T>,
  done: (value: T) => boolean,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export const html = async (link: string): Promise<string> => (await fetch(link)).text();

/**
 * Makes the site's editor and publishable keys and its webhook in the registry, saves them in the
 * plugin's options with the editor behaviour, and forgets any cached verdict. Returns the webhook's id.
 */
export async function connect(
  site: Site,
  registry: RealRegistry,
  behavior: 'block' | 'warn',
): Promise<string> {
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
  await configure(site, {
    registryUrl: registry.url,
    editorKey: editor.secret,
    publishableKey: publishable.secret,
    webhookSecret: hook.secret,
    channel: 'web',
  });
  await wpEval(site, `update_option( 'clearframe_editor_behavior', '${behavior}' ); return true;`);
  await expireVerdicts(site);
  return hook.webhook.id;
}

/** Chromium with the site's admin logged in. */
export async function adminBrowser(site: Site): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(20_000);
  // Straight to the profile, not the dashboard: its news widgets would fetch wordpress.org's
  // feeds, which the test site answers empty (and SimplePie then logs warnings of its own).
  const profile = `${site.url}/wp-admin/profile.php`;
  await page.goto(`${site.url}/wp-login.php?redirect_to=${encodeURIComponent(profile)}`);
  await page.waitForLoadState('load');
  await page.fill('#user_login', ADMIN.user);
  await page.fill('#user_pass', ADMIN.password);
  await Promise.all([page.waitForURL(/wp-admin/), page.click('#wp-submit')]);
  return { browser, page };
}

interface WpData {
  data: {
    select(store: string): Record<string, (...args: unknown[]) => unknown>;
    dispatch(store: string): Record<string, (...args: unknown[]) => unknown>;
  };
}

/** Opens the block editor (new post or an existing one) with the welcome guide out of the way. */
export async function openEditor(page: Page, site: Site, path: string): Promise<FrameLocator> {
  await page.goto(site.url + path);
  await page.waitForFunction(() => {
    const wp = (window as unknown as { wp?: Partial<WpData> }).wp;
    return Boolean(wp?.data?.select('core/editor')?.getCurrentPostId?.());
  });
  await page.evaluate(() => {
    const { wp } = window as unknown as { wp: WpData };
    wp.data.dispatch('core/preferences').set?.('core/edit-post', 'welcomeGuide', false);
  });
  const canvas = page.frameLocator('iframe[name="editor-canvas"]');
  await canvas.locator('body').waitFor();
  return canvas;
}

/** Adds a Clearframe image block through the inserter, as an editor finds it. */
export async function insertClearframeImage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Toggle block inserter' }).click();
  await page.getByRole('searchbox', { name: /Search/ }).fill('Clearframe');
  await page.getByRole('option', { name: 'Clearframe image' }).click();
}

/** The attributes of the post's first clearframe/image block. */
export function imageAttributes(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(() => {
    const { wp } = window as unknown as { wp: WpData };
    const blocks = wp.data.select('core/block-editor').getBlocks?.() as {
      name: string;
      attributes: Record<string, unknown>;
    }[];
    return blocks.find((block) => block.name === 'clearframe/image')?.attributes;
  });
}

/** An editor notice (not the screen reader's copy of it) with this text. */
export function editorNotice(page: Page, text: string): Locator {
  return page.locator('.components-notice').filter({ hasText: text });
}

/** Whether saving and publishing are locked (lockPostSaving). */
export function savingLocked(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const { wp } = window as unknown as { wp: WpData };
    return Boolean(wp.data.select('core/editor').isPostSavingLocked?.());
  });
}

/** The post open in the editor: its id and permalink. */
export function currentPost(page: Page): Promise<{ id: number; link: string }> {
  return page.evaluate(() => {
    const { wp } = window as unknown as { wp: WpData };
    const editor = wp.data.select('core/editor');
    return { id: Number(editor.getCurrentPostId?.()), link: String(editor.getPermalink?.()) };
  });
}

/** Sets the first clearframe/image block's asset, as replacing the picture does. */
export function replacePicture(page: Page, assetId: string): Promise<void> {
  return page.evaluate((id) => {
    const { wp } = window as unknown as { wp: WpData };
    const [block] = wp.data.select('core/block-editor').getBlocks?.() as { clientId: string }[];
    if (block)
      wp.data
        .dispatch('core/block-editor')
        .updateBlockAttributes?.(block.clientId, { assetId: id });
  }, assetId);
}

/** A draft with the given content, made as the admin. */
export function draft(site: Site, title: string, content: string): Promise<number> {
  return wpEval<number>(
    site,
    `wp_set_current_user( 1 );
     return wp_insert_post( array( 'post_title' => ${php(title)}, 'post_status' => 'draft', 'post_content' => wp_slash( ${php(content)} ) ) );`,
  );
}
