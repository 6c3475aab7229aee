// Writes to assets, each inside the caller's writeTx: create, patch, retag, delete; audited and fed.
import type { Principal } from '../auth/principal.js';
import type { Localised, Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { FieldError } from '../errors/field-error.js';
import { IdPrefix, newId } from '../util/ids.js';
import { parseJsonText, toJsonText } from '../util/json.js';
import type { IngestedImage } from './ingest.js';
import type { CreateAssetFields, PatchAsset, PutPersonTags } from './schemas.js';

type License = NonNullable<CreateAssetFields['license']>;

/** Legal basis and licence are a consent manager's assessment; editors describe pictures. */
export function assertMayAssess(principal: Principal, fields: object): void {
  const assesses = 'legalBasis' in fields || 'license' in fields;
  if (assesses && principal.role !== 'admin' && principal.role !== 'consent_manager')
    throw new ForbiddenError('Only consent managers and admins set legalBasis and license');
}

export async function createAsset(
  w: WriteScope,
  image: IngestedImage,
  fields: CreateAssetFields,
): Promise<Row<'assets'>> {
  if (fields.license != null) await checkLicenseChannels(w, fields.license);
  const row: Row<'assets'> = {
    id: newId(IdPrefix.asset),
    org_id: w.orgId,
    title: fields.title ?? '',
    alt_text: toJsonText(fields.alt ?? {}),
    credit: fields.credit ?? null,
    legal_basis: fields.legalBasis ?? 'unassessed',
    ...licenseColumns(fields.license ?? null),
    tags: toJsonText(fields.tags ?? []),
    original_sha256: image.original.sha256,
    original_mime: image.original.mime,
    original_size: image.original.size,
    width: image.original.width,
    height: image.original.height,
    renditions: toJsonText(image.renditions),
    created_at: w.now,
    updated_at: w.now,
    deleted_at: null,
    version: 1,
  };
  await w.db.insertInto('assets').values(row).execute();
  await w.record({ action: 'asset.create', targetType: 'asset', targetId: row.id, after: row });
  return row;
}

export async function patchAsset(
  w: WriteScope,
  before: Row<'assets'>,
  patch: PatchAsset,
): Promise<Row<'assets'>> {
  if (patch.license != null) await checkLicenseChannels(w, patch.license);
  const after: Row<'assets'> = {
    ...before,
    ...(patch.title === undefined ? {} : { title: patch.title }),
    ...(patch.alt === undefined
      ? {}
      : { alt_text: toJsonText(mergeAlt(parseJsonText(before.alt_text), patch.alt)) }),
    ...(patch.credit === undefined ? {} : { credit: patch.credit }),
    ...(patch.tags === undefined ? {} : { tags: toJsonText(patch.tags) }),
    ...(patch.legalBasis === undefined ? {} : { legal_basis: patch.legalBasis }),
    ...(patch.license === undefined ? {} : licenseColumns(patch.license)),
    updated_at: w.now,
    version: before.version + 1,
  };
  await bump(w, after);
  await w.record({
    action: 'asset.update',
    targetType: 'asset',
    targetId: after.id,
    before,
    after,
  });
  return after;
}

/** Replaces every person tag of the asset; a retag changes verdicts, so the asset is fed. */
export async function replacePersonTags(
  w: WriteScope,
  before: Row<'assets'>,
  beforeTags: readonly Row<'asset_persons'>[],
  input: PutPersonTags,
): Promise<{ row: Row<'assets'>; tags: Row<'asset_persons'>[] }> {
  await checkPersonsExist(w, input.persons);
  const tags: Row<'asset_persons'>[] = input.persons.map((tag) => ({
    id: newId(IdPrefix.assetPerson),
    org_id: w.orgId,
    asset_id: before.id,
    person_id: tag.personId,
    region_x: tag.region?.x ?? null,
    region_y: tag.region?.y ?? null,
    region_w: tag.region?.w ?? null,
    region_h: tag.region?.h ?? null,
    relevant: tag.relevant ? 1 : 0,
    irrelevance_reason: tag.irrelevanceReason ?? null,
    created_at: w.now,
    updated_at: w.now,
    version: 1,
  }));
  await w.db
    .deleteFrom('asset_persons')
    .where('org_id', '=', w.orgId)
    .where('asset_id', '=', before.id)
    .execute();
  if (tags.length > 0) await w.db.insertInto('asset_persons').values(tags).execute();
  const row = { ...before, updated_at: w.now, version: before.version + 1 };
  await bump(w, row);
  await w.record({
    action: 'asset.tag_persons',
    targetType: 'asset',
    targetId: row.id,
    before: { id: before.id, version: before.version, persons: beforeTags.map(auditTag) },
    after: { id: row.id, version: row.version, persons: tags.map(auditTag) },
  });
  const sorted = [...tags].sort((a, b) => compare(a.person_id, b.person_id) || compare(a.id, b.id));
  return { row, tags: sorted };
}

/** Marks the asset deleted: a tombstone in the change feed; its files stay (content-addressed). */
export async function deleteAsset(w: WriteScope, before: Row<'assets'>): Promise<void> {
  await w.db
    .updateTable('assets')
    .set({ deleted_at: w.now, updated_at: w.now, version: before.version + 1 })
    .where('org_id', '=', w.orgId)
    .where('id', '=', before.id)
    .execute();
  await w.record({
    action: 'asset.delete',
    targetType: 'asset',
    targetId: before.id,
    before,
    after: null,
  });
}

async function bump(w: WriteScope, row: Row<'assets'>): Promise<void> {
  const { id, org_id: orgId, ...fields } = row;
  await w.db
    .updateTable('assets')
    .set(fields)
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .execute();
}

function mergeAlt(current: Localised, patch: Record<string, string | null>): Localised {
  const merged = new Map(Object.entries(current));
  for (const [language, text] of Object.entries(patch)) {
    if (text === null) merged.delete(language);
    else merged.set(language, text);
  }
  return Object.fromEntries(merged);
}

function licenseColumns(license: License | null) {
  return {
    license_valid_until: license?.validUntil ?? null,
    license_channels: license?.channels == null ? null : toJsonText([...new Set(license.channels)]),
  };
}

/** Licence channels must be channels of the policy (spec §1 would silently ignore others). */
async function checkLicenseChannels(w: WriteScope, license: License): Promise<void> {
  if (license.channels == null) return;
  const policy = await w.db
    .selectFrom('policies')
    .select('channels')
    .where('org_id', '=', w.orgId)
    .executeTakeFirstOrThrow();
  const known = new Set(parseJsonText(policy.channels).map((channel) => channel.id));
  const errors: FieldError[] = [];
  license.channels.forEach((channel, index) => {
    if (!known.has(channel))
      errors.push({ field: `license.channels[${index}]`, message: 'not a channel of the policy' });
  });
  if (errors.length > 0) throw new ValidationError(errors);
}

async function checkPersonsExist(
  w: WriteScope,
  tags: readonly { personId: string }[],
): Promise<void> {
  const ids = [...new Set(tags.map((tag) => tag.personId))];
  if (ids.length === 0) return;
  const found = await w.db
    .selectFrom('persons')
    .select('id')
    .where('org_id', '=', w.orgId)
    .where('id', 'in', ids)
    .execute();
  const known = new Set(found.map((row) => row.id));
  const errors: FieldError[] = [];
  tags.forEach((tag, index) => {
    if (!known.has(tag.personId))
      errors.push({ field: `persons[${index}].personId`, message: 'no such person' });
  });
  if (errors.length > 0) throw new ValidationError(errors);
}

function auditTag(tag: Row<'asset_persons'>) {
  return {
    person_id: tag.person_id,
    region: [tag.region_x, tag.region_y, tag.region_w, tag.region_h],
    relevant: tag.relevant,
    irrelevance_reason: tag.irrelevance_reason,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
