// Serves the built task pane and a same-origin proxy to the registries it is allowed to reach.
//
// The registry sends no CORS headers on editor routes, and its session cookie is SameSite=Strict:
// a pane on https://localhost:3000 could not call http://localhost:8787 directly. Through
// /registry-proxy/<n>/… the calls are same-origin, so the editor key and the session both work.
// Only the registries given at start are reachable: this is not an open proxy.
//
// The registry's session cookie becomes the pane origin's, scoped to its registry's prefix (one
// registry never sees another's session). Over HTTPS it is re-issued `SameSite=None; Secure;
// Partitioned`: in Office on the web the pane is an iframe inside office.com, where the browser
// neither stores nor sends a Strict cookie, while a partitioned one is kept for that embedding
// only. The SameSite lock the browser no longer applies is applied here instead: a request that
// is not same-origin (Sec-Fetch-Site, else Origin) reaches the registry without the cookie.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';

/** The path the pane reads to learn which registries the proxy reaches. */
export const SERVER_CONFIG_PATH = '/clearframe-server.json';
export const PROXY_PREFIX = '/registry-proxy/';

export interface PaneServerOptions {
  /** The built task pane (dist/). */
  root: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  hostname?: string;
  /** HTTPS with this key and certificate; plain HTTP without. */
  tls?: { key: string; cert: string } | undefined;
  /** Registry origins the proxy forwards to, in order: `/registry-proxy/0/` is the first. */
  registries?: readonly string[];
}

export interface RunningPaneServer {
  url: string;
  port: number;
  /** The registries' origins, in proxy order. */
  registries: string[];
  close(): Promise<void>;
}

/** What `/clearframe-server.json` answers. */
export interface ServerConfig {
  proxy: string;
  registries: string[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

// Hop-by-hop headers (RFC 9110 §7.6.1) and those the proxy sets itself.
const DROPPED_REQUEST_HEADERS = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'content-length',
]);
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'set-cookie',
]);

export async function startPaneServer(options: PaneServerOptions): Promise<RunningPaneServer> {
  const registries = (options.registries ?? []).map((url) => new URL(url).origin);
  const scheme = options.tls ? 'https' : 'http';
  let ownOrigin = '';
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      }
      response.end(error instanceof Error ? error.message : String(error));
    });
  };
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', ownOrigin);
    if (url.pathname === SERVER_CONFIG_PATH) {
      const config: ServerConfig = { proxy: PROXY_PREFIX, registries };
      sendJson(response, 200, config);
      return;
    }
    if (url.pathname.startsWith(PROXY_PREFIX)) {
      await proxy(request, response, url, registries, ownOrigin, scheme === 'https');
      return;
    }
    serveFile(options.root, url.pathname, request, response);
  };
  const server: Server = options.tls
    ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3000, options.hostname ?? 'localhost', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  ownOrigin = `${scheme}://localhost:${port}`;
  return {
    url: ownOrigin,
    port,
    registries: [...registries],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': status >= 400 ? 'application/problem+json' : 'application/json',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(body));
}

function serveFile(
  root: string,
  pathname: string,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  const relative = pathname === '/' ? 'taskpane.html' : decodeURIComponent(pathname.slice(1));
  const file = normalize(join(root, relative));
  if (
    (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) ||
    !existsSync(file) ||
    !statSync(file).isFile()
  ) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end('Not found');
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // Hashed bundles may be cached; pages and office.js are checked on every load.
    'cache-control': /^assets\/.+-[\w-]{8}\.(js|css)$/.test(relative)
      ? 'max-age=31536000'
      : 'no-cache',
  });
  if (request.method === 'HEAD') response.end();
  else createReadStream(file).pipe(response);
}

async function proxy(
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  registries: readonly string[],
  ownOrigin: string,
  secure: boolean,
): Promise<void> {
  const [index = '', ...rest] = url.pathname.slice(PROXY_PREFIX.length).split('/');
  const upstream = /^\d+$/.test(index) ? registries[Number(index)] : undefined;
  if (upstream === undefined) {
    sendJson(response, 404, {
      type: 'about:blank',
      title: 'Unknown registry',
      status: 404,
      code: 'unknown_registry',
    });
    return;
  }
  const target = new URL(`/${rest.join('/')}${url.search}`, upstream);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || DROPPED_REQUEST_HEADERS.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  if (!isSameOrigin(request, ownOrigin)) headers.delete('cookie');
  // The pane's own requests are same-origin for the registry too; anything else keeps its
  // Origin, so the registry still refuses cross-origin writes made with a session cookie.
  if (headers.get('origin') === ownOrigin) headers.set('origin', upstream);
  headers.delete('referer');
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let answer: Response;
  try {
    answer = await fetch(target, {
      method: request.method ?? 'GET',
      headers,
      redirect: 'manual',
      ...(hasBody ? { body: Readable.toWeb(request) as ReadableStream, duplex: 'half' } : {}),
    } as RequestInit);
  } catch (error) {
    sendJson(response, 502, {
      type: 'about:blank',
      title: 'The registry cannot be reached',
      status: 502,
      code: 'registry_unreachable',
      detail: error instanceof Error ? (error.cause as Error | undefined)?.message : undefined,
    });
    return;
  }
  const out: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE_HEADERS.has(name)) out[name] = value;
  });
  const pathPrefix = `${PROXY_PREFIX}${index}`;
  const cookies = answer.headers
    .getSetCookie()
    .map((cookie) => proxiedSetCookie(cookie, { pathPrefix, secure }));
  if (cookies.length > 0) out['set-cookie'] = cookies;
  response.writeHead(answer.status, out);
  if (answer.body === null) {
    response.end();
    return;
  }
  Readable.fromWeb(answer.body as NodeReadableStream).pipe(response);
}

/**
 * Whether a request to the proxy comes from the pane's own origin. Browsers say so in
 * Sec-Fetch-Site; without it (an older browser, a script) the Origin header decides, and a
 * request with neither (a plain GET from a tool) counts as same-origin.
 */
export function isSameOrigin(
  request: Pick<IncomingMessage, 'headers'>,
  ownOrigin: string,
): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin';
  const origin = request.headers['origin'];
  return origin === undefined || origin === ownOrigin;
}

export interface SetCookieScope {
  /** `/registry-proxy/<n>`: the registry's paths live under it on the pane's origin. */
  pathPrefix: string;
  /** The pane is served over HTTPS. */
  secure: boolean;
}

/**
 * A registry's Set-Cookie as the pane's origin must issue it: no Domain (it named the registry),
 * Path moved under the registry's prefix, and over HTTPS `Secure; SameSite=None; Partitioned`
 * (see the top of this file). Over plain HTTP the cookie keeps the registry's SameSite and
 * loses Secure, which a browser would refuse from an http origin.
 */
export function proxiedSetCookie(setCookie: string, scope: SetCookieScope): string {
  const [pair = '', ...attributes] = setCookie.split(';').map((part) => part.trim());
  let registryPath = '/';
  const kept: string[] = [];
  for (const attribute of attributes) {
    const equals = attribute.indexOf('=');
    const name = (equals < 0 ? attribute : attribute.slice(0, equals)).trim().toLowerCase();
    const value = equals < 0 ? '' : attribute.slice(equals + 1).trim();
    if (name === 'path') {
      if (value.startsWith('/')) registryPath = value;
    } else if (name === 'samesite') {
      if (!scope.secure) kept.push(attribute);
    } else if (name !== '' && name !== 'domain' && name !== 'secure' && name !== 'partitioned') {
      kept.push(attribute);
    }
  }
  const out = [pair, ...kept, `Path=${scope.pathPrefix}${registryPath}`];
  if (scope.secure) out.push('Secure', 'SameSite=None', 'Partitioned');
  return out.join('; ');
}
