// Form authors: a managed list that consents reference by id, so a rename shows on every consent.
import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { IdPrefix, newId } from '../util/ids.js';

const NameSchema = z.string().trim().min(1).max(200);

export const CreateFormAuthorSchema = z.strictObject({ name: NameSchema }).openapi('NewFormAuthor');

export const PatchFormAuthorSchema = z
  .strictObject({
    name: NameSchema.optional(),
    archived: z.boolean().optional().openapi({
      description: 'Archived authors stay on old consents but are not offered for new ones',
    }),
  })
  .openapi('FormAuthorPatch');

export const FormAuthorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    archivedAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('FormAuthor');

export const FormAuthorListSchema = z
  .object({ formAuthors: z.array(FormAuthorSchema) })
  .openapi('FormAuthorList');

export type FormAuthorDto = z.infer<typeof FormAuthorSchema>;

export function toFormAuthorDto(row: Row<'form_authors'>): FormAuthorDto {
  return {
    id: row.id,
    name: row.name,
    archivedAt: row.archived_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export async function findFormAuthor(
  db: Kysely<Database>,
  orgId: string,
  id: string,
): Promise<Row<'form_authors'>> {
  const row = await db
    .selectFrom('form_authors')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('form author', id);
  return row;
}

export async function createFormAuthor(w: WriteScope, name: string): Promise<Row<'form_authors'>> {
  const row: Row<'form_authors'> = {
    id: newId(IdPrefix.formAuthor),
    org_id: w.orgId,
    name,
    archived_at: null,
    created_at: w.now,
    updated_at: w.now,
    version: 1,
  };
  await w.db.insertInto('form_authors').values(row).execute();
  // Not in the change feed: no verdict depends on who wrote a form.
  await w.record({
    action: 'form_author.create',
    targetType: 'form_author',
    targetId: row.id,
    after: row,
    feed: false,
  });
  return row;
}

export async function patchFormAuthor(
  w: WriteScope,
  before: Row<'form_authors'>,
  patch: z.infer<typeof PatchFormAuthorSchema>,
): Promise<Row<'form_authors'>> {
  const after: Row<'form_authors'> = {
    ...before,
    name: patch.name ?? before.name,
    archived_at:
      patch.archived === undefined
        ? before.archived_at
        : patch.archived
          ? (before.archived_at ?? w.now)
          : null,
    updated_at: w.now,
    version: before.version + 1,
  };
  await w.db
    .updateTable('form_authors')
    .set(after)
    .where('org_id', '=', w.orgId)
    .where('id', '=', before.id)
    .execute();
  await w.record({
    action: 'form_author.update',
    targetType: 'form_author',
    targetId: before.id,
    before,
    after,
    feed: false,
  });
  return after;
}
