// Upgrades plain markup: `<img data-cf-asset="…">` is hidden unless its asset is approved, and
// hidden again the instant the approval ends.
import type { ApprovalView, Approvals } from '@clearframe/core/public';
import { watchStatus } from '../events/cf-status-event.js';
import { isShowable } from '../image/paintable.js';
import { markupApprovals } from './public-approvals.js';

/** Set on an upgraded image while it may be shown; the style below hides every other one. */
export const SHOWN_ATTRIBUTE = 'data-cf-shown';
const SELECTOR = 'img[data-cf-asset]';
const STYLE_ID = 'cf-upgrade-style';

export interface UpgradeOptions {
  /** Where to look, default `document`. */
  root?: ParentNode;
  /**
   * The approvals service of an image; default a public one from the image's
   * `data-cf-registry`/`data-cf-key` or the page's `<meta name="clearframe:registry">` and
   * `<meta name="clearframe:key">`, timed by the image's `data-cf-refresh-interval` and
   * `data-cf-max-staleness` or the page's `clearframe:refresh-interval` and
   * `clearframe:max-staleness` metas (seconds, as `<cf-image>`'s attributes).
   */
  approvalsFor?: (img: HTMLImageElement) => Pick<Approvals, 'watch'> | undefined;
  /** Also upgrade images added later (a MutationObserver). Default true. */
  observe?: boolean;
}

/**
 * Hides every `img[data-cf-asset]` at once (a style rule plus the `hidden` attribute) and shows
 * it only while approved. A module script runs after parsing, so a browser may paint an image
 * before this runs: markup that must never flash carries `hidden` (or no `src`, which is then
 * filled from the verdict's media). Returns a function that stops watching.
 */
export function upgradeImages(options: UpgradeOptions = {}): () => void {
  const root = options.root ?? document;
  const doc = (root as Node).ownerDocument ?? (root as Document);
  // A rule that hides marked images unless shown, whatever the page's own CSS says.
  if (!doc.getElementById(STYLE_ID)) {
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = `${SELECTOR}:not([${SHOWN_ATTRIBUTE}]){display:none!important}`;
    (doc.head ?? doc.documentElement).append(style);
  }
  const approvalsFor = options.approvalsFor ?? defaultApprovals(doc);
  const upgraded = new Map<HTMLImageElement, (() => void) | undefined>();

  const upgrade = (img: HTMLImageElement) => {
    if (upgraded.has(img)) return;
    hide(img);
    const assetId = img.dataset['cfAsset'];
    const service = assetId && approvalsFor(img);
    const channel = img.dataset['cfChannel'] || 'web';
    upgraded.set(
      img,
      service
        ? watchStatus(service, assetId, channel, img, (view) => {
            const shown = isShowable(view, Date.now());
            if (shown) show(img, view);
            else hide(img);
            img.dataset['cfStatus'] = view.status;
            return shown;
          })
        : undefined,
    );
  };
  /** The marked images in `node`, itself included. */
  const upgradeIn = (node: ParentNode) => {
    if ((node as Element).matches?.(SELECTOR)) upgrade(node as HTMLImageElement);
    node.querySelectorAll<HTMLImageElement>(SELECTOR).forEach(upgrade);
  };

  upgradeIn(root);
  const observer =
    (options.observe ?? true)
      ? new MutationObserver((records) => {
          for (const record of records)
            record.addedNodes.forEach((node) => node instanceof Element && upgradeIn(node));
        })
      : undefined;
  observer?.observe(root as Node, { childList: true, subtree: true });

  return () => {
    observer?.disconnect();
    for (const unwatch of upgraded.values()) unwatch?.();
    upgraded.clear();
  };
}

function hide(img: HTMLImageElement) {
  img.removeAttribute(SHOWN_ATTRIBUTE);
  img.hidden = true;
}

function show(img: HTMLImageElement, { media }: ApprovalView) {
  // Markup without a src waits for the verdict's media, so nothing is even downloaded before.
  if (media && !img.getAttribute('src')) {
    if (media.srcset) img.srcset = media.srcset;
    img.src = media.src;
    for (const name of ['alt', 'width', 'height'] as const) {
      const value = media[name];
      // An empty alt is kept (a decorative picture), a width or height of 0 is not.
      if ((value || value === '') && !img.hasAttribute(name)) img.setAttribute(name, `${value}`);
    }
  }
  img.setAttribute(SHOWN_ATTRIBUTE, '');
  img.hidden = false;
}

function defaultApprovals(doc: Document) {
  const meta = (name: string) =>
    doc.querySelector<HTMLMetaElement>(`meta[name="clearframe:${name}"]`)?.content;
  return (img: HTMLImageElement) => {
    // Seconds, as <cf-image>'s attributes: the image's own data attribute, else the page's meta,
    // each named in warnings as the markup spells it.
    const setting = (name: string): [string, string | null | undefined] => {
      const data = `data-cf-${name}`;
      return img.hasAttribute(data)
        ? [data, img.getAttribute(data)]
        : [`clearframe:${name}`, meta(name)];
    };
    const [refreshName, refreshInterval] = setting('refresh-interval');
    const [stalenessName, maxStaleness] = setting('max-staleness');
    return markupApprovals(
      img.dataset['cfRegistry'] || meta('registry'),
      img.dataset['cfKey'] || meta('key'),
      { refreshInterval, maxStaleness },
      { who: 'Clearframe', refreshInterval: refreshName, maxStaleness: stalenessName },
    );
  };
}
