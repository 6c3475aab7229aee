// The demo routes (routes/demo.ts): the demo page's files, its config without secrets, and the
// credential-free withdrawal for the demo organisation's pictures only; none of it outside demo
// mode.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoSite } from '../demo/site.js';
import { createApp } from '../http/app.js';
import { createOrganisation } from '../orgs/create-organisation.js';
import { ENGINES } from '../test-support/engines.js';
import { testRecords } from '../test-support/records.js';
import { TEST_ORIGIN, useTestRegistry } from '../test-support/test-registry.js';
import { toJsonText } from '../util/json.js';
import { DEMO_PAGE_ACTOR } from './demo.js';

describe.each(ENGINES)('the demo routes on %s', (engine) => {
  const registry = useTestRegistry(engine, { demo: true });
  const ids = { asset: '', other: '', webPrint: '', web: '', printOnly: '', otherConsent: '' };

  beforeAll(async () => {
    const records = testRecords(registry);
    const asset = await records.asset({ title: 'Demo picture' });
    const [anna, bo] = [await records.person(), await records.person()];
    await records.tag(asset.id, anna.id);
    await records.tag(asset.id, bo.id);
    const webPrint = await records.consent(anna.id);
    const web = await records.consent(bo.id, { channels: toJsonText(['web']) });
    const printOnly = await records.consent(bo.id, { channels: toJsonText(['print']) });

    const other = await createOrganisation(registry.db, { name: 'Not the demo' });
    const theirs = testRecords({ ...registry, orgId: other.id });
    const otherAsset = await theirs.asset();
    const person = await theirs.person();
    await theirs.tag(otherAsset.id, person.id);
    const otherConsent = await theirs.consent(person.id);
    Object.assign(ids, {
      asset: asset.id,
      other: otherAsset.id,
      webPrint: webPrint.id,
      web: web.id,
      printOnly: printOnly.id,
      otherConsent: otherConsent.id,
    });
  });

  const revoke = (assetId: string, headers: Record<string, string> = {}) =>
    registry.request(`/v1/demo/revoke/${encodeURIComponent(assetId)}`, {
      method: 'POST',
      headers,
    });
  const publicStatus = async (assetId: string) => {
    const query = new URLSearchParams({ ids: assetId, channel: 'web' });
    const response = await registry.request(`/v1/public/verdicts?${query}`, {
      headers: registry.as.public,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { verdicts: Record<string, { status: string }> };
    return body.verdicts[assetId]?.status;
  };
  const revocationsOf = (consentId: string) =>
    registry.db.selectFrom('revocations').selectAll().where('consent_id', '=', consentId).execute();

  it('withdraws the web consents behind a demo picture through the write path (204), and the public verdict blocks it', async () => {
    const webhook = await registry.request('/v1/webhooks', {
      method: 'POST',
      headers: registry.as.admin,
      json: { url: 'https://hooks.example/clearframe' },
    });
    expect(webhook.status).toBe(201);
    expect(await publicStatus(ids.asset)).toBe('approved');

    const response = await revoke(ids.asset);
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(await publicStatus(ids.asset)).toBe('blocked');

    for (const consentId of [ids.webPrint, ids.web]) {
      expect(await revocationsOf(consentId)).toEqual([
        expect.objectContaining({ channels: null, recorded_by: DEMO_PAGE_ACTOR }),
      ]);
    }
    expect(await revocationsOf(ids.printOnly)).toEqual([]);

    const audit = await registry.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'target_id'])
      .where('org_id', '=', registry.orgId)
      .where('actor', '=', DEMO_PAGE_ACTOR)
      .execute();
    expect(audit.map((entry) => [entry.action, entry.target_id]).sort()).toEqual(
      [
        ['consent.revoke', ids.webPrint],
        ['consent.revoke', ids.web],
      ].sort(),
    );
    const changes = await registry.db
      .selectFrom('changes')
      .select('entity_id')
      .where('org_id', '=', registry.orgId)
      .where('entity_type', '=', 'consent')
      .where('entity_id', 'in', [ids.webPrint, ids.web])
      .execute();
    // Created, then revoked: two change rows each.
    expect(changes).toHaveLength(4);
    const deliveries = await registry.db
      .selectFrom('webhook_deliveries')
      .select('payload')
      .where('org_id', '=', registry.orgId)
      .execute();
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(deliveries[0]?.payload ?? '{}')).toMatchObject({
      type: 'verdicts.changed',
      assetIds: [ids.asset],
    });

    // Nothing left to withdraw: 204 again, nothing written.
    const again = await revoke(ids.asset);
    expect(again.status).toBe(204);
    expect(await revocationsOf(ids.webPrint)).toHaveLength(1);
  });

  it('answers 404 for another organisation’s picture and for unknown ids, and withdraws nothing there', async () => {
    const theirs = await revoke(ids.other);
    expect(theirs.status).toBe(404);
    const unknown = await revoke('ast_nosuchpicture0000000');
    expect(unknown.status).toBe(404);
    // The same answer for both: it does not tell whether the id exists elsewhere.
    expect(((await theirs.json()) as { code: string }).code).toBe('not_found');
    expect(await revocationsOf(ids.otherConsent)).toEqual([]);
  });

  it('refuses a page of a foreign origin, and takes the registry’s own and the demo key’s', async () => {
    const foreign = await revoke(ids.asset, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as { code: string }).code).toBe('origin_not_allowed');
    expect((await revoke(ids.asset, { origin: 'http://localhost' })).status).toBe(204);
    expect((await revoke(ids.asset, { origin: TEST_ORIGIN })).status).toBe(204);
  });

  it('lists the revoke route in the OpenAPI document', async () => {
    const document = (await (await registry.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(document.paths['/v1/demo/revoke/{assetId}'] ?? {})).toEqual(['post']);
  });

  it('serves the page and its script with their content types and nosniff', async () => {
    const page = await registry.request('/demo/embed.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<script type="module" src="./cf-embed.js"></script>');

    const script = await registry.request('/demo/demo.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await script.text()).toContain('/v1/demo/revoke/');

    const index = await registry.request('/demo/');
    expect(index.status).toBe(302);
    expect(index.headers.get('location')).toBe('/demo/embed.html');
  });

  it('gives the page its publishable key and asset ids, and nothing else', async () => {
    const response = await registry.request('/demo/config.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      publishableKey: registry.keys.publishable,
      assets: { approved: [], expiring: [], blocked: [] },
    });
    expect(text).not.toContain(registry.keys.editor);
    expect(text).not.toContain(registry.admin.password);
  });

  it('serves no other path under /demo/, encoded or not', async () => {
    for (const path of [
      '/demo/README.md',
      '/demo/../package.json',
      '/demo/%2e%2e/package.json',
      '/demo/..%2fpackage.json',
      '/demo/..%2f..%2fpackage.json',
      '/demo/%2e%2e%2f%2e%2e%2fpackage.json',
      '/demo/..%5c..%5cpackage.json',
      '/demo/embed.html%00.js',
      '/demo/demo/embed.html',
      '/demo/constructor',
      '/demo/__proto__',
    ]) {
      const response = await registry.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('"name"');
    }
  });

  describe('the embed bundle', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'clearframe-demo-bundle-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });
    const appWith = (embedBundle: string) => {
      const demo = registry.deps.demo;
      if (demo === undefined) throw new Error('the test registry runs no demo');
      return createApp({ ...registry.deps, demo: { ...demo, embedBundle } });
    };

    it('is served as JavaScript when it is built', async () => {
      const bundle = join(dir, 'cf-embed.js');
      await writeFile(bundle, 'customElements.define("cf-image", class extends HTMLElement {});\n');
      const response = await appWith(bundle).request('/demo/cf-embed.js');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(await response.text()).toContain('cf-image');
    });

    it('is a 503 problem saying to build the picker while it is not', async () => {
      const response = await appWith(join(dir, 'missing.js')).request('/demo/cf-embed.js');
      expect(response.status).toBe(503);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = (await response.json()) as { code: string; detail: string };
      expect(problem.code).toBe('unavailable');
      expect(problem.detail).toContain('pnpm --filter @clearframe/picker build');
    });
  });

  it('finds the demo organisation by demo.json’s publishable key, and none for a foreign key', async () => {
    const file = {
      adminEmail: 'admin@example.org',
      adminPassword: 'unused',
      editorKey: registry.keys.editor,
      publishableKey: registry.keys.publishable,
      origins: ['http://localhost:*'],
      assets: { approved: [], expiring: [], blocked: [] },
    };
    expect(await openDemoSite(registry.db, { file })).toMatchObject({
      orgId: registry.orgId,
      config: { publishableKey: registry.keys.publishable, assets: file.assets },
    });
    const foreign = `cf_pk_${'x'.repeat(43)}`;
    expect(await openDemoSite(registry.db, { file: { ...file, publishableKey: foreign } })).toBe(
      undefined,
    );
  });
});

describe.each(ENGINES)('a registry that does not run the demo, on %s', (engine) => {
  const registry = useTestRegistry(engine);

  it('has no demo routes and does not document them', async () => {
    const revoke = await registry.request('/v1/demo/revoke/ast_any', { method: 'POST' });
    expect(revoke.status).toBe(404);
    expect(await revoke.text()).toContain('No route POST /v1/demo/revoke/ast_any');
    for (const path of [
      '/demo/embed.html',
      '/demo/demo.js',
      '/demo/config.json',
      '/demo/cf-embed.js',
    ]) {
      expect((await registry.request(path)).status, path).toBe(404);
    }
    const document = (await (await registry.request('/v1/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(document.paths).filter((path) => path.includes('demo'))).toEqual([]);
  });
});
