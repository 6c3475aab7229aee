// The settings region: registry URL, sign-in (editor key or registry account), channel and
// check-on-open. It only collects input and shows outcomes; the pane decides what they mean.

import type { SignInMethod } from '../pane/settings.js';
import type { UiWords } from '../pane/messages.js';
import { fill, h } from './dom.js';

export interface SignInRequest {
  registryUrl: string;
  method: SignInMethod;
  key: string;
  email: string;
  password: string;
}

export interface SignInViewOptions {
  words: UiWords;
  registryUrl: string;
  method: SignInMethod | null;
  channel: string;
  checkOnOpen: boolean;
  onSignIn(request: SignInRequest): Promise<void>;
  onSignOut(): Promise<void>;
  onSavePreferences(channel: string, checkOnOpen: boolean): Promise<void>;
}

export interface SignInView {
  /** Shows who is signed in (or null), and folds the region away once signed in. */
  setSignedIn(label: string | null): void;
  /** A sentence under the form; `error` makes it an alert. */
  say(text: string, error?: boolean): void;
  /** Puts a registry URL in the form (the default the pane server offers). */
  setRegistryUrl(url: string): void;
  /** A standing note above the form, for conditions that last (storage refused); null hides it. */
  note(text: string | null): void;
}

export function mountSignIn(container: Element, options: SignInViewOptions): SignInView {
  const w = options.words;
  const method = options.method ?? 'key';
  const field = (label: string, input: HTMLInputElement) =>
    h('label', { class: 'field' }, h('span', {}, label), input);
  const url = h('input', {
    name: 'registryUrl',
    type: 'url',
    required: true,
    value: options.registryUrl,
  });
  const key = h('input', {
    name: 'key',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const email = h('input', { name: 'email', type: 'email', autocomplete: 'username' });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
  });
  const radio = (value: SignInMethod, label: string) =>
    h(
      'label',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        name: 'method',
        value,
        checked: value === method,
        onchange: () => showMethod(value),
      }),
      label,
    );
  const keyFields = h('div', { 'data-method': 'key' }, field(w.editorKey, key));
  const accountFields = h(
    'div',
    { 'data-method': 'session' },
    field(w.email, email),
    field(w.password, password),
    h('p', { class: 'note' }, w.accountNote),
  );
  const showMethod = (value: SignInMethod) => {
    keyFields.hidden = value !== 'key';
    accountFields.hidden = value !== 'session';
  };
  showMethod(method);

  const message = h('p', { id: 'cf-sign-in-message', class: 'message', 'aria-live': 'polite' });
  const standing = h('p', { id: 'cf-settings-note', class: 'note', hidden: true });
  const who = h('p', { id: 'cf-signed-in', class: 'who' });
  const signOut = h('button', { type: 'button', id: 'cf-sign-out', hidden: true }, w.signOut);
  const busy = async (button: HTMLButtonElement, work: () => Promise<void>) => {
    button.disabled = true;
    try {
      await work();
    } finally {
      button.disabled = false;
    }
  };

  const submit = h('button', { type: 'submit', id: 'cf-sign-in' }, w.signIn);
  const form = h(
    'form',
    { id: 'cf-sign-in-form' },
    field(w.registryUrl, url),
    h(
      'fieldset',
      {},
      h('legend', {}, w.signInWith),
      radio('key', w.withKey),
      radio('session', w.withAccount),
    ),
    keyFields,
    accountFields,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = (form.elements.namedItem('method') as RadioNodeList).value as SignInMethod;
    void busy(submit, () =>
      options.onSignIn({
        registryUrl: url.value,
        method: chosen,
        key: key.value,
        email: email.value,
        password: password.value,
      }),
    ).then(() => {
      password.value = '';
    });
  });
  signOut.addEventListener('click', () => void busy(signOut, options.onSignOut));

  const channel = h('input', { name: 'channel', value: options.channel, required: true });
  const checkOnOpen = h('input', {
    type: 'checkbox',
    name: 'checkOnOpen',
    checked: options.checkOnOpen,
  });
  const save = h('button', { type: 'submit' }, w.save);
  const preferences = h(
    'form',
    { id: 'cf-preferences' },
    field(w.channel, channel),
    h('label', { class: 'choice' }, checkOnOpen, w.checkOnOpen),
    save,
  );
  preferences.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(save, () => options.onSavePreferences(channel.value, checkOnOpen.checked));
  });

  const details = h(
    'details',
    { id: 'cf-settings', open: true },
    h('summary', {}, w.settings),
    standing,
    who,
    signOut,
    form,
    message,
    preferences,
  );
  fill(container, details);

  return {
    setSignedIn(label) {
      who.textContent = label ?? '';
      signOut.hidden = label === null;
      form.hidden = label !== null;
      details.open = label === null;
    },
    say(text, error = false) {
      message.textContent = text;
      message.setAttribute('role', error ? 'alert' : 'status');
    },
    setRegistryUrl(value) {
      url.value = value;
    },
    note(text) {
      standing.textContent = text ?? '';
      standing.hidden = text === null;
    },
  };
}
