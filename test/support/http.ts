// HTTP helpers against the test site: a logged-in admin browser session (cookies), REST with the
// application password, and signed webhook deliveries.
import { createHmac } from 'node:crypto';
import { ADMIN, type Site } from './wordpress-site.ts';

export class Session {
  private readonly cookies = new Map<string, string>([
    ['wordpress_test_cookie', 'WP%20Cookie%20check'],
  ]);

  constructor(private readonly site: Site) {}

  private remember(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) {
        this.cookies.set(name.trim(), value.join('='));
      }
    }
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(this.site.url + path, { ...init, headers, redirect: 'manual' });
    this.remember(response);
    return response;
  }

  async get(path: string): Promise<string> {
    const response = await this.request(path);
    if (response.status !== 200) {
      throw new Error(`GET ${path}: ${response.status}`);
    }
    return response.text();
  }

  post(path: string, form: Record<string, string | string[]>): Promise<Response> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        body.append(name, item);
      }
    }
    return this.request(path, { method: 'POST', body });
  }

  static async admin(site: Site): Promise<Session> {
    const session = new Session(site);
    await session.request('/wp-login.php');
    const response = await session.post('/wp-login.php', {
      log: ADMIN.user,
      pwd: ADMIN.password,
      'wp-submit': 'Log In',
      redirect_to: `${site.url}/wp-admin/`,
      testcookie: '1',
    });
    if (response.status !== 302) {
      throw new Error(`login failed: ${response.status}`);
    }
    return session;
  }
}

/** Value of the first input with this name in an HTML page. */
export function inputValue(html: string, name: string): string {
  const tag = html.match(new RegExp(`<input[^>]*name="${name.replace(/[[\]]/g, '\\$&')}"[^>]*>`));
  const value = tag?.[0].match(/value="([^"]*)"/);
  if (!value?.[1]) {
    throw new Error(`no input ${name}`);
  }
  return value[1];
}

export function rest(site: Site, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set(
    'authorization',
    `Basic ${Buffer.from(`${ADMIN.user}:${site.appPassword}`).toString('base64')}`,
  );
  headers.set('content-type', 'application/json');
  return fetch(`${site.url}/wp-json${path}`, { ...init, headers });
}

export function signature(
  body: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

let events = 0;

/** Delivers a verdicts-changed notification as the registry would. */
export function deliverWebhook(
  site: Site,
  assetIds: string[],
  secret: string,
  options: { id?: string; timestamp?: number; header?: string } = {},
): Promise<Response> {
  const body = JSON.stringify({
    id: options.id ?? `evt_e2e_${Date.now()}_${++events}`,
    type: 'verdicts.changed',
    assetIds,
  });
  return fetch(`${site.url}/wp-json/clearframe/v1/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-clearframe-signature': options.header ?? signature(body, secret, options.timestamp),
    },
    body,
  });
}

/** The PHP error lines (warnings, notices, deprecations, fatals) among debug.log lines. */
export function phpErrors(lines: string[]): string[] {
  return lines.filter((line) =>
    /PHP (Warning|Notice|Deprecated|Fatal error|Parse error)|Stack trace/.test(line),
  );
}
