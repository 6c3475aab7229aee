import { describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { SCHEMA_VERSION } from '../db/migrate.js';

describe.each(ENGINES)('the app on %s', (engine) => {
  const registry = useTestRegistry(engine);

  it('answers health with the schema version', async () => {
    const response = await registry.request('/v1/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', schemaVersion: SCHEMA_VERSION });
  });

  it('serves an OpenAPI 3.1 document listing its routes', async () => {
    const response = await registry.request('/v1/openapi.json');
    expect(response.status).toBe(200);
    const document = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations).toEqual(
      expect.arrayContaining([
        'GET /v1/health',
        'POST /v1/auth/login',
        'POST /v1/auth/logout',
        'GET /v1/auth/me',
        'POST /v1/keys',
        'GET /v1/keys',
        'DELETE /v1/keys/{id}',
        'POST /v1/users',
        'GET /v1/policy',
        'PUT /v1/policy',
      ]),
    );
  });

  it('answers an unknown route with a problem body', async () => {
    const response = await registry.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('names every invalid field in a 422 problem body', async () => {
    const response = await registry.request('/v1/users', {
      method: 'POST',
      headers: registry.as.admin,
      json: { email: 'not an address', name: 'X', role: 'owner', password: 'short' },
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((error) => error.field).sort()).toEqual([
      'email',
      'password',
      'role',
    ]);
  });

  it('answers a body that is not JSON with 400 and no stack trace', async () => {
    const response = await registry.request('/v1/users', {
      method: 'POST',
      headers: { ...registry.as.admin, 'content-type': 'application/json' },
      body: '{"email":',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 400, code: 'malformed_request' });
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });
});
