import { describe, expect, it } from 'vitest';
import { assetInputOf } from './asset-input.js';
import type { AssetInputRow } from './asset-input.js';

const row: AssetInputRow = {
  id: 'ast_1',
  legal_basis: 'consent',
  license_valid_until: null,
  license_channels: null,
};

describe('assetInputOf', () => {
  it('gives the spec shape with relevance as booleans and no licence when none is recorded', () => {
    expect(
      assetInputOf(row, [
        { person_id: 'per_1', relevant: 1 },
        { person_id: 'per_2', relevant: 0 },
      ]),
    ).toEqual({
      id: 'ast_1',
      legalBasis: 'consent',
      persons: [
        { personId: 'per_1', relevant: true },
        { personId: 'per_2', relevant: false },
      ],
      license: null,
    });
  });

  it('carries a licence with either of its fields', () => {
    const licensed = { ...row, legal_basis: 'external_agreement' as const };
    expect(assetInputOf({ ...licensed, license_valid_until: '2027-01-31' }, []).license).toEqual({
      validUntil: '2027-01-31',
      channels: null,
    });
    expect(assetInputOf({ ...licensed, license_channels: '["web","print"]' }, []).license).toEqual({
      validUntil: null,
      channels: ['web', 'print'],
    });
  });
});
