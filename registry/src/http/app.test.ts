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
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toContain('/v1/health');
  });

  it('answers an unknown route with a problem body', async () => {
    const response = await registry.request('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });
});
