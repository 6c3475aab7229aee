// A tiny loopback web server for browser tests: pages the test writes, files from disk, and an
// optional same-origin proxy of /v1/* to a registry (editor calls carry no CORS, as in a host).
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
};

export interface StaticServer {
  /** `http://127.0.0.1:<port>` — an origin the demo's publishable key allows. */
  url: string;
  /** Serves `body` (HTML unless the path's extension says otherwise) at `path`. */
  page(path: string, body: string): void;
  /** Serves a file from disk at `path`, read at each request. */
  file(path: string, filePath: string): void;
  /** Answers requests whose path starts with `prefix` (before files and the proxy). */
  route(prefix: string, handler: RouteHandler): void;
  /** Forwards `/v1/*` to this registry (or, with undefined, answers 502 as if it were down). */
  proxy(registryUrl: string | undefined): void;
  /** Paths requested, in order (query included). */
  requests: string[];
  close(): Promise<void>;
}

export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => Promise<void> | void;

export async function startStaticServer(): Promise<StaticServer> {
  const pages = new Map<string, string>();
  const files = new Map<string, string>();
  const requests: string[] = [];
  const routes: [string, RouteHandler][] = [];
  let registry: string | undefined;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://local');
    requests.push(url.pathname + url.search);
    const type = TYPES[extname(url.pathname)] ?? TYPES['.html'];
    const route = routes.find(([prefix]) => url.pathname.startsWith(prefix));
    if (route !== undefined) {
      await route[1](request, response, url);
      return;
    }
    const page = pages.get(url.pathname);
    if (page !== undefined) {
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(page);
      return;
    }
    const file = files.get(url.pathname);
    if (file !== undefined) {
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(await readFile(file));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (url.pathname.startsWith('/v1/') && registry !== undefined) {
      await forward(request, response, registry + url.pathname + url.search);
      return;
    }
    response.writeHead(url.pathname.startsWith('/v1/') ? 502 : 404).end();
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(502);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    page: (path, body) => void pages.set(path, body),
    file: (path, filePath) => void files.set(path, filePath),
    route: (prefix, handler) => void routes.push([prefix, handler]),
    proxy: (url) => void (registry = url),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Server to server: the browser's Origin and cookies stay behind, the key goes along. */
async function forward(request: IncomingMessage, response: ServerResponse, target: string) {
  const headers = new Headers();
  for (const name of ['authorization', 'accept', 'content-type', 'if-match', 'if-none-match']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const init: RequestInit = { method: request.method ?? 'GET', headers };
  if (chunks.length > 0) init.body = new Uint8Array(Buffer.concat(chunks));
  let answer: Response;
  try {
    answer = await fetch(target, init);
  } catch {
    response.writeHead(502).end();
    return;
  }
  const out: Record<string, string> = {};
  for (const name of ['content-type', 'cache-control', 'etag']) {
    const value = answer.headers.get(name);
    if (value !== null) out[name] = value;
  }
  response.writeHead(answer.status, out);
  response.end(Buffer.from(await answer.arrayBuffer()));
}
