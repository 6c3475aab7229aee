// Where the pane sends its registry calls: straight to the registry, or through the pane server's
// same-origin proxy when that server offers one for this registry (server/pane-server.ts).

/** `/clearframe-server.json`, as the pane server answers it. */
interface ServerConfig {
  proxy: string;
  registries: string[];
}

export interface Endpoint {
  /** The registry as the user configured it. */
  registryUrl: string;
  /** The base URL the pane's requests go to; ends with `/`. */
  baseUrl: string;
  viaProxy: boolean;
}

function withSlash(url: URL): string {
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

async function serverConfig(
  pageOrigin: string,
  fetchFn: typeof fetch,
): Promise<ServerConfig | null> {
  try {
    const response = await fetchFn(new URL('/clearframe-server.json', pageOrigin), {
      cache: 'no-store',
    });
    if (!response.ok) return null;
    const config = (await response.json()) as ServerConfig;
    return Array.isArray(config.registries) && typeof config.proxy === 'string' ? config : null;
  } catch {
    // Served by something else (a CDN, the registry itself): no proxy.
    return null;
  }
}

/** The first registry the pane server proxies: the sign-in's default when none was saved. */
export async function offeredRegistry(
  pageOrigin: string,
  fetchFn: typeof fetch = fetch,
): Promise<string | null> {
  return (await serverConfig(pageOrigin, fetchFn))?.registries[0] ?? null;
}

/**
 * Direct calls need the registry to allow the pane's origin (CORS) and, for a session, a cookie
 * the browser will send from the pane; the proxy needs neither, so it is preferred when offered.
 */
export async function resolveEndpoint(
  registryUrl: string,
  pageOrigin: string,
  fetchFn: typeof fetch = fetch,
): Promise<Endpoint> {
  const registry = new URL(registryUrl);
  const direct = { registryUrl, baseUrl: withSlash(registry), viaProxy: false };
  if (registry.origin === pageOrigin) return direct;
  const config = await serverConfig(pageOrigin, fetchFn);
  const index = config === null ? -1 : config.registries.indexOf(registry.origin);
  if (config === null || index < 0) return direct;
  // The registry's path prefix, if any, is kept behind the proxy's.
  const proxied = new URL(`${config.proxy}${index}${registry.pathname}`, pageOrigin);
  return { registryUrl, baseUrl: withSlash(proxied), viaProxy: true };
}
