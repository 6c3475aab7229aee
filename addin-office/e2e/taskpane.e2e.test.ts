import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentState,
  savePreferences,
  signInWithAccount,
  signInWithKey,
  signOut,
  startPaneHarness,
  tile,
  type PaneFrame,
  type PaneHarness,
} from './pane-fixture.js';
import { startSeededRegistry, type SeededRegistry } from './registry-fixture.js';

let registry: SeededRegistry;
let harness: PaneHarness;

beforeAll(async () => {
  registry = await startSeededRegistry();
  harness = await startPaneHarness(registry.url);
});

afterAll(async () => {
  await harness?.close();
  await registry?.dispose();
});

describe('the built task pane against a real registry', () => {
  it('says where to open it when office.js runs outside Office', async () => {
    const { page } = await harness.open(null);

    await expect(page.textContent('#cf-status')).resolves.toBe(
      'Open Clearframe from the Home tab in Word or PowerPoint.',
    );
  });

  it('inserts an approved picture on the slide with its tag, alt text and credit', async () => {
    const { page } = await harness.open({ host: 'PowerPoint', slides: [{ id: 's1' }] });
    await signInWithKey(page, registry.url, registry.editorKey);
    const { approved } = registry.assets;

    await expect(page.locator('cf-picker').getAttribute('channel')).resolves.toBe('presentation');
    await tile(page, approved.id).click();
    await page.waitForSelector('#cf-picker-message:has-text("Inserted")');

    const [shape] = (await documentState(page)).slides[0]?.shapes ?? [];
    expect(shape).toMatchObject({
      base64: approved.base64,
      altTextDescription: approved.alt,
      tags: {
        CLEARFRAME_ASSET: approved.id,
        CLEARFRAME_CREDIT: approved.credit,
        CLEARFRAME_ALT: approved.alt,
      },
    });
  });

  it('shows the thumbnail of every picture, a revoked one too, where the policy warns', async () => {
    const { page } = await harness.open({ host: 'PowerPoint', slides: [{ id: 's1' }] });
    await signInWithKey(page, registry.url, registry.editorKey);
    const { approved, revoked } = registry.assets;
    await expect(page.getAttribute('body', 'data-surface')).resolves.toBe('warn');

    for (const asset of [approved, revoked]) {
      // The seeded pictures are 48 px wide: the thumbnail rendition keeps that width.
      await expect(shownThumbnail(page, asset.id)).resolves.toEqual({
        blob: true,
        naturalWidth: 48,
      });
    }
    await expect(
      tile(page, revoked.id).locator('[part~="badge-blocked"]').textContent(),
    ).resolves.toBe('Blocked');
  });

  it('shows an expiring picture’s last valid day before inserting it', async () => {
    const { page } = await harness.open({ host: 'PowerPoint', slides: [{ id: 's1' }] });
    await signInWithKey(page, registry.url, registry.editorKey);
    const { expiring } = registry.assets;

    await tile(page, expiring.id).click();
    const review = page.locator('#cf-review:not([hidden])');
    await review.waitFor();
    await expect(review.textContent()).resolves.toContain(
      `may be used until ${registry.expiringUntil}`,
    );
    expect((await documentState(page)).insertedImages).toBe(0);
    await review.locator('button.confirm').click();
    await page.waitForSelector('#cf-picker-message:has-text("Inserted")');

    expect((await documentState(page)).slides[0]?.shapes[0]?.tags).toMatchObject({
      CLEARFRAME_ASSET: expiring.id,
    });
  });

  it('inserts into Word inside a content control tagged with the asset id', async () => {
    const { page } = await harness.open({ host: 'Word' });
    await signInWithKey(page, registry.url, registry.editorKey);
    const { approved } = registry.assets;

    await expect(page.locator('cf-picker').getAttribute('channel')).resolves.toBe('print');
    await tile(page, approved.id).click();
    await page.waitForSelector('#cf-picker-message:has-text("Inserted")');

    expect((await documentState(page)).controls).toEqual([
      expect.objectContaining({
        tag: `clearframe:${approved.id}`,
        title: approved.credit,
        picture: { base64: approved.base64, altTextDescription: approved.alt },
      }),
    ]);
  });

  it('asks before inserting a revoked picture where the policy warns, and hides it where it hides', async () => {
    const { page } = await harness.open({ host: 'PowerPoint', slides: [{ id: 's1' }] });
    await signInWithKey(page, registry.url, registry.editorKey);
    const { revoked, approved } = registry.assets;

    await tile(page, revoked.id).click();
    const warning = page.locator('cf-picker [part="warning"]');
    // The confirmation names the reason.
    await expect(warning.textContent()).resolves.toContain('is not approved: Consent revoked.');
    expect((await documentState(page)).insertedImages).toBe(0);
    await warning.locator('button.confirm').click();
    await page.waitForSelector('#cf-picker-message:has-text("Inserted")');
    expect((await documentState(page)).slides[0]?.shapes[0]?.tags['CLEARFRAME_ASSET']).toBe(
      revoked.id,
    );

    await registry.setOfficeSurface('hide');
    try {
      await page.reload();
      await page.waitForSelector('body[data-ready="true"][data-surface="hide"]');
      await tile(page, approved.id).waitFor();
      await expect(tile(page, revoked.id).count()).resolves.toBe(0);
    } finally {
      await registry.setOfficeSurface('warn');
    }
  });

  it('reports one approved, one expiring and one revoked picture in a deck, then removes the revoked one', async () => {
    const { approved, expiring, revoked } = registry.assets;
    const tagged = (id: string) => ({ tags: { CLEARFRAME_ASSET: id } });
    const { page } = await harness.open({
      host: 'PowerPoint',
      slides: [
        { id: 's1', shapes: [tagged(approved.id)] },
        { id: 's2', shapes: [tagged(expiring.id), { tags: {} }] },
        { id: 's3', shapes: [tagged(revoked.id)] },
      ],
    });
    await signInWithKey(page, registry.url, registry.editorKey);

    await page.click('#cf-check-button');
    const rows = page.locator('#cf-check-list li');
    await rows.nth(2).waitFor();
    const read = () =>
      rows.evaluateAll((items) =>
        items.map((item) => ({
          asset: item.getAttribute('data-asset-id'),
          status: item.getAttribute('data-status'),
          stale: item.getAttribute('data-stale'),
          text: item.textContent,
          actions: [...item.querySelectorAll('button')].map((button) => button.textContent),
        })),
      );
    const report = await read();
    expect(
      report.map(({ asset, status, stale, actions }) => ({ asset, status, stale, actions })),
    ).toEqual([
      { asset: approved.id, status: 'approved', stale: 'false', actions: ['Select'] },
      { asset: expiring.id, status: 'expiring', stale: 'false', actions: ['Select'] },
      {
        asset: revoked.id,
        status: 'blocked',
        stale: 'false',
        actions: ['Select', 'Remove', 'Replace'],
      },
    ]);
    expect(report[1]?.text).toContain(`May be used until ${registry.expiringUntil}`);
    expect(report[2]?.text).toContain('A consent has been withdrawn');
    await expect(page.textContent('#cf-check-summary')).resolves.toContain(
      '1 approved, 1 ending soon, 1 not approved. Checked against the registry just now.',
    );

    await rows.nth(2).locator('button[data-action="remove"]').click();
    await page.waitForSelector('#cf-check-message:has-text("removed")');
    expect((await documentState(page)).slides[2]?.shapes).toEqual([]);
    await expect(rows.count()).resolves.toBe(2);
  });
});

/**
 * A tile's thumbnail once it has loaded: whether it is an object URL (the bytes fetched with the
 * credential) and its natural width (0 while loading or when it could not be decoded).
 */
async function shownThumbnail(page: PaneFrame, assetId: string) {
  const image = tile(page, assetId).locator('img[part="thumb"]');
  const read = () =>
    image.evaluate((element: HTMLImageElement) => ({
      blob: element.src.startsWith('blob:'),
      naturalWidth: element.complete ? element.naturalWidth : 0,
    }));
  await image.waitFor();
  await expect
    .poll(async () => (await read()).naturalWidth, { timeout: 10_000 })
    .toBeGreaterThan(0);
  return read();
}

/** The check's rows as [asset id, status, stale]. */
function checkRows(page: PaneFrame) {
  return page
    .locator('#cf-check-list li')
    .evaluateAll((items) =>
      items.map((item) => [
        item.getAttribute('data-asset-id'),
        item.getAttribute('data-status'),
        item.getAttribute('data-stale'),
      ]),
    );
}

describe('preferences', () => {
  it('checks the document when the pane opens, once the user has turned that on', async () => {
    const { approved, revoked } = registry.assets;
    const { page } = await harness.open({
      host: 'PowerPoint',
      slides: [
        {
          id: 's1',
          shapes: [
            { tags: { CLEARFRAME_ASSET: approved.id } },
            { tags: { CLEARFRAME_ASSET: revoked.id } },
          ],
        },
      ],
    });
    await signInWithKey(page, registry.url, registry.editorKey);
    // Off by default: signing in does not check.
    await expect(checkRows(page)).resolves.toEqual([]);

    await savePreferences(page, { checkOnOpen: true });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');

    // The pane is ready only after the check: the report is there without a click.
    await expect(checkRows(page)).resolves.toEqual([
      [approved.id, 'approved', 'false'],
      [revoked.id, 'blocked', 'false'],
    ]);
    await expect(page.textContent('#cf-check-summary')).resolves.toContain(
      '1 approved, 0 ending soon, 1 not approved. Checked against the registry just now.',
    );

    await savePreferences(page, { checkOnOpen: false });
    await page.reload();
    await page.waitForSelector('body[data-ready="true"][data-connection="online"]');
    await expect(checkRows(page)).resolves.toEqual([]);
  });

  it('opens in the host’s channel, and keeps the channel the user chose', async () => {
    const { page } = await harness.open({ host: 'Word' });
    await signInWithKey(page, registry.url, registry.editorKey);
    const channel = () => page.locator('cf-picker').getAttribute('channel');
    await expect(channel()).resolves.toBe('print');

    await savePreferences(page, { channel: 'presentation' });
    await expect(channel()).resolves.toBe('presentation');
    await page.reload();
    await page.waitForSelector('body[data-ready="true"][data-connection="online"]');

    await expect(channel()).resolves.toBe('presentation');
  });

  for (const host of ['PowerPoint', 'Word'] as const) {
    it(`keeps the editor key in the user’s partitioned storage and never in the ${host} document`, async () => {
      const partitionKey = 'partition-7f3e:';
      const { page } = await harness.open({
        host,
        partitionKey,
        ...(host === 'PowerPoint' ? { slides: [{ id: 's1' }] } : {}),
      });
      await signInWithKey(page, registry.url, registry.editorKey);
      await tile(page, registry.assets.approved.id).click();
      await page.waitForSelector('#cf-picker-message:has-text("Inserted")');
      await savePreferences(page, { checkOnOpen: true });
      await page.click('#cf-check-button');
      await page.waitForSelector('#cf-check-list li');

      const state = await documentState(page);
      expect(state.insertedImages).toBe(1);
      // Nothing in the document holds the key, and no storage that travels with the file was used.
      expect(JSON.stringify(state)).not.toContain(registry.editorKey);
      expect(state.unexpectedDocumentAccess).toEqual([]);
      const stored = await page.evaluate(() => Object.entries(localStorage));
      expect(stored.filter(([, value]) => value.includes(registry.editorKey))).toEqual([
        [`${partitionKey}clearframe.editorKey`, registry.editorKey],
      ]);
    });
  }
});

describe('signing in with a registry account (its session cookie through the pane server)', () => {
  it('signs in, inserts and signs out where the pane is its own page (Office on Windows and Mac)', async () => {
    const { approved } = registry.assets;
    const { page, context } = await harness.open({ host: 'PowerPoint', slides: [{ id: 's1' }] });

    await signInWithAccount(page, registry.url, registry.admin);

    await expect(page.textContent('#cf-signed-in')).resolves.toBe(
      `Signed in as ${registry.admin.email}.`,
    );
    await expect(page.getAttribute('body', 'data-connection')).resolves.toBe('online');
    // All the context's cookies: the session's path is the proxy's, not the page's.
    const [cookie, ...others] = await context.cookies();
    expect(others).toEqual([]);
    expect(cookie).toMatchObject({
      name: 'cf_session',
      path: '/registry-proxy/0/',
      httpOnly: true,
      secure: true,
      sameSite: 'None',
    });
    await tile(page, approved.id).click();
    await page.waitForSelector('#cf-picker-message:has-text("Inserted")');
    expect((await documentState(page)).slides[0]?.shapes[0]).toMatchObject({
      base64: approved.base64,
      tags: { CLEARFRAME_ASSET: approved.id },
    });
    // Only the sign-in method is remembered: no password, no key.
    const stored = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    expect(stored).not.toContain(registry.admin.password);
    expect(stored).toContain('"clearframe.signIn","session"');

    await signOut(page);

    await expect(context.cookies()).resolves.toEqual([]);
    // The registry ended the session: the old cookie no longer signs anyone in.
    const me = await fetch(`${registry.url}/v1/auth/me`, {
      headers: { cookie: `cf_session=${cookie?.value ?? ''}` },
    });
    expect(me.status).toBe(401);
  });

  it('signs in and stays signed in inside an iframe on another site, as in Office on the web', async () => {
    const { approved } = registry.assets;
    const { page, frame } = await harness.openFramed({
      host: 'PowerPoint',
      slides: [{ id: 's1' }],
    });
    // Chromium as Playwright runs it refuses a third-party iframe its storage (as Safari, a
    // private window or "block third-party cookies" do): the pane keeps nothing, and says so.
    await expect(frame.getAttribute('body', 'data-storage')).resolves.toBe('memory');
    await expect(frame.textContent('#cf-settings-note')).resolves.toContain('keep nothing here');
    // With nothing saved, the sign-in offers the registry the pane server proxies.
    await expect(frame.inputValue('#cf-sign-in-form input[name="registryUrl"]')).resolves.toBe(
      registry.url,
    );

    await signInWithAccount(frame, registry.url, registry.admin);

    await expect(frame.textContent('#cf-sign-in-message')).resolves.toBe('');
    await expect(frame.getAttribute('body', 'data-connection')).resolves.toBe('online');
    // Thumbnails come with the partitioned session cookie too.
    await expect(shownThumbnail(frame, registry.assets.revoked.id)).resolves.toEqual({
      blob: true,
      naturalWidth: 48,
    });
    await tile(frame, approved.id).click();
    await frame.waitForSelector('#cf-picker-message:has-text("Inserted")');
    expect((await documentState(frame)).slides[0]?.shapes[0]?.tags).toMatchObject({
      CLEARFRAME_ASSET: approved.id,
    });

    // Reopened: only the (partitioned) session cookie was kept, and it still signs the user in.
    await page.reload();
    const reopened = await (await page.waitForSelector('#pane')).contentFrame();
    await reopened?.waitForSelector('body[data-ready="true"][data-connection="online"]');
    await expect(reopened?.textContent('#cf-signed-in')).resolves.toBe(
      `Signed in as ${registry.admin.email}.`,
    );
  });
});

// Last: this stops the registry.
describe('when the registry stops', () => {
  it('marks the check stale when the registry has stopped', async () => {
    const { approved, revoked } = registry.assets;
    const { page } = await harness.open({
      host: 'PowerPoint',
      slides: [
        {
          id: 's1',
          shapes: [
            { tags: { CLEARFRAME_ASSET: approved.id } },
            { tags: { CLEARFRAME_ASSET: revoked.id } },
          ],
        },
      ],
    });
    await signInWithKey(page, registry.url, registry.editorKey);
    await tile(page, approved.id).waitFor();

    await registry.stop();
    await page.click('#cf-check-button');
    await page.waitForSelector('#cf-check-summary[data-stale="true"]');

    const rows = page.locator('#cf-check-list li');
    await expect(
      rows.evaluateAll((items) =>
        items.map((item) => [item.getAttribute('data-status'), item.getAttribute('data-stale')]),
      ),
    ).resolves.toEqual([
      ['approved', 'true'],
      ['blocked', 'true'],
    ]);
    await expect(page.textContent('#cf-check-summary')).resolves.toContain('Offline');
  });
});
