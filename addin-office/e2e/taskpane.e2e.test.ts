import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  documentState,
  signInWithKey,
  startPaneHarness,
  tile,
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
    await expect(warning.textContent()).resolves.toContain('not approved');
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
