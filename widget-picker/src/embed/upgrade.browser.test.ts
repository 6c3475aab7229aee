import { afterEach, describe, expect, it, vi } from 'vitest';
import { CfStatusEvent } from '../events/cf-status-event.js';
import { ApprovalsDouble, MEDIA, view } from '../test-doubles/approvals-double.js';
import { REVOKED, eventually, stubPublicRegistry } from '../test-doubles/public-registry-double.js';
import { SHOWN_ATTRIBUTE, upgradeImages } from './upgrade.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function fixture(markup: string) {
  const root = document.createElement('div');
  root.innerHTML = markup;
  document.body.append(root);
  cleanups.push(() => root.remove());
  return root;
}

const visible = (img: HTMLImageElement) => getComputedStyle(img).display !== 'none';

describe('upgradeImages', () => {
  it('hides marked images at once and shows them only while approved', async () => {
    const root = fixture(`
      <img data-cf-asset="ast_1" src="${MEDIA.src}" alt="Lucia">
      <img data-cf-asset="ast_2" data-cf-channel="print" src="${MEDIA.src}" alt="Sports">
      <img class="plain" src="${MEDIA.src}" alt="Not managed">`);
    const approvals = new ApprovalsDouble();
    const stop = upgradeImages({ root, approvalsFor: () => approvals, observe: false });
    cleanups.push(stop);
    const [first, second, plain] = root.querySelectorAll('img');
    if (!first || !second || !plain) throw new Error('fixture');
    // Synchronously hidden, before any verdict.
    expect(visible(first)).toBe(false);
    expect(visible(second)).toBe(false);
    expect(visible(plain)).toBe(true);

    const statuses: string[] = [];
    first.addEventListener(CfStatusEvent.eventName, (event) => statuses.push(event.status));
    approvals.emit(view('ast_1', {}));
    approvals.emit({ ...view('ast_2', { status: 'blocked' }), channel: 'print' });
    expect(visible(first)).toBe(true);
    expect(first.hasAttribute(SHOWN_ATTRIBUTE)).toBe(true);
    expect(visible(second)).toBe(false);

    // The approval ends: hidden in the same callback.
    approvals.emit(view('ast_1', { status: 'blocked' }));
    expect(visible(first)).toBe(false);
    expect(first.dataset['cfStatus']).toBe('blocked');
    expect(statuses).toEqual(['approved', 'blocked']);
  });

  it('fills an image without src from the verdict media, only once approved', async () => {
    const root = fixture(`<img data-cf-asset="ast_3" hidden>`);
    const approvals = new ApprovalsDouble();
    cleanups.push(upgradeImages({ root, approvalsFor: () => approvals, observe: false }));
    const img = root.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBeNull();
    approvals.emit(view('ast_3', {}));
    expect(img.getAttribute('src')).toBe(MEDIA.src);
    expect(img.alt).toBe(MEDIA.alt);
    expect(img.hidden).toBe(false);
  });

  it('upgrades images added later', async () => {
    const root = fixture('');
    const approvals = new ApprovalsDouble();
    cleanups.push(upgradeImages({ root, approvalsFor: () => approvals }));
    root.innerHTML = `<p><img data-cf-asset="ast_4" src="${MEDIA.src}" alt=""></p>`;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(approvals.watching('ast_4')).toBe(1);
    const img = root.querySelector('img') as HTMLImageElement;
    expect(visible(img)).toBe(false);
  });

  it('keeps images with a registry that is not a URL hidden, warning once, and upgrades the others', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const registry = stubPublicRegistry();
    const bad = `data-cf-registry="not a url" data-cf-key="cf_pk_test"`;
    const root = fixture(`
      <img data-cf-asset="ast_1" ${bad} src="${MEDIA.src}" alt="">
      <img data-cf-asset="ast_2" ${bad} src="${MEDIA.src}" alt="">
      <img data-cf-asset="ast_3" data-cf-registry="${registry.url}" data-cf-key="${registry.key}"
        hidden alt="">`);
    cleanups.push(upgradeImages({ root }));
    const [first, second, good] = root.querySelectorAll('img') as unknown as HTMLImageElement[];
    if (!first || !second || !good) throw new Error('fixture');
    await eventually(() => !good.hidden);
    expect(visible(first)).toBe(false);
    expect(visible(second)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/^Clearframe: cannot use the registry not a url/);

    // Images added later are still upgraded.
    root.insertAdjacentHTML('beforeend', `<img data-cf-asset="ast_4" ${bad} alt="">`);
    root.insertAdjacentHTML(
      'beforeend',
      `<img data-cf-asset="ast_5" data-cf-registry="${registry.url}" data-cf-key="${registry.key}" hidden alt="">`,
    );
    const later = root.querySelector('img[data-cf-asset=ast_5]') as HTMLImageElement;
    await eventually(() => !later.hidden);
    expect(visible(root.querySelector('img[data-cf-asset=ast_4]') as HTMLImageElement)).toBe(false);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('keeps an image hidden when no registry is configured', () => {
    const root = fixture(`<img data-cf-asset="ast_5" src="${MEDIA.src}" alt="">`);
    cleanups.push(upgradeImages({ root, observe: false }));
    expect(visible(root.querySelector('img') as HTMLImageElement)).toBe(false);
  });
});

describe('upgradeImages timing', () => {
  /** `<meta name="clearframe:…">` in the page's head for this test. */
  function metas(content: Record<string, string>) {
    for (const [name, value] of Object.entries(content)) {
      const meta = document.createElement('meta');
      meta.name = `clearframe:${name}`;
      meta.content = value;
      document.head.append(meta);
      cleanups.push(() => meta.remove());
    }
  }

  it('refreshes at the image’s data-cf-refresh-interval, hiding it within one after a revocation', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const registry = stubPublicRegistry();
    const root = fixture(
      `<img data-cf-asset="ast_1" data-cf-registry="${registry.url}" data-cf-key="${registry.key}"
        data-cf-refresh-interval="5" hidden alt="">`,
    );
    cleanups.push(upgradeImages({ root, observe: false }));
    const img = root.querySelector('img') as HTMLImageElement;
    await eventually(() => !img.hidden);
    const [first] = registry.asked as [number];

    registry.answer = REVOKED;
    await vi.advanceTimersByTimeAsync(5_000);
    await eventually(() => img.hidden);
    expect(registry.asked.map((at) => at - first)).toEqual([0, 5_000]);
  });

  it('takes the page’s metas, and the default with one warning for a bad data attribute', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const registry = stubPublicRegistry();
    metas({ registry: registry.url, key: registry.key, 'refresh-interval': '5' });
    const root = fixture(`
      <img data-cf-asset="ast_1" hidden alt="">
      <img data-cf-asset="ast_2" data-cf-refresh-interval="ten" hidden alt="">
      <img data-cf-asset="ast_3" data-cf-refresh-interval="ten" hidden alt="">`);
    cleanups.push(upgradeImages({ root, observe: false }));
    const [byMeta, bad] = root.querySelectorAll('img') as unknown as [
      HTMLImageElement,
      HTMLImageElement,
    ];
    await eventually(() => !byMeta.hidden && !bad.hidden);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^Clearframe: data-cf-refresh-interval must be .*, not "ten"; using 60$/,
    );

    registry.answer = REVOKED;
    await vi.advanceTimersByTimeAsync(5_000);
    await eventually(() => byMeta.hidden);
    expect(bad.hidden).toBe(false);
    await vi.advanceTimersByTimeAsync(55_000);
    await eventually(() => bad.hidden);
  });
});
