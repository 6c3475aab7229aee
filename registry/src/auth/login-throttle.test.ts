import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { LOGIN_ATTEMPTS, LOGIN_WINDOW_MS, LoginThrottle } from './login-throttle.js';

describe('the login throttle', () => {
  it('counts attempts in flight, forgets on success and drops non-failures', () => {
    const throttle = new LoginThrottle(3, 1000);
    const first = throttle.begin('a', 0);
    throttle.begin('a', 1);
    throttle.begin('a', 2);
    // Three guesses still being checked already use up the allowance.
    expect(throttle.retryAfterMs('a', 3)).toBe(997);
    first('other');
    expect(throttle.retryAfterMs('a', 3)).toBe(0);
    throttle.begin('a', 4)('succeeded');
    expect(throttle.retryAfterMs('a', 5)).toBe(0);
    expect(throttle.size).toBe(0);
  });

  it('lets attempts age out of the window', () => {
    const throttle = new LoginThrottle(2, 1000);
    throttle.begin('a', 0)('failed');
    throttle.begin('a', 500)('failed');
    expect(throttle.retryAfterMs('a', 600)).toBe(400);
    expect(throttle.retryAfterMs('a', 999)).toBe(1);
    expect(throttle.retryAfterMs('a', 1000)).toBe(0);
    expect(throttle.retryAfterMs('b', 600)).toBe(0);
  });
});

describe.each(ENGINES)('login rate limiting on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let clock = Date.parse('2030-01-01T00:00:00Z');
  const realNow = () => new Date();

  afterEach(() => {
    registry.deps.now = realNow;
  });

  const login = (email: string, password: string) =>
    registry.request('/v1/auth/login', { method: 'POST', json: { email, password } });

  it(`answers 429 with Retry-After after ${LOGIN_ATTEMPTS} failures, even to the right password`, async () => {
    registry.deps.now = () => new Date(clock);
    const { email, password } = registry.admin;
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS; attempt += 1) {
      expect((await login(email, `wrong password ${attempt}`)).status).toBe(401);
    }
    const refused = await login(email.toUpperCase(), password);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe(String(LOGIN_WINDOW_MS / 1000));
    expect(await refused.json()).toMatchObject({ status: 429, code: 'rate_limited' });

    // Another e-mail from the same address is not affected; a bad body is not an attempt.
    expect((await login('someone@example.org', 'whatever it is')).status).toBe(401);
    expect((await login(email, '')).status).toBe(429);

    clock += 5 * 60 * 1000;
    const later = await login(email, password);
    expect(later.status).toBe(429);
    expect(later.headers.get('retry-after')).toBe(String(10 * 60));

    clock += 10 * 60 * 1000;
    expect((await login(email, password)).status).toBe(200);
  });

  it('starts counting afresh after a successful login', async () => {
    clock += LOGIN_WINDOW_MS;
    registry.deps.now = () => new Date(clock);
    const { email, password } = registry.admin;
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS - 1; attempt += 1) {
      expect((await login(email, 'not the password')).status).toBe(401);
    }
    expect((await login(email, password)).status).toBe(200);
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS - 1; attempt += 1) {
      expect((await login(email, 'not the password')).status).toBe(401);
    }
    expect((await login(email, password)).status).toBe(200);
  });

  it('documents 429 on the login route', async () => {
    const document = (await (await registry.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    expect(Object.keys(document.paths['/v1/auth/login']?.post?.responses ?? {})).toContain('429');
  });
});
