// Writes of persons (shared by the API and the CSV import): create, change, erase. Each runs inside
// a write scope, so it is one transaction with its audit entry and change-feed row.
import type { WriteScope } from '../db/write.js';
import type { Row } from '../db/schema.js';
import { ConflictError } from '../errors/conflict-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { toStoredInstant } from '../util/calendar.js';
import { IdPrefix, newId } from '../util/ids.js';
import type { NewPerson, PersonPatch } from './schemas.js';

export async function createPerson(w: WriteScope, person: NewPerson): Promise<Row<'persons'>> {
  const row: Row<'persons'> = {
    id: newId(IdPrefix.person),
    org_id: w.orgId,
    name: person.name,
    email: person.email ?? null,
    phone: person.phone ?? null,
    birth_date: person.birthDate ?? null,
    deceased_on: person.deceasedOn ?? null,
    guardians: person.guardians ?? null,
    protected_identity: person.protectedIdentity === true ? 1 : 0,
    objected_at: person.objectedAt == null ? null : toStoredInstant(person.objectedAt),
    erased_at: null,
    created_at: w.now,
    updated_at: w.now,
    version: 1,
  };
  await w.db.insertInto('persons').values(row).execute();
  await w.record({ action: 'person.create', targetType: 'person', targetId: row.id, after: row });
  return row;
}

export async function patchPerson(
  w: WriteScope,
  before: Row<'persons'>,
  patch: PersonPatch,
): Promise<Row<'persons'>> {
  if (before.erased_at !== null) throw new ConflictError(`person ${before.id} was erased`);
  const fields: Partial<Row<'persons'>> = {};
  if (patch.name !== undefined) fields.name = patch.name;
  if (patch.email !== undefined) fields.email = patch.email;
  if (patch.phone !== undefined) fields.phone = patch.phone;
  if (patch.birthDate !== undefined) fields.birth_date = patch.birthDate;
  if (patch.deceasedOn !== undefined) fields.deceased_on = patch.deceasedOn;
  if (patch.guardians !== undefined) fields.guardians = patch.guardians;
  if (patch.protectedIdentity !== undefined)
    fields.protected_identity = patch.protectedIdentity ? 1 : 0;
  if (patch.objectedAt !== undefined)
    fields.objected_at = patch.objectedAt === null ? null : toStoredInstant(patch.objectedAt);
  const after: Row<'persons'> = {
    ...before,
    ...fields,
    updated_at: w.now,
    version: before.version + 1,
  };
  if (
    after.birth_date !== null &&
    after.deceased_on !== null &&
    after.deceased_on < after.birth_date
  )
    throw ValidationError.field(
      patch.deceasedOn === undefined ? 'birthDate' : 'deceasedOn',
      'deceasedOn is before birthDate',
    );
  await w.db
    .updateTable('persons')
    .set(after)
    .where('org_id', '=', w.orgId)
    .where('id', '=', before.id)
    .execute();
  await w.record({
    action: 'person.update',
    targetType: 'person',
    targetId: before.id,
    before,
    after,
  });
  return after;
}

/**
 * Art. 17 erasure: the identifying fields go, the row stays, so consents, revocations and tags
 * keep their shape as evidence. What `evaluate` reads (birth date, death, guardians, protected
 * identity, objection) stays too: the consents kept must still be judged as they were given.
 */
export async function erasePerson(w: WriteScope, before: Row<'persons'>): Promise<Row<'persons'>> {
  if (before.erased_at !== null) return before;
  const after: Row<'persons'> = {
    ...before,
    name: '',
    email: null,
    phone: null,
    erased_at: w.now,
    updated_at: w.now,
    version: before.version + 1,
  };
  await w.db
    .updateTable('persons')
    .set(after)
    .where('org_id', '=', w.orgId)
    .where('id', '=', before.id)
    .execute();
  // Comments on the person's consents may name them; they are personal data too.
  await w.db
    .updateTable('consents')
    .set((eb) => ({ comment: null, updated_at: w.now, version: eb('version', '+', 1) }))
    .where('org_id', '=', w.orgId)
    .where('person_id', '=', before.id)
    .where('comment', 'is not', null)
    .execute();
  await w.record({
    action: 'person.erase',
    targetType: 'person',
    targetId: before.id,
    before,
    after,
  });
  return after;
}
