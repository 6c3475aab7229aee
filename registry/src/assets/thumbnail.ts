// The editors' thumbnail of an asset: its thumb rendition behind an editor credential, whatever
// the verdict (GET /v1/assets/{id}/thumb). The change feed points each asset record at it.
import type { Rendition, Row } from '../db/schema.js';
import { parseJsonText } from '../util/json.js';

/** The asset's thumb rendition, if it has one. */
export function thumbRendition(row: Pick<Row<'assets'>, 'renditions'>): Rendition | undefined {
  return parseJsonText<Rendition[]>(row.renditions).find((rendition) => rendition.name === 'thumb');
}

/**
 * The feed's `thumbUrl`: the editor thumbnail route relative to the registry's base URL (no
 * leading slash, so `new URL(thumbUrl, base)` keeps a path prefix or a proxy's), or null when
 * the asset has no thumb rendition. Never a public URL: it needs the editor's credential.
 */
export function editorThumbUrl(row: Pick<Row<'assets'>, 'id' | 'renditions'>): string | null {
  return thumbRendition(row) === undefined ? null : `v1/assets/${encodeURIComponent(row.id)}/thumb`;
}
