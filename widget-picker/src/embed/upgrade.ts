// Upgrades plain markup: `<img data-cf-asset="…">` is hidden unless its asset is approved, and
// hidden again the instant the approval ends.
import type { ApprovalView, Approvals } from '@clearframe/core/public';
import { CfStatusEvent } from '../events/cf-status-event.js';
import { isShowable } from '../image/paintable.js';
import { publicApprovals, publicTiming } from './public-approvals.js';

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
  installStyle(doc);
  const approvalsFor = options.approvalsFor ?? defaultApprovals(doc);
  const upgraded = new Map<HTMLImageElement, () => void>();

  const upgrade = (img: HTMLImageElement) => {
    if (upgraded.has(img)) return;
    hide(img);
    const assetId = img.dataset['cfAsset'];
    const service = approvalsFor(img);
    if (!assetId || !service) {
      upgraded.set(img, () => undefined);
      return;
    }
    const channel = img.dataset['cfChannel'] || 'web';
    let last: ApprovalView | undefined;
    const unwatch = service.watch(assetId, channel, (view) => {
      const shown = isShowable(view, Date.now());
      if (shown) show(img, view);
      else hide(img);
      img.dataset['cfStatus'] = view.status;
      if (!last || last.status !== view.status || isShowable(last, Date.now()) !== shown)
        img.dispatchEvent(new CfStatusEvent(view, shown));
      last = view;
    });
    upgraded.set(img, unwatch);
  };

  for (const img of root.querySelectorAll<HTMLImageElement>(SELECTOR)) upgrade(img);

  let observer: MutationObserver | undefined;
  if (options.observe ?? true) {
    observer = new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue;
          if (node.matches(SELECTOR)) upgrade(node as HTMLImageElement);
          for (const img of node.querySelectorAll<HTMLImageElement>(SELECTOR)) upgrade(img);
        }
      }
    });
    observer.observe(root as Node, { childList: true, subtree: true });
  }

  return () => {
    observer?.disconnect();
    for (const unwatch of upgraded.values()) unwatch();
    upgraded.clear();
  };
}

function hide(img: HTMLImageElement) {
  img.removeAttribute(SHOWN_ATTRIBUTE);
  img.hidden = true;
}

function show(img: HTMLImageElement, view: ApprovalView) {
  // Markup without a src waits for the verdict's media, so nothing is even downloaded before.
  const media = view.media;
  if (media && !img.getAttribute('src')) {
    if (media.srcset) img.srcset = media.srcset;
    img.src = media.src;
    if (media.alt !== undefined && !img.hasAttribute('alt')) img.alt = media.alt;
    if (media.width && !img.hasAttribute('width')) img.width = media.width;
    if (media.height && !img.hasAttribute('height')) img.height = media.height;
  }
  img.setAttribute(SHOWN_ATTRIBUTE, '');
  img.hidden = false;
}

/** A rule that hides upgraded-or-not images unless shown, whatever the page's own CSS says. */
function installStyle(doc: Document) {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = `${SELECTOR}:not([${SHOWN_ATTRIBUTE}]){display:none!important}`;
  (doc.head ?? doc.documentElement).append(style);
}

function defaultApprovals(doc: Document) {
  const meta = (name: string) =>
    doc.querySelector<HTMLMetaElement>(`meta[name="clearframe:${name}"]`)?.content;
  return (img: HTMLImageElement) => {
    const registry = img.dataset['cfRegistry'] || meta('registry');
    const key = img.dataset['cfKey'] || meta('key');
    if (!registry || !key) return undefined;
    // Seconds, as <cf-image>'s attributes: the image's own data attribute, else the page's meta.
    const setting = (name: string) => {
      const data = `data-cf-${name}`;
      return img.hasAttribute(data)
        ? { name: data, value: img.getAttribute(data) }
        : { name: `clearframe:${name}`, value: meta(name) };
    };
    const refresh = setting('refresh-interval');
    const staleness = setting('max-staleness');
    const timing = publicTiming(
      { refreshInterval: refresh.value, maxStaleness: staleness.value },
      { who: 'Clearframe', refreshInterval: refresh.name, maxStaleness: staleness.name },
    );
    try {
      return publicApprovals(registry, key, timing);
    } catch (error) {
      // A registry that is not a URL: this image stays hidden, and the others are still upgraded.
      const message = `Clearframe: cannot use the registry ${registry}`;
      if (!badRegistries.has(message)) console.warn(message, error);
      badRegistries.add(message);
      return undefined;
    }
  };
}

/** Registries already warned about, once per page each. */
const badRegistries = new Set<string>();
