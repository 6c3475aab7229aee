import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configFromEnv } from './config.js';
import { startRegistry } from './start-registry.js';

describe('configFromEnv', () => {
  it('runs the demo unless DEMO says off', () => {
    expect(configFromEnv({}).runDemo).toBe(true);
    expect(configFromEnv({ DEMO: 'on' }).runDemo).toBe(true);
    for (const off of ['off', 'OFF', '0', 'false', 'no'])
      expect(configFromEnv({ DEMO: off }).runDemo).toBe(false);
  });

  it('names the variable of a value it cannot read', () => {
    expect(() => configFromEnv({ DEMO: 'maybe' })).toThrow(/^DEMO: expected on or off/);
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/^PORT: not a port/);
  });
});

describe('startRegistry with DEMO=off', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('seeds nothing into an empty DATA_DIR and serves neither the demo page nor its revoke route', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cf-nodemo-'));
    dirs.push(dataDir);
    const started = await startRegistry({
      ...configFromEnv({ DATA_DIR: dataDir, DEMO: 'off' }),
      port: 0,
    });
    try {
      expect(started.seeded).toBe(false);
      expect(started.demo).toBeUndefined();
      expect(existsSync(join(dataDir, 'demo.json'))).toBe(false);
      const page = await fetch(`${started.server.url}/demo/embed.html`);
      expect(page.status).toBe(404);
      const revoke = await fetch(`${started.server.url}/v1/demo/revoke/ast_x`, { method: 'POST' });
      expect(revoke.status).toBe(404);
      const health = await fetch(`${started.server.url}/v1/health`);
      expect(health.status).toBe(200);
    } finally {
      await started.server.close();
    }
    expect(readdirSync(dataDir)).not.toContain('demo.json');
  });
});
