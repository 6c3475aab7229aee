import { describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';

describe.each(ENGINES)('sessions on %s', (engine) => {
  const registry = useTestRegistry(engine);

  it('logs in with e-mail and password and knows the user through the cookie', async () => {
    const login = await registry.request('/v1/auth/login', {
      method: 'POST',
      json: registry.admin,
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^cf_session=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);

    const me = await registry.request('/v1/auth/me', {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      kind: 'user',
      orgId: registry.orgId,
      role: 'admin',
      user: { email: registry.admin.email },
    });
  });

  it('refuses a wrong password with 401', async () => {
    const response = await registry.request('/v1/auth/login', {
      method: 'POST',
      json: { email: registry.admin.email, password: 'wrong password!!' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('stores password hashes as argon2id and session tokens hashed', async () => {
    const user = await registry.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(user.password_hash).toMatch(/^\$argon2id\$/);
    const cookie = registry.as.admin.cookie ?? '';
    const token = cookie.slice(cookie.indexOf('=') + 1);
    const sessions = await registry.db.selectFrom('sessions').select('token_hash').execute();
    expect(sessions.some((session) => session.token_hash === token)).toBe(false);
  });

  it('ends the session on logout', async () => {
    const login = await registry.request('/v1/auth/login', {
      method: 'POST',
      json: registry.admin,
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const logout = await registry.request('/v1/auth/logout', {
      method: 'POST',
      headers: { cookie },
    });
    expect(logout.status).toBe(204);
    const me = await registry.request('/v1/auth/me', { headers: { cookie } });
    expect(me.status).toBe(401);
  });

  it('tells an editor key who it is', async () => {
    const me = await registry.request('/v1/auth/me', { headers: registry.as.editor });
    expect(await me.json()).toMatchObject({ kind: 'key', role: 'editor', keyKind: 'editor' });
  });

  it('refuses a cross-origin write made with the session cookie', async () => {
    const response = await registry.request('/v1/keys', {
      method: 'POST',
      headers: { ...registry.as.admin, origin: 'https://evil.example' },
      json: { kind: 'editor', name: 'Sneaky' },
    });
    expect(response.status).toBe(403);
  });
});
