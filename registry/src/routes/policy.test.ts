import { describe, expect, it } from 'vitest';
import { evaluate, presetPolicy } from '@clearframe/core';
import { ENGINES } from '../test-support/engines.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { toCorePolicy } from '../policy/core-policy.js';

describe.each(ENGINES)('the policy on %s', (engine) => {
  const registry = useTestRegistry(engine);

  const put = (body: unknown, headers: Record<string, string>) =>
    registry.request('/v1/policy', { method: 'PUT', headers, json: body });

  it('starts as the Swedish preset, with an ETag', async () => {
    const response = await registry.request('/v1/policy', { headers: registry.as.editor });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"1"');
    expect(await response.json()).toMatchObject({
      preset: 'SE',
      timeZone: 'Europe/Stockholm',
      warnDays: 30,
      surfaces: { office: 'warn', wordpress: 'warn', embed: 'hide' },
    });
  });

  it('gives evaluate exactly the spec policy of the preset', async () => {
    const row = await registry.db
      .selectFrom('policies')
      .selectAll()
      .where('org_id', '=', registry.orgId)
      .executeTakeFirstOrThrow();
    const policy = toCorePolicy(row);
    const preset = presetPolicy('SE');
    expect(policy).toMatchObject({
      ...preset,
      channels: [...preset.channels],
      legalBases: null,
      consentKinds: null,
    });
    const verdict = evaluate({
      policy,
      asset: { id: 'a1', legalBasis: 'contract' },
      channel: 'web',
      now: '2026-11-23T12:00:00Z',
    });
    expect(verdict.status).toBe('approved');
  });

  it('refuses an editor with 403', async () => {
    const response = await put({ preset: 'DE' }, { ...registry.as.editor, 'if-match': '"1"' });
    expect(response.status).toBe(403);
  });

  it('requires If-Match (428) and refuses a stale one (412)', async () => {
    expect((await put({ preset: 'DE' }, registry.as.admin)).status).toBe(428);
    const stale = await put({ preset: 'DE' }, { ...registry.as.admin, 'if-match': '"99"' });
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({ code: 'precondition_failed' });
  });

  it('replaces the policy, filling what is left out from the preset', async () => {
    const current = await registry.request('/v1/policy', { headers: registry.as.admin });
    const response = await put(
      {
        preset: 'DE',
        warnDays: 14,
        channels: [{ id: 'web', labels: { de: 'Web' } }],
        surfaces: { embed: 'block' },
      },
      { ...registry.as.admin, 'if-match': current.headers.get('etag') ?? '' },
    );
    expect(response.status).toBe(200);
    const version = Number(JSON.parse(current.headers.get('etag') ?? '0')) + 1;
    expect(response.headers.get('etag')).toBe(`"${version}"`);
    expect(await response.json()).toMatchObject({
      preset: 'DE',
      timeZone: 'Europe/Berlin',
      warnDays: 14,
      ownConsentAge: 14,
      guardianConsentUntilAge: 18,
      postMortemYears: 10,
      channels: [{ id: 'web', labels: { de: 'Web' } }],
      surfaces: { office: 'warn', wordpress: 'warn', embed: 'block' },
      version,
    });
  });

  it('names the invalid fields', async () => {
    const response = await put(
      {
        preset: 'SE',
        timeZone: 'Mars/Olympus',
        channels: [
          { id: 'web', labels: { en: 'Web' } },
          { id: 'web', labels: { en: 'Again' } },
        ],
        legalBases: ['consent', 'gut_feeling'],
        warnDays: -1,
        colour: 'blue',
      },
      { ...registry.as.admin, 'if-match': '*' },
    );
    expect(response.status).toBe(422);
    const { errors } = (await response.json()) as { errors: { field: string }[] };
    expect(errors.map((error) => error.field)).toEqual(
      expect.arrayContaining(['timeZone', 'channels[1].id', 'legalBases[1]', 'warnDays']),
    );
    expect(errors.some((error) => error.field === '(body)' || error.field === 'colour')).toBe(true);
  });

  it('refuses ages that would leave nobody to sign', async () => {
    const response = await put(
      { preset: 'SE', ownConsentAge: 16, guardianConsentUntilAge: 13 },
      { ...registry.as.admin, 'if-match': '*' },
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'ownConsentAge' }] });
  });
});
