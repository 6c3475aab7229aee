// The "Test connection" button of Settings → Clearframe: asks admin-ajax and shows the answer.
/* global document, fetch, URLSearchParams */
(function () {
  const button = document.getElementById('clearframe-test-connection');
  const output = document.getElementById('clearframe-test-result');
  if (!button || !output) {
    return;
  }

  function show(ok, messages) {
    output.className = 'notice inline ' + (ok ? 'notice-success' : 'notice-error');
    output.replaceChildren(
      ...messages.map((message) => {
        const p = document.createElement('p');
        p.textContent = message;
        return p;
      }),
    );
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    show(true, [button.dataset.pending]);
    try {
      const response = await fetch(button.dataset.url, {
        method: 'POST',
        credentials: 'same-origin',
        body: new URLSearchParams({
          action: button.dataset.action,
          _ajax_nonce: button.dataset.nonce,
        }),
      });
      const json = await response.json();
      show(Boolean(json.success), json.data.messages);
    } catch {
      show(false, [button.dataset.failed]);
    } finally {
      button.disabled = false;
    }
  });
})();
