// The editors' thumbnail of an asset: its thumb rendition behind an editor credential, whatever
// the verdict (GET /v1/assets/{id}/thumb).
import type { Rendition, Row } from '../db/schema.js';
import { parseJsonText } from '../util/json.js';

/** The asset's thumb rendition, if it has one. */
export function thumbRendition(row: Pick<Row<'assets'>, 'renditions'>): Rendition | undefined {
  return parseJsonText<Rendition[]>(row.renditions).find((rendition) => rendition.name === 'thumb');
}
