// Writes of consents (shared by the API, group consent and the CSV import): create, change and
// revoke. A consent is never deleted; a withdrawal is a revocation record with its instant.
import type { Kysely } from 'kysely';
import type { Database, PolicyChannel, Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import type { FieldError } from '../errors/field-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { toStoredInstant } from '../util/calendar.js';
import { IdPrefix, newId } from '../util/ids.js';
import { parseJsonText, toJsonText } from '../util/json.js';
import type { ConsentOptions, ConsentPatch, NewRevocation } from './schemas.js';

/** What a consent names that must exist in the organisation; the fields given are checked. */
export interface ConsentReferences {
  personId?: string;
  channels?: readonly string[];
  assetIds?: readonly string[] | null;
  formAuthorId?: string | null;
}

/**
 * The field errors of references that do not hold: a person not in the organisation (or erased),
 * a channel not in the policy, an unknown asset, an unknown or archived form author. Every field
 * named under `prefix` (`personIds[3]`, a CSV column) so callers can report them all at once.
 */
export async function checkConsentReferences(
  db: Kysely<Database>,
  orgId: string,
  refs: ConsentReferences,
  prefix = '',
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const field = (name: string) => `${prefix}${name}`;
  if (refs.personId !== undefined) {
    const person = await db
      .selectFrom('persons')
      .select(['id', 'erased_at'])
      .where('org_id', '=', orgId)
      .where('id', '=', refs.personId)
      .executeTakeFirst();
    if (person === undefined)
      errors.push({ field: field('personId'), message: `no person ${refs.personId}` });
    else if (person.erased_at !== null)
      errors.push({ field: field('personId'), message: `person ${refs.personId} was erased` });
  }
  if (refs.channels !== undefined) {
    const known = await policyChannelIds(db, orgId);
    refs.channels.forEach((channel, index) => {
      if (!known.has(channel))
        errors.push({
          field: field(`channels[${index}]`),
          message: `${channel} is not a channel of the policy (${[...known].join(', ')})`,
        });
    });
  }
  if (refs.assetIds != null && refs.assetIds.length > 0) {
    const found = await existingAssetIds(db, orgId, refs.assetIds);
    refs.assetIds.forEach((assetId, index) => {
      if (!found.has(assetId))
        errors.push({ field: field(`assetIds[${index}]`), message: `no asset ${assetId}` });
    });
  }
  if (refs.formAuthorId != null) {
    const author = await db
      .selectFrom('form_authors')
      .select(['id', 'archived_at'])
      .where('org_id', '=', orgId)
      .where('id', '=', refs.formAuthorId)
      .executeTakeFirst();
    if (author === undefined || author.archived_at !== null)
      errors.push({
        field: field('formAuthorId'),
        message: `no ${author === undefined ? '' : 'current '}form author ${refs.formAuthorId}`,
      });
  }
  return errors;
}

export async function policyChannelIds(db: Kysely<Database>, orgId: string): Promise<Set<string>> {
  const policy = await db
    .selectFrom('policies')
    .select('channels')
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  return new Set(parseJsonText<PolicyChannel[]>(policy.channels).map((channel) => channel.id));
}

export async function existingAssetIds(
  db: Kysely<Database>,
  orgId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('assets')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', [...ids])
    .where('deleted_at', 'is', null)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Inserts a consent whose references were checked; `groupId` when it is part of a group. */
export async function insertConsent(
  w: WriteScope,
  personId: string,
  options: ConsentOptions,
  groupId: string | null = null,
): Promise<Row<'consents'>> {
  const row: Row<'consents'> = {
    id: newId(IdPrefix.consent),
    org_id: w.orgId,
    person_id: personId,
    kind: options.kind,
    channels: toJsonText([...options.channels]),
    valid_from: options.validFrom,
    valid_until: options.validUntil,
    asset_ids: options.assetIds === null ? null : toJsonText([...options.assetIds]),
    signed_by_subject: options.signedBy.subject ? 1 : 0,
    signed_by_guardians: options.signedBy.guardians,
    comment: emptyToNull(options.comment),
    copyright_notice: emptyToNull(options.copyrightNotice),
    form_author_id: options.formAuthorId,
    group_id: groupId,
    created_by: w.actor,
    created_at: w.now,
    updated_at: w.now,
    version: 1,
  };
  await w.db.insertInto('consents').values(row).execute();
  await w.record({ action: 'consent.create', targetType: 'consent', targetId: row.id, after: row });
  return row;
}

/** Checks the references, then inserts: 422 naming every field that does not hold. */
export async function createConsent(
  w: WriteScope,
  personId: string,
  options: ConsentOptions,
): Promise<Row<'consents'>> {
  const errors = await checkConsentReferences(w.db, w.orgId, { personId, ...options });
  if (errors.length > 0) throw new ValidationError(errors);
  return insertConsent(w, personId, options);
}

export async function patchConsent(
  w: WriteScope,
  before: Row<'consents'>,
  patch: ConsentPatch,
): Promise<Row<'consents'>> {
  const errors = await checkConsentReferences(w.db, w.orgId, {
    ...(patch.channels === undefined ? {} : { channels: patch.channels }),
    ...(patch.assetIds === undefined ? {} : { assetIds: patch.assetIds }),
    // An archived author already on the consent may stay; a new one must be current.
    ...(patch.formAuthorId === undefined || patch.formAuthorId === before.form_author_id
      ? {}
      : { formAuthorId: patch.formAuthorId }),
  });
  const after: Row<'consents'> = {
    ...before,
    ...(patch.kind === undefined ? {} : { kind: patch.kind }),
    ...(patch.channels === undefined ? {} : { channels: toJsonText([...patch.channels]) }),
    ...(patch.validFrom === undefined ? {} : { valid_from: patch.validFrom }),
    ...(patch.validUntil === undefined ? {} : { valid_until: patch.validUntil }),
    ...(patch.assetIds === undefined
      ? {}
      : { asset_ids: patch.assetIds === null ? null : toJsonText([...patch.assetIds]) }),
    ...(patch.signedBy === undefined
      ? {}
      : {
          signed_by_subject: patch.signedBy.subject ? 1 : 0,
          signed_by_guardians: patch.signedBy.guardians,
        }),
    ...(patch.comment === undefined ? {} : { comment: emptyToNull(patch.comment) }),
    ...(patch.copyrightNotice === undefined
      ? {}
      : { copyright_notice: emptyToNull(patch.copyrightNotice) }),
    ...(patch.formAuthorId === undefined ? {} : { form_author_id: patch.formAuthorId }),
    updated_at: w.now,
    version: before.version + 1,
  };
  if (after.valid_until !== null && after.valid_until < after.valid_from)
    errors.push({
      field: patch.validUntil === undefined ? 'validFrom' : 'validUntil',
      message: `validUntil ${after.valid_until} is before validFrom ${after.valid_from}`,
    });
  if (errors.length > 0) throw new ValidationError(errors);
  await w.db
    .updateTable('consents')
    .set(after)
    .where('org_id', '=', w.orgId)
    .where('id', '=', before.id)
    .execute();
  await w.record({
    action: 'consent.update',
    targetType: 'consent',
    targetId: before.id,
    before,
    after,
  });
  return after;
}

/**
 * Records a withdrawal, whole or of some of the consent's channels, from `at` (default now; a
 * future instant schedules it). The consent's version moves and it goes to the change feed,
 * because its verdicts change.
 */
export async function revokeConsent(
  w: WriteScope,
  consent: Row<'consents'>,
  revocation: NewRevocation,
): Promise<Row<'revocations'>> {
  if (revocation.channels !== null) {
    const granted = new Set(parseJsonText(consent.channels));
    const errors = revocation.channels.flatMap((channel, index) =>
      granted.has(channel)
        ? []
        : [{ field: `channels[${index}]`, message: `${channel} is not granted by this consent` }],
    );
    if (errors.length > 0) throw new ValidationError(errors);
  }
  const row: Row<'revocations'> = {
    id: newId(IdPrefix.revocation),
    org_id: w.orgId,
    consent_id: consent.id,
    at: revocation.at === undefined ? w.now : toStoredInstant(revocation.at),
    channels: revocation.channels === null ? null : toJsonText([...revocation.channels]),
    recorded_by: w.actor,
    reason: emptyToNull(revocation.reason),
    created_at: w.now,
  };
  await w.db.insertInto('revocations').values(row).execute();
  await w.db
    .updateTable('consents')
    .set({ updated_at: w.now, version: consent.version + 1 })
    .where('org_id', '=', w.orgId)
    .where('id', '=', consent.id)
    .execute();
  await w.record({
    action: 'consent.revoke',
    targetType: 'consent',
    targetId: consent.id,
    before: null,
    after: row,
  });
  return row;
}

function emptyToNull(text: string | null): string | null {
  return text === null || text === '' ? null : text;
}
