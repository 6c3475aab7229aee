import { beforeAll, describe, expect, it } from 'vitest';
import { REASON_CODES, createRegistryClient } from '@clearframe/core';
import { createOrganisation } from '../orgs/create-organisation.js';
import { ENGINES } from '../test-support/engines.js';
import { stockholmDate, testRecords } from '../test-support/records.js';
import { TEST_ORIGIN, useTestRegistry } from '../test-support/test-registry.js';
import { toJsonText } from '../util/json.js';

const [ASTRID, BERTIL, CECILIA, DAVID] = [
  {
    name: 'Astrid Lindqvist',
    email: 'astrid@example.se',
    phone: '+46 70 123 45 67',
    birth_date: '1990-05-17',
  },
  {
    name: 'Bertil Ekström',
    email: 'bertil@example.se',
    phone: '+46 70 222 33 44',
    birth_date: '1985-02-03',
  },
  {
    name: 'Cecilia Holm',
    email: 'cecilia@example.se',
    phone: '+46 70 555 66 77',
    birth_date: '2012-09-30',
  },
  {
    name: 'David Nyberg',
    email: 'david@example.se',
    phone: '+46 70 888 99 00',
    birth_date: '1970-12-24',
  },
] as const;
const PEOPLE = [ASTRID, BERTIL, CECILIA, DAVID];

describe.each(ENGINES)('public verdicts on %s', (engine) => {
  const registry = useTestRegistry(engine);
  const ids = {
    approved: '',
    expiring: '',
    revoked: '',
    notYet: '',
    otherOrg: '',
    unknown: 'ast_nosuchpicture0000000',
  };
  const secrets: string[] = [];

  beforeAll(async () => {
    const records = testRecords(registry);
    const scenario = async (
      person: (typeof PEOPLE)[number],
      consent: Parameters<typeof records.consent>[1],
      revoke = false,
    ) => {
      const asset = await records.asset({
        alt_text: toJsonText({ sv: 'Elever på skolgården', en: 'Pupils in the schoolyard' }),
      });
      const row = await records.person(person);
      await records.tag(asset.id, row.id);
      const given = await records.consent(row.id, {
        comment: 'Signed at the spring fair',
        copyright_notice: 'Foto: Kommunen',
        ...consent,
      });
      if (revoke) await records.revoke(given.id, { reason: 'Moved away' });
      await records.renditions(asset.id);
      secrets.push(row.id, given.id);
      return asset.id;
    };
    ids.approved = await scenario(ASTRID, {});
    ids.expiring = await scenario(BERTIL, { valid_until: stockholmDate(10) });
    ids.revoked = await scenario(CECILIA, { signed_by_guardians: 2 }, true);
    ids.notYet = await scenario(DAVID, { valid_from: stockholmDate(5) });

    const other = await createOrganisation(registry.db, { name: 'Another controller' });
    const foreign = await testRecords({ ...registry, orgId: other.id }).asset({
      legal_basis: 'contract',
    });
    ids.otherOrg = foreign.id;
  });

  const ask = (
    query: Record<string, string>,
    headers: Record<string, string> = { origin: TEST_ORIGIN },
  ) =>
    registry.request(`/v1/public/verdicts?${new URLSearchParams(query).toString()}`, { headers });
  const all = () => Object.values(ids).join(',');

  it('answers each asked id with its status, and media only while approved', async () => {
    const response = await ask({ ids: all(), channel: 'web', key: registry.keys.publishable });
    expect(response.status).toBe(200);
    const { verdicts } = (await response.json()) as {
      verdicts: Record<
        string,
        { status: string; media?: { src: string; srcset?: string; alt?: string; width?: number } }
      >;
    };
    expect(verdicts[ids.approved]).toMatchObject({
      status: 'approved',
      approvedUntil: null,
      nextCheckAt: null,
    });
    expect(verdicts[ids.approved]?.media).toMatchObject({
      alt: 'Elever på skolgården',
      width: 1600,
      height: 1067,
    });
    expect(verdicts[ids.approved]?.media?.src).toContain(`/v1/media/${ids.approved}/medium?`);
    expect(verdicts[ids.approved]?.media?.srcset).toMatch(/ 320w, .* 800w, .* 1600w$/);
    expect(verdicts[ids.expiring]?.status).toBe('expiring');
    expect(verdicts[ids.expiring]?.media?.src).toContain(ids.expiring);
    for (const blocked of [ids.revoked, ids.notYet, ids.otherOrg, ids.unknown]) {
      expect(verdicts[blocked]?.status).toBe('blocked');
      expect(verdicts[blocked]).not.toHaveProperty('media');
    }
  });

  it('gives the alt text in the asked language', async () => {
    const response = await ask({
      ids: ids.approved,
      channel: 'web',
      lang: 'en',
      key: registry.keys.publishable,
    });
    const body = (await response.json()) as {
      verdicts: Record<string, { media?: { alt?: string } }>;
    };
    expect(body.verdicts[ids.approved]?.media?.alt).toBe('Pupils in the schoolyard');
  });

  it('says when to check again, and is cached no longer than that', async () => {
    const response = await ask({
      ids: `${ids.notYet},${ids.approved}`,
      channel: 'web',
      key: registry.keys.publishable,
    });
    const body = (await response.json()) as {
      verdicts: Record<string, { nextCheckAt: string | null }>;
    };
    const next = body.verdicts[ids.notYet]?.nextCheckAt;
    expect(next).not.toBeNull();
    expect(Date.parse(next ?? '')).toBeGreaterThan(Date.now() + 3 * 86_400_000);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('is not cached past a status change a few seconds away', async () => {
    const realNow = registry.deps.now;
    const expiringBody = (await (
      await ask({ ids: ids.expiring, channel: 'web', key: registry.keys.publishable })
    ).json()) as {
      verdicts: Record<string, { nextCheckAt: string }>;
    };
    const change = Date.parse(expiringBody.verdicts[ids.expiring]?.nextCheckAt ?? '');
    try {
      registry.deps.now = () => new Date(change - 20_000);
      const soon = await ask({ ids: ids.expiring, channel: 'web', key: registry.keys.publishable });
      expect(soon.headers.get('cache-control')).toBe('public, max-age=20');
      registry.deps.now = () => new Date(change - 300);
      const now = await ask({ ids: ids.expiring, channel: 'web', key: registry.keys.publishable });
      expect(now.headers.get('cache-control')).toBe('no-store');
    } finally {
      registry.deps.now = realNow;
    }
  });

  it('passes the core client, which sends the key as key= and reads the verdicts', async () => {
    const client = createRegistryClient({
      baseUrl: 'http://registry.test/',
      credential: { kind: 'publishable', key: registry.keys.publishable },
      retries: 0,
      fetch: (request) => {
        const headers = new Headers(request.headers);
        headers.set('origin', TEST_ORIGIN);
        return registry.app.request(new Request(request, { headers }));
      },
    });
    const answer = await client.publicVerdicts(Object.values(ids), 'web');
    expect(answer.verdicts[ids.approved]?.status).toBe('approved');
    expect(answer.verdicts[ids.unknown]?.status).toBe('blocked');
  });

  it('accepts the key as Bearer too', async () => {
    const response = await ask({ ids: ids.approved, channel: 'web' }, registry.as.public);
    expect(response.status).toBe(200);
  });

  it('allows CORS for the key’s origins only', async () => {
    const allowed = await ask(
      { ids: ids.approved, channel: 'web', key: registry.keys.publishable },
      { origin: 'http://localhost:5173' },
    );
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('vary')).toContain('Origin');

    const foreign = await ask(
      { ids: ids.approved, channel: 'web', key: registry.keys.publishable },
      { origin: 'https://evil.example' },
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const bearerForeign = await ask(
      { ids: ids.approved, channel: 'web' },
      { ...registry.as.public, origin: 'https://evil.example' },
    );
    expect(bearerForeign.status).toBe(403);
    expect(bearerForeign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('takes a same-origin request without Origin as from the registry’s own origin', async () => {
    // A page the registry serves itself (the demo page): the browser sends no Origin on a
    // same-origin GET, only Sec-Fetch-Site. app.request's origin is http://localhost.
    const query = { ids: ids.approved, channel: 'web', key: registry.keys.publishable };
    const sameOrigin = await ask(query, { 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get('access-control-allow-origin')).toBeNull();
    const bearer = await ask(
      { ids: ids.approved, channel: 'web' },
      { authorization: registry.as.public.authorization ?? '', 'sec-fetch-site': 'same-origin' },
    );
    expect(bearer.status).toBe(200);
    for (const site of ['cross-site', 'same-site', 'none']) {
      expect((await ask(query, { 'sec-fetch-site': site })).status, site).toBe(403);
    }
    expect((await ask(query, {})).status).toBe(403);
    // The registry's own origin must still be on the key's list.
    const elsewhere = await registry.request(
      `https://registry.example/v1/public/verdicts?${new URLSearchParams(query).toString()}`,
      { headers: { 'sec-fetch-site': 'same-origin' } },
    );
    expect(elsewhere.status).toBe(403);
  });

  it('answers a preflight from an allowed origin, and refuses others', async () => {
    const preflight = (origin: string) =>
      registry.request(`/v1/public/verdicts?ids=${ids.approved}&channel=web`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const ok = await preflight(TEST_ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toContain('authorization');
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses editors, sessions and missing or unknown keys', async () => {
    expect(
      (
        await ask(
          { ids: ids.approved, channel: 'web' },
          { ...registry.as.editor, origin: TEST_ORIGIN },
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await ask(
          { ids: ids.approved, channel: 'web' },
          { ...registry.as.admin, origin: TEST_ORIGIN },
        )
      ).status,
    ).toBe(403);
    expect(
      (await ask({ ids: ids.approved, channel: 'web', key: registry.keys.editor })).status,
    ).toBe(401);
    expect((await ask({ ids: ids.approved, channel: 'web' })).status).toBe(401);
    expect(
      (await ask({ ids: ids.approved, channel: 'web', key: 'cf_pk_notarealkeyatallnotarealkey' }))
        .status,
    ).toBe(401);
  });

  it('names the bad parameter: too many ids, an unknown channel', async () => {
    const many = Array.from({ length: 101 }, (_, i) => `ast_${i}`).join(',');
    const tooMany = await ask({ ids: many, channel: 'web', key: registry.keys.publishable });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ errors: [{ field: 'ids' }] });
    const channel = await ask({
      ids: ids.approved,
      channel: 'billboard',
      key: registry.keys.publishable,
    });
    expect(channel.status).toBe(400);
    expect(channel.headers.get('access-control-allow-origin')).toBe(TEST_ORIGIN);
    expect(await channel.json()).toMatchObject({ errors: [{ field: 'channel' }] });
  });

  it('never shows personal data, reasons or consent fields, in any answer', async () => {
    const forbidden = [
      ...PEOPLE.flatMap((person) => [
        person.name,
        person.name.split(' ')[0] ?? person.name,
        person.email,
        person.phone,
        person.birth_date,
      ]),
      ...secrets,
      'Signed at the spring fair',
      'Foto: Kommunen',
      'Moved away',
      ...REASON_CODES,
      'per_',
      'con_',
    ];
    const allowedKeys = new Set([
      'checkedAt',
      'verdicts',
      'status',
      'approvedUntil',
      'nextCheckAt',
      'media',
      'src',
      'srcset',
      'alt',
      'width',
      'height',
      ...Object.values(ids),
    ]);
    const answers = [
      await ask({ ids: all(), channel: 'web', key: registry.keys.publishable }),
      await ask({ ids: all(), channel: 'print', key: registry.keys.publishable }),
      await ask({ ids: all(), channel: 'social', lang: 'en' }, registry.as.public),
      await ask({ ids: ids.unknown, channel: 'web', key: registry.keys.publishable }),
      await ask({ ids: ids.revoked, channel: 'web', key: registry.keys.publishable }),
      await ask({ ids: ids.approved, channel: 'nope', key: registry.keys.publishable }),
      await ask(
        { ids: ids.approved, channel: 'web', key: registry.keys.publishable },
        { origin: 'https://evil.example' },
      ),
    ];
    const statuses = new Set<string>();
    for (const response of answers) {
      const text = await response.text();
      const headers = JSON.stringify([...response.headers.entries()]);
      for (const needle of forbidden) {
        expect(text, needle).not.toContain(needle);
        expect(headers, needle).not.toContain(needle);
      }
      if (response.status !== 200) continue;
      const walk = (value: unknown): void => {
        if (Array.isArray(value)) value.forEach(walk);
        else if (typeof value === 'object' && value !== null) {
          for (const [key, inner] of Object.entries(value)) {
            expect(allowedKeys, `key ${key}`).toContain(key);
            if (key === 'status') statuses.add(String(inner));
            walk(inner);
          }
        }
      };
      walk(JSON.parse(text));
    }
    // The walk saw every kind of answer.
    expect([...statuses].sort()).toEqual(['approved', 'blocked', 'expiring']);
  });
});
