// Front end: removes a Clearframe figure at the instant its approval ends, so a page left open
// does not keep showing it. <cf-image> (issue 4) takes over re-checking with the registry.
const MAX_DELAY = 2 ** 31 - 1; // setTimeout's limit; longer waits are re-armed

function schedule(figure: HTMLElement, until: number): void {
  const delay = until - Date.now();
  if (delay <= 0) {
    figure.remove();
    return;
  }
  setTimeout(() => schedule(figure, until), Math.min(delay, MAX_DELAY));
}

for (const figure of document.querySelectorAll<HTMLElement>('figure[data-clearframe-until]')) {
  const until = Date.parse(figure.dataset.clearframeUntil ?? '');
  if (!Number.isNaN(until)) {
    schedule(figure, until);
  }
}
