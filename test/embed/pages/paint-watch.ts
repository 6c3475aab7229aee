// Runs in the page before any of its scripts (page.addInitScript): records every <img> that is
// inserted, given a source or loaded anywhere, shadow roots included, so a test can say that a
// picture was never painted rather than only that it is gone now.

export interface PaintRecord {
  what: 'inserted' | 'src' | 'loaded';
  src: string;
}

declare global {
  interface Window {
    cfPaints: PaintRecord[];
  }
}

/** Passed to page.addInitScript as is: it must not close over anything. */
export function watchPaints(): void {
  const paints: PaintRecord[] = [];
  window.cfPaints = paints;
  const note = (what: PaintRecord['what'], img: HTMLImageElement) => {
    const src = img.currentSrc || img.getAttribute('src') || img.getAttribute('srcset') || '';
    if (src) paints.push({ what, src });
  };
  const visit = (node: Node) => {
    if (node instanceof HTMLImageElement) note('inserted', node);
    if (node instanceof Element || node instanceof DocumentFragment)
      for (const img of node.querySelectorAll('img')) note('inserted', img);
  };
  const onLoad = (event: Event) => {
    if (event.target instanceof HTMLImageElement) note('loaded', event.target);
  };
  const watch = (root: Document | ShadowRoot) => {
    new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'childList') record.addedNodes.forEach(visit);
        else if (record.target instanceof HTMLImageElement) note('src', record.target);
      }
    }).observe(root, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['src', 'srcset'],
    });
    // `load` does not cross shadow boundaries: listen on every root.
    root.addEventListener('load', onLoad, true);
  };
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    watch(root);
    return root;
  };
  watch(document);
}
