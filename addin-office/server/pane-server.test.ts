import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isSameOrigin,
  proxiedSetCookie,
  startPaneServer,
  type RunningPaneServer,
} from './pane-server.js';

// The registry's own cookie (registry/src/routes/auth.ts): host-only, HttpOnly, Strict, Path=/.
const REGISTRY_LOGIN_COOKIE = 'cf_session=tok3n; Max-Age=604800; Path=/; HttpOnly; SameSite=Strict';
const REGISTRY_LOGOUT_COOKIE = 'cf_session=; Max-Age=0; Path=/';

describe('the registry cookie as the pane server re-issues it', () => {
  it('over HTTPS: scoped to the registry’s prefix, Secure, SameSite=None and Partitioned', () => {
    expect(
      proxiedSetCookie(REGISTRY_LOGIN_COOKIE, { pathPrefix: '/registry-proxy/0', secure: true }),
    ).toBe(
      'cf_session=tok3n; Max-Age=604800; HttpOnly; Path=/registry-proxy/0/; Secure; SameSite=None; Partitioned',
    );
  });

  it('deletes the cookie at logout under the same path and attributes it was set with', () => {
    expect(
      proxiedSetCookie(REGISTRY_LOGOUT_COOKIE, { pathPrefix: '/registry-proxy/1', secure: true }),
    ).toBe('cf_session=; Max-Age=0; Path=/registry-proxy/1/; Secure; SameSite=None; Partitioned');
  });

  it('drops a Domain naming the registry and keeps a path below the registry’s root', () => {
    expect(
      proxiedSetCookie('a=b; Domain=registry.example; Path=/v1; Secure; SameSite=Lax', {
        pathPrefix: '/registry-proxy/0',
        secure: true,
      }),
    ).toBe('a=b; Path=/registry-proxy/0/v1; Secure; SameSite=None; Partitioned');
  });

  it('over plain HTTP keeps the registry’s SameSite and drops Secure', () => {
    expect(
      proxiedSetCookie('cf_session=x; Path=/; HttpOnly; SameSite=Strict; Secure', {
        pathPrefix: '/registry-proxy/0',
        secure: false,
      }),
    ).toBe('cf_session=x; HttpOnly; SameSite=Strict; Path=/registry-proxy/0/');
  });
});

describe('which requests count as the pane’s own', () => {
  const own = 'https://localhost:3000';
  const request = (headers: IncomingHttpHeaders) => ({ headers });

  it('trusts Sec-Fetch-Site when the browser sends it', () => {
    expect(isSameOrigin(request({ 'sec-fetch-site': 'same-origin' }), own)).toBe(true);
    expect(isSameOrigin(request({ 'sec-fetch-site': 'same-site' }), own)).toBe(false);
    expect(isSameOrigin(request({ 'sec-fetch-site': 'cross-site' }), own)).toBe(false);
    // A typed URL or a bookmark: not the pane either.
    expect(isSameOrigin(request({ 'sec-fetch-site': 'none' }), own)).toBe(false);
    expect(isSameOrigin(request({ 'sec-fetch-site': 'cross-site', origin: own }), own)).toBe(false);
  });

  it('falls back to Origin, and to same-origin for a request that names neither', () => {
    expect(isSameOrigin(request({ origin: own }), own)).toBe(true);
    expect(isSameOrigin(request({ origin: 'https://evil.example' }), own)).toBe(false);
    expect(isSameOrigin(request({}), own)).toBe(true);
  });
});

/** A registry stand-in: sets the session cookie at login and echoes what it received. */
async function fakeRegistry(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/v1/auth/login') {
      response.writeHead(200, {
        'content-type': 'application/json',
        'set-cookie': [REGISTRY_LOGIN_COOKIE.replace('tok3n', `${name}-token`)],
      });
      response.end('{}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({
        registry: name,
        path: request.url,
        cookie: request.headers.cookie ?? null,
        origin: request.headers.origin ?? null,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the pane server', () => {
  let root: string;
  let registries: { server: Server; url: string }[];
  let pane: RunningPaneServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clearframe-pane-server-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'taskpane.html'), '<!doctype html><title>pane</title>');
    writeFileSync(join(root, 'assets', 'icon-32.png'), 'png');
    registries = [await fakeRegistry('first'), await fakeRegistry('second')];
    pane = await startPaneServer({
      root,
      port: 0,
      registries: registries.map((registry) => registry.url),
    });
  });

  afterAll(async () => {
    await pane?.close();
    for (const registry of registries ?? []) registry.server.close();
    rmSync(root, { recursive: true, force: true });
  });

  const call = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${pane.url}${path}`, { headers });

  it('tells the pane which registries its proxy reaches', async () => {
    const response = await call('/clearframe-server.json');

    expect(await response.json()).toEqual({
      proxy: '/registry-proxy/',
      registries: registries.map((registry) => registry.url),
    });
    expect(pane.registries).toEqual(registries.map((registry) => registry.url));
  });

  it('forwards the registry’s Set-Cookie scoped to that registry’s prefix', async () => {
    const first = await call('/registry-proxy/0/v1/auth/login');
    const second = await call('/registry-proxy/1/v1/auth/login');

    expect(first.headers.getSetCookie()).toEqual([
      'cf_session=first-token; Max-Age=604800; HttpOnly; SameSite=Strict; Path=/registry-proxy/0/',
    ]);
    expect(second.headers.getSetCookie()).toEqual([
      'cf_session=second-token; Max-Age=604800; HttpOnly; SameSite=Strict; Path=/registry-proxy/1/',
    ]);
  });

  it('passes the pane’s own cookie and origin on to the registry, as the registry’s', async () => {
    const response = await call('/registry-proxy/1/v1/auth/me?x=1', {
      cookie: 'cf_session=second-token',
      origin: pane.url,
      'sec-fetch-site': 'same-origin',
    });

    expect(await response.json()).toEqual({
      registry: 'second',
      path: '/v1/auth/me?x=1',
      cookie: 'cf_session=second-token',
      origin: registries[1]?.url,
    });
  });

  it('withholds the cookie from a request another site made', async () => {
    const crossSite = await call('/registry-proxy/0/v1/auth/me', {
      cookie: 'cf_session=first-token',
      origin: 'https://evil.example',
      'sec-fetch-site': 'cross-site',
    });
    const foreignOrigin = await call('/registry-proxy/0/v1/auth/me', {
      cookie: 'cf_session=first-token',
      origin: 'https://evil.example',
    });

    // The foreign Origin is passed on unchanged, so the registry's own check sees it too.
    expect(await crossSite.json()).toMatchObject({ cookie: null, origin: 'https://evil.example' });
    expect(await foreignOrigin.json()).toMatchObject({ cookie: null });
  });

  it('reaches only the registries it was given', async () => {
    const response = await call('/registry-proxy/2/v1/auth/me');

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'unknown_registry' });
  });

  it('says the registry cannot be reached when it is down', async () => {
    const down = await fakeRegistry('down');
    await new Promise((resolve) => down.server.close(resolve));
    const lonely = await startPaneServer({ root, port: 0, registries: [down.url] });
    try {
      const response = await fetch(`${lonely.url}/registry-proxy/0/v1/auth/me`);

      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ code: 'registry_unreachable' });
    } finally {
      await lonely.close();
    }
  });

  it('serves the build, and nothing outside it', async () => {
    const page = await call('/taskpane.html');
    const icon = await call('/assets/icon-32.png');
    const outside = await call('/..%2f..%2fetc%2fpasswd');

    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(icon.headers.get('content-type')).toBe('image/png');
    expect(outside.status).toBe(404);
  });
});
