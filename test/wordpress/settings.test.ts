// Settings → Clearframe: saving through options.php, keys never printed back, the connection test
// against a real registry (its keys made through its API; the publishable key allows the site).
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Session, inputValue, phpErrors } from '../support/http.ts';
import { closedUrl } from '../support/ports.ts';
import { logMark, logSince, wpEval } from '../support/wordpress-site.ts';
import { startRealRegistry, type RealRegistry } from './real-registry.ts';

const site = inject('site');
const PAGE = '/wp-admin/options-general.php?page=clearframe';

let registry: RealRegistry & { editorKey: string; publishableKey: string };
let admin: Session;
let mark: number;

beforeAll(async () => {
  const real = await startRealRegistry();
  const key = (body: object) =>
    real
      .json<{ secret: string }>('/v1/keys', { method: 'POST', body: JSON.stringify(body) })
      .then(({ secret }) => secret);
  registry = Object.assign(real, {
    editorKey: await key({ kind: 'editor', name: 'settings e2e' }),
    publishableKey: await key({
      kind: 'publishable',
      name: 'settings e2e',
      allowedOrigins: [site.url],
    }),
  });
  admin = await Session.admin(site);
  mark = logMark(site);
});

afterAll(async () => {
  await registry.dispose();
});

async function save(fields: Record<string, string | string[]>): Promise<string> {
  const page = await admin.get(PAGE);
  const response = await admin.post('/wp-admin/options.php', {
    option_page: 'clearframe',
    action: 'update',
    _wpnonce: inputValue(page, '_wpnonce'),
    _wp_http_referer: PAGE,
    clearframe_registry_url: registry.url,
    clearframe_editor_key: '',
    clearframe_publishable_key: '',
    clearframe_webhook_secret: '',
    clearframe_channel: 'web',
    clearframe_editor_behavior: 'block',
    ...fields,
  });
  expect(response.status).toBe(302);
  expect(response.headers.get('location')).toContain('settings-updated=true');
  return admin.get(PAGE);
}

const stored = () =>
  wpEval<Record<string, string>>(
    site,
    `return array(
       'url' => get_option( 'clearframe_registry_url' ),
       'editor' => get_option( 'clearframe_editor_key' ),
       'publishable' => get_option( 'clearframe_publishable_key' ),
       'secret' => get_option( 'clearframe_webhook_secret' ),
       'channel' => get_option( 'clearframe_channel' ),
       'behavior' => get_option( 'clearframe_editor_behavior' ),
     );`,
  );

async function testConnection(nonce?: string): Promise<{ status: number; body: string }> {
  const page = await admin.get(PAGE);
  const found = page.match(/data-nonce="([^"]+)"/)?.[1] ?? '';
  const response = await admin.post('/wp-admin/admin-ajax.php', {
    action: 'clearframe_test_connection',
    _ajax_nonce: nonce ?? found,
  });
  return { status: response.status, body: await response.text() };
}

describe('Settings → Clearframe', () => {
  it('saves the registry, keys, channel and behaviour', async () => {
    await save({
      clearframe_editor_key: registry.editorKey,
      clearframe_publishable_key: registry.publishableKey,
      clearframe_webhook_secret: 'whsec_settings_test_91ab',
      clearframe_channel: 'print',
      clearframe_editor_behavior: 'warn',
    });
    expect(await stored()).toEqual({
      url: registry.url,
      editor: registry.editorKey,
      publishable: registry.publishableKey,
      secret: 'whsec_settings_test_91ab',
      channel: 'print',
      behavior: 'warn',
    });
  });

  it('never prints a stored key back, only its last four characters', async () => {
    const page = await admin.get(PAGE);
    for (const secret of [
      registry.editorKey,
      registry.publishableKey,
      'whsec_settings_test_91ab',
    ]) {
      expect(page).not.toContain(secret);
      expect(page).toContain(`…${secret.slice(-4)}`);
    }
    expect(page).not.toMatch(/type="password"[^>]*value="[^"]+"/);
  });

  it('keeps a stored key when its field is left empty, and removes it only when asked', async () => {
    await save({ clearframe_channel: 'web' });
    expect((await stored()).editor).toBe(registry.editorKey);
    await save({ 'clearframe_clear[]': ['clearframe_editor_key'] });
    expect((await stored()).editor).toBe('');
    await save({
      clearframe_editor_key: registry.editorKey,
      clearframe_publishable_key: registry.publishableKey,
    });
    expect((await stored()).editor).toBe(registry.editorKey);
  });

  it('rejects a save without the nonce', async () => {
    const response = await admin.post('/wp-admin/options.php', {
      option_page: 'clearframe',
      action: 'update',
      clearframe_channel: 'social',
    });
    expect(response.status).not.toBe(302);
    expect((await stored()).channel).toBe('web');
  });

  it('tests the connection against the registry and says so', async () => {
    const result = await testConnection();
    expect(result.status).toBe(200);
    const json = JSON.parse(result.body) as { success: boolean; data: { messages: string[] } };
    expect(json.success).toBe(true);
    expect(json.data.messages.join(' ')).toMatch(
      /accepts the publishable key.*editor key is accepted/,
    );
  });

  it('reports a registry that cannot be reached', async () => {
    await save({ clearframe_registry_url: await closedUrl() });
    const json = JSON.parse((await testConnection()).body) as {
      success: boolean;
      data: { messages: string[] };
    };
    expect(json.success).toBe(false);
    expect(json.data.messages[0]).toMatch(/could not be reached/);
  });

  it('refuses the connection test without a valid nonce', async () => {
    const result = await testConnection('not-a-nonce');
    expect(result.status).toBe(403);
  });

  it('refuses the page and the connection test to a user without manage_options', async () => {
    await wpEval(
      site,
      `if ( ! get_user_by( 'login', 'editor1' ) ) { wp_insert_user( array( 'user_login' => 'editor1', 'user_pass' => 'editor1-password', 'role' => 'editor', 'user_email' => 'editor1@example.org' ) ); } return true;`,
    );
    const editor = new Session(site);
    await editor.request('/wp-login.php');
    await editor.post('/wp-login.php', {
      log: 'editor1',
      pwd: 'editor1-password',
      testcookie: '1',
      'wp-submit': 'Log In',
    });
    const page = await editor.request(PAGE);
    expect(page.status).toBe(403);
    const nonce = await wpEval<string>(
      site,
      `wp_set_current_user( get_user_by( 'login', 'editor1' )->ID ); return wp_create_nonce( 'clearframe_test_connection' );`,
    );
    const ajax = await editor.post('/wp-admin/admin-ajax.php', {
      action: 'clearframe_test_connection',
      _ajax_nonce: nonce,
    });
    expect(ajax.status).toBe(403);
  });

  it('logged no PHP error', () => {
    expect(phpErrors(logSince(site, mark))).toEqual([]);
  });
});
