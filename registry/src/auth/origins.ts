// Origin allow-lists of publishable keys: `https://example.org`, `https://example.org:8443`,
// or any port with `http://localhost:*`. No path, no wildcard hosts.

const PATTERN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}|\*))?$/i;

/** Whether `pattern` is an allow-list entry this module understands. */
export function isOriginPattern(pattern: string): boolean {
  return PATTERN.test(pattern);
}

/** Whether the request's `Origin` header value is allowed by any pattern. */
export function originAllowed(origin: string | undefined, patterns: readonly string[]): boolean {
  if (origin === undefined || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin.toLowerCase().replace(/\/$/, '')) return false;
  return patterns.some((pattern) => matches(url, pattern));
}

function matches(url: URL, pattern: string): boolean {
  const match = PATTERN.exec(pattern);
  if (match === null) return false;
  const [, scheme, host, port] = match;
  if (url.protocol !== `${scheme?.toLowerCase()}:` || url.hostname !== host?.toLowerCase())
    return false;
  if (port === '*') return true;
  // URL leaves the port empty when it is the scheme's default.
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  return (url.port || defaultPort) === (port ?? defaultPort);
}
