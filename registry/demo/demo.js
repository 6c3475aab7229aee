// The demo page's script: one <cf-image> per kind of demo picture, and a button that withdraws
// the consent behind the approved one through the registry's demo-only route.
// Served next to cf-embed.js by the registry; ./config.json gives the publishable key and the
// demo's asset ids (and the registry's URL when the page is served from elsewhere).
/* global document, location, fetch, Event */

const config = await (await fetch('./config.json')).json();
const registry = config.registry ?? `${location.origin}/`;
const log = document.getElementById('log');
const button = document.getElementById('revoke');

for (const figure of document.querySelectorAll('figure[data-kind]')) {
  const assetId = config.assets[figure.dataset.kind]?.[0];
  const state = figure.querySelector('.state');
  if (!assetId) {
    state.textContent = 'no such picture in the demo';
    continue;
  }
  const image = document.createElement('cf-image');
  image.setAttribute('registry', registry);
  image.setAttribute('key', config.publishableKey);
  image.setAttribute('asset-id', assetId);
  image.setAttribute('channel', 'web');
  image.setAttribute('sizes', '(max-width: 40rem) 100vw, 20rem');
  const placeholder = document.createElement('span');
  placeholder.slot = 'placeholder';
  placeholder.className = 'placeholder';
  placeholder.textContent = 'Not shown: no valid consent for the web.';
  image.append(placeholder);
  image.addEventListener('cf-status', (event) => {
    state.textContent = event.shown ? `shown (${event.status})` : `hidden (${event.status})`;
  });
  figure.prepend(image);
}

const approved = config.assets.approved?.[0];
button.disabled = !approved;
button.addEventListener('click', async () => {
  button.disabled = true;
  log.textContent = 'Withdrawing the consent…';
  // The demo routes live with the page: the registry serves both.
  const response = await fetch(`/v1/demo/revoke/${encodeURIComponent(approved)}`, {
    method: 'POST',
  });
  if (!response.ok) {
    log.textContent = `The registry refused: ${response.status}.`;
    button.disabled = false;
    return;
  }
  log.textContent =
    'Consent withdrawn in the registry. The picture goes at the next check (at most a minute).';
  // The embed re-checks on visibilitychange as well as every minute: ask it to look now.
  document.dispatchEvent(new Event('visibilitychange'));
});
