import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { stockholmDate, testRecords } from '../test-support/records.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { loadInputs, verdictFor } from './inputs.js';

describe.each(ENGINES)('verdicts from stored records on %s', (engine) => {
  const registry = useTestRegistry(engine);
  const ids = { consented: '', picked: '', notPicked: '', broken: '', contract: '', minor: '' };

  beforeAll(async () => {
    const records = testRecords(registry);
    const consented = await records.asset();
    const picked = await records.asset();
    const notPicked = await records.asset();
    const broken = await records.asset();
    const contract = await records.asset({ legal_basis: 'contract' });
    const minor = await records.asset();

    const adult = await records.person();
    await records.tag(consented.id, adult.id);
    await records.consent(adult.id, { channels: '["web"]', valid_until: stockholmDate(200) });

    // A consent limited to one asset of the person.
    const choosy = await records.person();
    await records.tag(picked.id, choosy.id);
    await records.tag(notPicked.id, choosy.id);
    await records.consent(choosy.id, { asset_ids: JSON.stringify([picked.id]) });

    // Stored data the rules refuse: validUntil before validFrom.
    const odd = await records.person();
    await records.tag(broken.id, odd.id);
    await records.consent(odd.id, { valid_from: '2025-05-01', valid_until: '2025-01-01' });

    // A child with one guardian signature where two are needed, then a revoked second consent.
    const child = await records.person({ birth_date: stockholmDate(-8 * 365) });
    await records.tag(minor.id, child.id);
    await records.consent(child.id, { signed_by_subject: 0, signed_by_guardians: 1 });
    const second = await records.consent(child.id, {
      signed_by_subject: 0,
      signed_by_guardians: 2,
    });
    await records.revoke(second.id, { channels: '["web"]' });

    Object.assign(ids, {
      consented: consented.id,
      picked: picked.id,
      notPicked: notPicked.id,
      broken: broken.id,
      contract: contract.id,
      minor: minor.id,
    });
  });

  it('evaluates a batch with consents, asset-limited consents, guardians and revocations', async () => {
    const batch = Object.values(ids).filter((id) => id !== ids.broken);
    const verdicts = await verdictFor(registry.db, registry.orgId, batch, 'web', new Date());
    expect(verdicts.get(ids.consented)).toMatchObject({ status: 'approved', channels: ['web'] });
    expect(verdicts.get(ids.consented)?.approvedUntil).not.toBeNull();
    expect(verdicts.get(ids.picked)?.status).toBe('approved');
    expect(verdicts.get(ids.notPicked)?.reasons).toEqual([
      expect.objectContaining({ code: 'no_consent' }),
    ]);
    expect(verdicts.get(ids.contract)?.status).toBe('approved');
    expect(
      verdicts
        .get(ids.minor)
        ?.reasons.map((reason) => reason.code)
        .sort(),
    ).toEqual(['consent_revoked', 'guardian_consent_required']);
  });

  it('blocks only the asset whose stored data is invalid, and logs why', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const verdicts = await verdictFor(
        registry.db,
        registry.orgId,
        [ids.broken, ids.contract],
        'web',
        new Date(),
      );
      expect(verdicts.get(ids.broken)).toMatchObject({ status: 'blocked', channels: [] });
      expect(verdicts.get(ids.contract)?.status).toBe('approved');
      expect(log).toHaveBeenCalledWith(expect.stringContaining(ids.broken), expect.anything());
    } finally {
      log.mockRestore();
    }
  });

  it('leaves out unknown ids and refuses a channel the policy lacks', async () => {
    const verdicts = await verdictFor(
      registry.db,
      registry.orgId,
      ['ast_unknown', ids.contract],
      'web',
      new Date(),
    );
    expect([...verdicts.keys()]).toEqual([ids.contract]);
    await expect(
      verdictFor(registry.db, registry.orgId, [ids.contract], 'billboard', new Date()),
    ).rejects.toMatchObject({
      code: 'invalid_parameter',
    });
  });

  it('gives each asset only its own persons and their consents', async () => {
    const loaded = await loadInputs(registry.db, registry.orgId, [ids.consented, ids.picked]);
    const consented = loaded.inputs.get(ids.consented);
    expect(consented?.persons).toHaveLength(1);
    expect(
      consented?.consents?.every((consent) => consent.personId === consented.persons?.[0]?.id),
    ).toBe(true);
    expect(loaded.inputs.get(ids.picked)?.consents?.[0]?.assetIds).toEqual([ids.picked]);
  });
});
