// The task pane: signs in, hosts the picker for the host's channel, inserts, and checks the
// document. Views collect input and show output; the rules live in core and in pane/.

import type { Credential, PolicyRecord, Verdict } from '@clearframe/core';
import { fromCache, type PickerItem, type PickerMode } from '@clearframe/picker';
import type { HostAdapter, PictureRef, PictureToInsert } from '../hosts/host-adapter.js';
import { isHostError } from '../hosts/host-error.js';
import type { KeyValueStorage, UserStore } from '../hosts/user-storage.js';
import { checkDocument, type PictureAction, type PictureReport } from '../pane/check-document.js';
import { decideInsert, SurfacePolicy } from '../pane/insert.js';
import { describeReasons, messages, type Locale } from '../pane/messages.js';
import {
  DEFAULT_REGISTRY_URL,
  forgetEditorKey,
  loadEditorKey,
  loadOrgId,
  loadSettings,
  savedRegistryUrl,
  saveChannel,
  saveCheckOnOpen,
  saveEditorKey,
  saveOrgId,
  saveRegistryUrl,
  saveSignIn,
  type PaneSettings,
} from '../pane/settings.js';
import {
  AccountErrorCode,
  isAccountError,
  logIn,
  logOut,
  whoAmI,
  type Me,
} from '../registry/account.js';
import { offeredRegistry, resolveEndpoint, type Endpoint } from '../registry/endpoint.js';
import { openLibrary, type Library } from '../registry/library.js';
import { mountCheck, type CheckView } from './check-view.js';
import { mountPicker, type PickerView } from './picker-view.js';
import { mountSignIn, type SignInRequest, type SignInView } from './sign-in-view.js';

export interface PaneOptions {
  host: HostAdapter;
  store: UserStore;
  /** Where the asset index is kept (localStorage). */
  storage: KeyValueStorage;
  locale: Locale;
  regions: { settings: Element; pictures: Element; check: Element; status: Element };
  pageOrigin: string;
  /** False when `store` and `storage` are memory only (the browser refused its storage). */
  storagePersists?: boolean;
}

/** policy.surfaces.office → what the picker does with pictures that are not approved. */
const PICKER_MODES: Record<SurfacePolicy, PickerMode> = {
  hide: 'hide',
  warn: 'warn',
  block: 'disable',
};

function surfaceOf(policy: PolicyRecord | undefined): SurfacePolicy {
  const value = policy?.surfaces?.['office'];
  // An editor surface warns unless the organisation says otherwise (DESIGN.md, fail closed in public).
  return value === 'hide' || value === 'block' || value === 'warn' ? value : SurfacePolicy.warn;
}

export function startPane(options: PaneOptions): { ready: Promise<void> } {
  const { host, store, locale } = options;
  const text = messages(locale);
  const w = text.ui;
  // Until the user saves one, the registry is the one the pane server proxies (else the demo's).
  let defaultRegistryUrl = DEFAULT_REGISTRY_URL;
  const readSettings = (): PaneSettings => {
    const loaded = loadSettings(store, host.kind);
    return savedRegistryUrl(store) === null
      ? { ...loaded, registryUrl: defaultRegistryUrl }
      : loaded;
  };
  let settings: PaneSettings = readSettings();
  let library: Library | undefined;
  let endpoint: Endpoint | undefined;
  let policy: PolicyRecord | undefined;
  let replacing: { ref: PictureRef; title: string } | undefined;

  const status = (sentence: string) => {
    options.regions.status.textContent = sentence;
  };
  const timeZone = () => policy?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;

  const hostSentence = (error: unknown): string | undefined =>
    isHostError(error) ? text.hostError[error.code] : undefined;
  const accountSentence = (error: unknown): string => {
    if (!isAccountError(error)) return w.account.failed;
    if (error.code === AccountErrorCode.throttled && error.retryAfterSeconds !== undefined) {
      return w.throttled(Math.max(1, Math.ceil(error.retryAfterSeconds / 60)));
    }
    return w.account[error.code];
  };

  const signIn: SignInView = mountSignIn(options.regions.settings, {
    words: w,
    registryUrl: settings.registryUrl,
    method: settings.signIn,
    channel: settings.channel,
    checkOnOpen: settings.checkOnOpen,
    onSignIn: (request) => submitSignIn(request),
    onSignOut: () => signOutNow(),
    onSavePreferences: async (channel, checkOnOpen) => {
      try {
        await saveChannel(store, host.kind, channel);
        await saveCheckOnOpen(store, checkOnOpen);
      } catch {
        signIn.say(w.account.failed, true);
        return;
      }
      settings = readSettings();
      document.body.dataset['channel'] = settings.channel;
      if (library) await showPicker();
      // Only once the picker shows the new channel.
      signIn.say(w.saved);
    },
  });
  const pictures: PickerView = mountPicker(options.regions.pictures, {
    words: w,
    onPick: (item, warned) => pick(item, warned),
    onCancelReplace: () => {
      replacing = undefined;
      pictures.setReplacing(null);
    },
  });
  const check: CheckView = mountCheck(options.regions.check, {
    locale,
    onCheck: () => runCheck(),
    onAction: (action, picture) => act(action, picture),
    titleOf: (picture) => titles.get(picture.assetId) ?? (picture.altText || picture.assetId),
  });
  const titles = new Map<string, string>();

  function credentialOf(current: PaneSettings): Credential | null {
    if (current.signIn === 'session') return { kind: 'session' };
    if (current.signIn === 'key') {
      const key = loadEditorKey(store);
      return key === null ? null : { kind: 'editor', key };
    }
    return null;
  }

  function signedInLabel(me: Me | null): string {
    if (settings.signIn === 'session') return w.signedInAs(me?.user?.email ?? '');
    return w.signedInWithKey;
  }

  async function start(): Promise<void> {
    if (savedRegistryUrl(store) === null) {
      const offered = await offeredRegistry(options.pageOrigin);
      if (offered !== null) {
        defaultRegistryUrl = offered;
        settings = readSettings();
        signIn.setRegistryUrl(offered);
      }
    }
    if (options.storagePersists === false) signIn.note(w.storageRefused);
    await connect();
  }

  /** Opens the library for the stored credential; offline, with the organisation last seen. */
  async function connect(): Promise<void> {
    let credential = credentialOf(settings);
    let target: Endpoint | undefined;
    let me: Me | null = null;
    if (credential === null && options.storagePersists === false) {
      // Where nothing the pane stores outlives the page, the registry's session cookie may (the
      // browser keeps it, partitioned, even where it refuses the pane's storage): still signed in?
      target = await resolveEndpoint(settings.registryUrl, options.pageOrigin);
      me = await whoAmI(target.baseUrl, { kind: 'session' }).catch(() => null);
      if (me !== null) {
        await saveSignIn(store, 'session');
        settings = readSettings();
        credential = { kind: 'session' };
      }
    }
    if (credential === null) {
      status(w.needSignIn);
      signIn.setSignedIn(null);
      check.setEnabled(false);
      return;
    }
    // The endpoint and the account, once each: the lingering session's when it was found.
    endpoint = target ?? (await resolveEndpoint(settings.registryUrl, options.pageOrigin));
    let orgId = loadOrgId(store, settings.registryUrl);
    try {
      me ??= await whoAmI(endpoint.baseUrl, credential);
      orgId = me.orgId;
      await saveOrgId(store, settings.registryUrl, orgId);
    } catch (error) {
      if (!isAccountError(error) || error.code !== AccountErrorCode.unreachable || orgId === null) {
        signIn.setSignedIn(null);
        signIn.say(accountSentence(error), true);
        status(w.needSignIn);
        check.setEnabled(false);
        return;
      }
    }
    library?.close();
    library = await openLibrary({ endpoint, credential, orgId, storage: options.storage });
    signIn.setSignedIn(signedInLabel(me));
    check.setEnabled(true);
    const online = me !== null && (await library.syncNow());
    status(online ? text.paneReady(hostName(), settings.channel) : w.offline);
    document.body.dataset['connection'] = online ? 'online' : 'offline';
    await showPicker();
    if (settings.checkOnOpen) await runCheck();
  }

  const hostName = () => (host.kind === 'word' ? 'Word' : 'PowerPoint');

  async function showPicker(): Promise<void> {
    if (!library) return;
    policy = await library.policy();
    const current = library;
    for (const id of current.assetIds()) {
      const record = await current.asset(id);
      if (record?.title) titles.set(id, record.title);
    }
    const surface = surfaceOf(policy);
    document.body.dataset['surface'] = surface;
    pictures.connect({
      source: fromCache(current.cache, current.approvals, {
        assetIds: () => current.assetIds(),
        lang: locale,
        // Every picture's, blocked ones' too: loaded with the credential for the tiles in view.
        thumbnail: (asset, { signal }) => current.thumbnail(asset, signal),
      }),
      channel: settings.channel,
      mode: PICKER_MODES[surface],
      lang: locale,
      timeZone: timeZone(),
    });
  }

  async function submitSignIn(request: SignInRequest): Promise<void> {
    signIn.say('');
    let registryUrl: string;
    try {
      registryUrl = await saveRegistryUrl(store, request.registryUrl);
    } catch {
      signIn.say(w.account.invalidUrl, true);
      return;
    }
    const target = await resolveEndpoint(registryUrl, options.pageOrigin);
    try {
      let me: Me;
      if (request.method === 'key') {
        const key = request.key.trim();
        if (!/^cf_ed_[A-Za-z0-9_-]+$/.test(key)) {
          signIn.say(w.account.invalidKey, true);
          return;
        }
        me = await whoAmI(target.baseUrl, { kind: 'editor', key });
        await saveEditorKey(store, key);
      } else {
        me = await logIn(target.baseUrl, request.email, request.password);
        await forgetEditorKey(store);
      }
      await saveOrgId(store, registryUrl, me.orgId);
      await saveSignIn(store, request.method);
    } catch (error) {
      signIn.say(accountSentence(error), true);
      return;
    }
    settings = readSettings();
    await connect();
  }

  async function signOutNow(): Promise<void> {
    if (settings.signIn === 'session' && endpoint) await logOut(endpoint.baseUrl);
    await forgetEditorKey(store);
    await saveSignIn(store, null);
    settings = readSettings();
    library?.close();
    library = undefined;
    pictures.disconnect();
    signIn.setSignedIn(null);
    check.setEnabled(false);
    status(w.needSignIn);
  }

  /** The verdict the pane decides on: evaluated now from the cache, stale as the service says. */
  async function lookup(assetId: string): Promise<{ verdict: Verdict; stale: boolean } | null> {
    if (!library) return null;
    const view = await library.approvals.verdict(assetId, settings.channel);
    const verdict = await library.cache.evaluate(assetId, settings.channel);
    return verdict === undefined ? null : { verdict, stale: view.stale };
  }

  async function pick(item: PickerItem, warned: boolean): Promise<void> {
    if (!library) return;
    const decision = decideInsert(await lookup(item.id), surfaceOf(policy), timeZone());
    const reasons = (list: Parameters<typeof describeReasons>[0]) =>
      describeReasons(list, locale) || text.status.blocked;
    if (decision.kind === 'hide' || decision.kind === 'refuse') {
      const why = decision.kind === 'refuse' ? reasons(decision.reasons) : text.status.blocked;
      await pictures.review({ title: item.title, lines: [text.refuseInsert(why)], confirm: null });
      return;
    }
    if (decision.kind === 'confirm' && !warned) {
      const confirmed = await pictures.review({
        title: item.title,
        lines: [text.confirmInsert(reasons(decision.reasons))],
        confirm: w.insertAnyway,
      });
      if (!confirmed) return;
    }
    if (decision.kind === 'insert' && decision.lastValidDay !== null) {
      const confirmed = await pictures.review({
        title: item.title,
        lines: [
          w.lastValidDayBefore(decision.lastValidDay),
          ...(decision.stale ? [text.stale] : []),
        ],
        confirm: w.insert,
      });
      if (!confirmed) return;
    }
    await place(item);
  }

  /** Fetches the bytes and inserts them, or replaces the picture being replaced. */
  async function place(item: PickerItem): Promise<void> {
    if (!library) return;
    pictures.say(w.inserting);
    let picture: PictureToInsert;
    try {
      picture = await library.picture(item.id, locale);
    } catch {
      pictures.say(w.fetchFailed, true);
      return;
    }
    try {
      const target = replacing;
      const result = target
        ? await host.replacePicture(target.ref, picture)
        : await host.insertPicture(picture);
      titles.set(item.id, item.title);
      const done = target ? w.replaced(item.title) : w.inserted(item.title);
      pictures.say(result.altTextApplied ? done : `${done} ${w.altTextMissing}`);
      if (target) {
        replacing = undefined;
        pictures.setReplacing(null);
        await runCheck();
      }
    } catch (error) {
      pictures.say(hostSentence(error) ?? text.hostError.host_failed, true);
    }
  }

  async function runCheck(): Promise<void> {
    if (!library) {
      check.say(w.needSignIn, true);
      return;
    }
    check.say(w.checking);
    try {
      const report = await checkDocument(host, library.checkVerdicts(settings.channel), {
        timeZone: timeZone(),
      });
      check.showReport(report);
      check.say('');
    } catch (error) {
      check.say(hostSentence(error) ?? text.hostError.host_failed, true);
    }
  }

  async function act(action: PictureAction, picture: PictureReport): Promise<void> {
    try {
      if (action === 'select') {
        await host.selectPicture(picture.ref);
      } else if (action === 'remove') {
        await host.removePicture(picture.ref);
        await runCheck();
        check.say(w.removed);
      } else {
        const title = titles.get(picture.assetId) ?? (picture.altText || picture.assetId);
        replacing = { ref: picture.ref, title };
        pictures.setReplacing(w.replacing(title));
      }
    } catch (error) {
      check.say(hostSentence(error) ?? text.hostError.host_failed, true);
    }
  }

  return { ready: start() };
}
