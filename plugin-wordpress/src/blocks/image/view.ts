// Front end, beside widget-picker's embed (which shows or hides the <img> itself as the registry's
// verdict changes): the figure around it, caption included, follows its picture, and goes at the
// instant the approval the server rendered with ends, even before the embed has asked.
const MAX_DELAY = 2 ** 31 - 1; // setTimeout's limit; longer waits are re-armed

function schedule(figure: HTMLElement, until: number): void {
  const delay = until - Date.now();
  if (delay <= 0) {
    figure.hidden = true;
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

// cf-status (CfStatusEvent) bubbles from every upgraded image with whether it is shown now.
document.addEventListener('cf-status', (event) => {
  const figure = (event.target as Element | null)?.closest<HTMLElement>(
    'figure[data-clearframe-asset]',
  );
  if (figure && 'shown' in event) {
    figure.hidden = !event.shown;
  }
});
