// Between asset rows (with their person tags) and the API's shape.
import type { Row } from '../db/schema.js';
import { parseJsonText, parseNullableJsonText } from '../util/json.js';
import type { AssetDto } from './schemas.js';

type RenditionDto = AssetDto['renditions'][number];
type PersonTagDto = AssetDto['persons'][number];

/**
 * `names` maps person ids to names and is given only to callers who may see names (consent
 * managers, admins); without it tags carry ids alone.
 */
export function toAssetDto(
  row: Row<'assets'>,
  tags: readonly Row<'asset_persons'>[],
  names?: ReadonlyMap<string, string>,
): AssetDto {
  const channels = parseNullableJsonText(row.license_channels);
  return {
    id: row.id,
    title: row.title,
    alt: parseJsonText(row.alt_text),
    credit: row.credit,
    tags: parseJsonText(row.tags),
    legalBasis: row.legal_basis,
    license:
      row.license_valid_until === null && channels === null
        ? null
        : { validUntil: row.license_valid_until, channels },
    width: row.width,
    height: row.height,
    original:
      row.original_sha256 === null
        ? null
        : {
            mime: row.original_mime ?? 'application/octet-stream',
            size: row.original_size ?? 0,
            sha256: row.original_sha256,
          },
    renditions: parseJsonText(row.renditions).map(
      ({ name, mime, width, height, size }) =>
        ({ name, mime, width, height, size }) as RenditionDto,
    ),
    persons: tags.map((tag) => toPersonTagDto(tag, names)),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

function toPersonTagDto(
  tag: Row<'asset_persons'>,
  names: ReadonlyMap<string, string> | undefined,
): PersonTagDto {
  const name = names?.get(tag.person_id);
  return {
    personId: tag.person_id,
    ...(name === undefined ? {} : { name }),
    region:
      tag.region_x === null ||
      tag.region_y === null ||
      tag.region_w === null ||
      tag.region_h === null
        ? null
        : { x: tag.region_x, y: tag.region_y, w: tag.region_w, h: tag.region_h },
    relevant: tag.relevant === 1,
    irrelevanceReason: tag.irrelevance_reason,
  };
}
