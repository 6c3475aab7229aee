// The picker in the block editor, as the `clearframe-picker` script: <cf-picker> (widget-picker)
// over core's editor cache and approvals, which sync through the plugin's REST proxy
// (/wp-json/clearframe/v1/sync, cookie + nonce via apiFetch), so the editor key stays on the server.
// The blocks' verdict notices and the pre-publish check watch the same approvals: verdicts are
// evaluated in the browser, and change at the instant an approval ends or a sync brings news.
import apiFetch from '@wordpress/api-fetch';
import { createApprovals, createRegistryClient, openCache, type Approvals } from '@clearframe/core';
import { fromCache, setPickerLocale, type PickerSource } from '@clearframe/picker';
import { assetIds, type SyncChange } from './asset-ids';
import { withPluginThumbs, type ClearframeEditorSettings, type ClearframePicker } from './global';

/** Relays core's requests for `<base>/v1/…` to the plugin's proxy routes. */
async function viaProxy(request: Request, base: string, seen: (changes: SyncChange[]) => void) {
  const url = new URL(request.url);
  const path = url.href.slice(base.length);
  if (!path.startsWith('v1/sync')) {
    return new Response(JSON.stringify({ title: 'Not proxied', status: 404 }), {
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
    });
  }
  let response: Response;
  try {
    response = await apiFetch<Response, false>({
      path: `/clearframe/v1/sync${url.search}`,
      parse: false,
      signal: request.signal,
    });
  } catch (error) {
    // apiFetch rejects a non-2xx answer with the Response itself when parse is false.
    if (error instanceof Response) return error;
    throw error;
  }
  const body = (await response.clone().json()) as { changes?: SyncChange[] };
  if (Array.isArray(body.changes)) seen(body.changes);
  return response;
}

/** Everything the page's pickers, blocks and pre-publish check share: one cache, one approvals. */
interface Session {
  source: PickerSource;
  approvals: Approvals;
  channel: string;
  /** Learns the policy's time zone from the cached records of some assets, once. */
  learnTimeZone(assetIds: readonly string[]): Promise<void>;
  timeZone: string | undefined;
  zoneListeners: Set<(zone: string) => void>;
}

function createSession(settings: ClearframeEditorSettings): Session {
  const ids = assetIds(window.localStorage, `clearframe:picker:${window.location.origin}`);
  // Names the cache (IndexedDB) and the client's base; never contacted itself.
  const base = `${window.location.origin}/clearframe-proxy/${ids.generation}/`;
  const client = createRegistryClient({
    baseUrl: base,
    credential: { kind: 'session' },
    fetch: (request) => viaProxy(request, base, (changes) => ids.apply(changes)),
  });
  const cache = openCache({ registry: base });
  const approvals = createApprovals({ client, cache, mode: 'editor' });
  const source = fromCache(cache, approvals, {
    assetIds: async () => {
      // A fresh cache (or a first visit) has seen no page yet: sync once to learn the ids.
      if (ids.list().length === 0) await cache.sync(client);
      return ids.list();
    },
    lang: settings.lang,
  });
  const session: Session = {
    approvals,
    channel: settings.channel,
    timeZone: undefined,
    zoneListeners: new Set(),
    async learnTimeZone(assetIds) {
      const [first] = assetIds;
      if (session.timeZone !== undefined || first === undefined) return;
      try {
        const zone = (await cache.inputs([first])).get(first)?.policy.timeZone;
        if (zone === undefined || zone === session.timeZone) return;
        session.timeZone = zone;
        for (const listener of session.zoneListeners) listener(zone);
      } catch {
        // Unreadable cache: dates stay in the browser's zone.
      }
    },
    source: {
      ...source,
      async list(channel, options) {
        const items = await source.list(channel, options);
        // Before the tiles render, so their "last day" is read in the policy's zone.
        await session.learnTimeZone(items.map((item) => item.id));
        // Every picture's thumbnail, blocked ones too, through the plugin (the feed's needs the key).
        return withPluginThumbs(settings, items);
      },
    },
  };
  return session;
}

let session: Session | undefined;

function current(): Session {
  const settings = window.clearframeEditor;
  if (settings === undefined) throw new Error('clearframeEditor settings are missing');
  if (session === undefined) {
    void setPickerLocale(settings.lang);
    session = createSession(settings);
  }
  return session;
}

const picker: ClearframePicker = {
  source: () => current().source,
  watch(assetId, callback) {
    const own = current();
    return own.approvals.watch(assetId, own.channel, (view) => {
      callback(view);
      if (view.approvedUntil !== null) void own.learnTimeZone([assetId]);
    });
  },
  refresh: () => current().approvals.refresh(),
  timeZone(callback) {
    const own = current();
    own.zoneListeners.add(callback);
    if (own.timeZone !== undefined) callback(own.timeZone);
    return () => {
      own.zoneListeners.delete(callback);
    };
  },
};
window.clearframePicker = picker;
