// An asset row and its person tags as the consent rules read them (spec §1 `asset`). Pure.
import type { AssetInput, License } from '@clearframe/core';
import type { Row } from '../db/schema.js';
import { parseNullableJsonText } from '../util/json.js';

export type AssetInputRow = Pick<
  Row<'assets'>,
  'id' | 'legal_basis' | 'license_valid_until' | 'license_channels'
>;
export type AssetInputTag = Pick<Row<'asset_persons'>, 'person_id' | 'relevant'>;

/**
 * The spec's `AssetInput`: tags in the order given (a person tagged twice stays twice; evaluate
 * counts them once, relevant if any tag is), `license` null when the asset records none.
 */
export function assetInputOf(row: AssetInputRow, tags: readonly AssetInputTag[]): AssetInput {
  const channels = parseNullableJsonText(row.license_channels);
  const license: License | null =
    row.license_valid_until === null && channels === null
      ? null
      : { validUntil: row.license_valid_until, channels };
  return {
    id: row.id,
    legalBasis: row.legal_basis,
    persons: tags.map((tag) => ({ personId: tag.person_id, relevant: tag.relevant === 1 })),
    license,
  };
}
