import { beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { stockholmDate, testRecords } from '../test-support/records.js';
import { TEST_ORIGIN, useTestRegistry } from '../test-support/test-registry.js';

describe.each(ENGINES)('media delivery on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let records: ReturnType<typeof testRecords>;

  beforeAll(() => {
    records = testRecords(registry);
  });

  /** A consented picture with renditions; returns its id, consent and the rendition bytes. */
  async function picture(consent: Parameters<typeof records.consent>[1] = {}) {
    const asset = await records.asset();
    const person = await records.person();
    await records.tag(asset.id, person.id);
    const given = await records.consent(person.id, consent);
    const bytes = await records.renditions(asset.id);
    return { id: asset.id, consentId: given.id, bytes };
  }

  async function mediaOf(id: string, channel = 'web') {
    const response = await registry.request(
      `/v1/public/verdicts?ids=${id}&channel=${channel}&key=${registry.keys.publishable}`,
      { headers: { origin: TEST_ORIGIN } },
    );
    const body = (await response.json()) as {
      verdicts: Record<
        string,
        { nextCheckAt: string | null; media?: { src: string; srcset?: string } }
      >;
    };
    const verdict = body.verdicts[id];
    if (verdict?.media === undefined) throw new Error('no media');
    return {
      src: verdict.media.src,
      srcset: verdict.media.srcset ?? '',
      nextCheckAt: verdict.nextCheckAt,
    };
  }

  const get = (url: string, headers: Record<string, string> = {}) => {
    const { pathname, search } = new URL(url);
    return registry.request(pathname + search, { headers });
  };

  it('serves the bytes of an approved picture through its signed URL, with the ETag', async () => {
    const { id, bytes } = await picture();
    const { src, srcset } = await mediaOf(id);
    const response = await get(src);
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes.get('medium'));
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
    const maxAge = Number(/max-age=(\d+)/.exec(response.headers.get('cache-control') ?? '')?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(3600);

    const thumb = srcset.split(', ')[0]?.split(' ')[0] ?? '';
    expect(new Uint8Array(await (await get(thumb)).arrayBuffer())).toEqual(bytes.get('thumb'));

    const again = await get(src, { 'if-none-match': response.headers.get('etag') ?? '' });
    expect(again.status).toBe(304);
  });

  it('issues URLs and cache lifetimes that end by nextCheckAt', async () => {
    const { id } = await picture({ valid_until: stockholmDate(10) });
    const realNow = registry.deps.now;
    const { nextCheckAt } = await mediaOf(id);
    const change = Date.parse(nextCheckAt ?? '');
    try {
      registry.deps.now = () => new Date(change - 120_000);
      const { src } = await mediaOf(id);
      const exp = Number(new URL(src).searchParams.get('exp'));
      expect(exp).toBeLessThanOrEqual(change / 1000);
      const response = await get(src);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('public, max-age=120');
    } finally {
      registry.deps.now = realNow;
    }
  });

  it('answers 410 Gone once the consent is revoked, with the same URL', async () => {
    const { id, consentId } = await picture();
    const { src } = await mediaOf(id);
    expect((await get(src)).status).toBe(200);
    await records.revoke(consentId);
    const response = await get(src);
    expect(response.status).toBe(410);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).not.toContain(consentId);
  });

  it('answers 410 for a channel the picture is not approved in', async () => {
    const { id, consentId } = await picture({ channels: '["web","social"]' });
    const { src } = await mediaOf(id, 'social');
    await records.revoke(consentId, { channels: '["social"]' });
    expect((await get(src)).status).toBe(410);
    expect((await get((await mediaOf(id, 'web')).src)).status).toBe(200);
  });

  it('refuses a bad, altered or expired signature with 403', async () => {
    const { id } = await picture();
    const { src } = await mediaOf(id);
    const url = new URL(src);
    const tampered = (name: string, value: string) => {
      const copy = new URL(url);
      copy.searchParams.set(name, value);
      return get(copy.href);
    };
    expect((await tampered('sig', '0'.repeat(64))).status).toBe(403);
    expect((await tampered('channel', 'print')).status).toBe(403);
    expect((await tampered('exp', String(Number(url.searchParams.get('exp')) + 60))).status).toBe(
      403,
    );
    const other = new URL(src.replace('/medium?', '/large?'));
    expect((await get(other.href)).status).toBe(403);

    const realNow = registry.deps.now;
    try {
      registry.deps.now = () => new Date((Number(url.searchParams.get('exp')) + 1) * 1000);
      expect((await get(src)).status).toBe(403);
    } finally {
      registry.deps.now = realNow;
    }
  });

  it('never serves the original, and says which parameter is wrong', async () => {
    const { id } = await picture();
    const { src } = await mediaOf(id);
    const response = await get(src.replace('/medium?', '/original?'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'rendition' }] });
  });
});
