// Group consent: one document for many persons and a set of assets, written as one consent per
// person with the same options, all in one transaction. Each consent stays editable on its own.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Kysely } from 'kysely';
import { checkConsentReferences, insertConsent } from '../consents/commands.js';
import { findStoredFile, readDocumentUpload, storeDocumentFile } from '../consents/documents.js';
import type { StoredFile } from '../consents/documents.js';
import {
  ConsentSchema,
  DocumentSchema,
  consentOptionFields,
  untilNotBeforeFrom,
} from '../consents/schemas.js';
import type { ConsentOptions } from '../consents/schemas.js';
import type { Database, Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import type { FieldError } from '../errors/field-error.js';
import { MalformedRequestError } from '../errors/malformed-request-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { AppEnv } from '../http/env.js';
import { fieldErrors } from '../http/validation.js';
import { isSha256 } from '../files/file-store.js';
import { IdPrefix, newId } from '../util/ids.js';
import { insertDocument } from '../consents/documents.js';

const IdSchema = z.string().min(1).max(64);

export const CreateConsentGroupSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    personIds: z
      .array(IdSchema)
      .min(1)
      .max(1000)
      .superRefine((ids, ctx) => {
        ids.forEach((id, index) => {
          if (ids.indexOf(id) !== index)
            ctx.addIssue({ code: 'custom', path: [index], message: `repeats ${id}` });
        });
      }),
    documentSha256: z
      .string()
      .refine(isSha256, '64 lowercase hex characters')
      .optional()
      .openapi({ description: 'A document the organisation already holds, instead of a file' }),
    ...consentOptionFields,
    assetIds: consentOptionFields.assetIds.unwrap().unwrap(),
  })
  .superRefine(untilNotBeforeFrom)
  .openapi('NewConsentGroup', {
    description: 'JSON naming a stored document, or multipart `file` + this as `metadata`',
  });

export type NewConsentGroup = z.infer<typeof CreateConsentGroupSchema>;

export const ConsentGroupSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    personIds: z.array(z.string()),
    consents: z.array(ConsentSchema),
    documents: z.array(DocumentSchema),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('ConsentGroup');

export interface GroupRequest {
  fields: NewConsentGroup;
  /** The evidence, stored already (a new file) or to look up (`fields.documentSha256`). */
  file: StoredFile | undefined;
}

/** A JSON body (validated by the route) or multipart `file` + `metadata`, read and checked. */
export async function readGroupRequest(c: Context<AppEnv>): Promise<GroupRequest> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(contentType)) {
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch (error) {
      throw new MalformedRequestError('The body is not JSON', { cause: error });
    }
    const fields = parseGroup(raw);
    if (fields.documentSha256 === undefined)
      throw ValidationError.field('documentSha256', 'is required without a file');
    return { fields, file: undefined };
  }
  const upload = await readDocumentUpload(c);
  const fields = parseGroup(upload.metadata ?? {});
  if (upload.bytes.length === 0) {
    if (fields.documentSha256 === undefined)
      throw ValidationError.field('file', 'a file part or documentSha256 is required');
    return { fields, file: undefined };
  }
  if (fields.documentSha256 !== undefined)
    throw ValidationError.field('documentSha256', 'give a file or documentSha256, not both');
  // Sniffed and stored before the transaction; the store is content-addressed, so bytes of a
  // refused group are only an unreferenced file, never a half-written record.
  const file = await storeDocumentFile(c.var.deps.files, upload.bytes, upload.filename);
  return { fields, file };
}

function parseGroup(raw: unknown): NewConsentGroup {
  const parsed = CreateConsentGroupSchema.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(fieldErrors(parsed.error), { cause: parsed.error });
  return parsed.data;
}

/**
 * Writes the group, its document and one consent per person, or nothing: every reference is
 * checked first and all field errors (`personIds[3]`, `assetIds[0]`, …) are reported together.
 */
export async function createConsentGroup(
  w: WriteScope,
  request: GroupRequest,
): Promise<Row<'consent_groups'>> {
  const { fields } = request;
  const { title, personIds, documentSha256, ...options } = fields;
  const errors: FieldError[] = [];
  let file = request.file;
  if (file === undefined && documentSha256 !== undefined) {
    file = await findStoredFile(w.db, w.orgId, documentSha256);
    if (file === undefined)
      errors.push({ field: 'documentSha256', message: 'no document of the organisation has it' });
  }
  errors.push(...(await checkConsentReferences(w.db, w.orgId, options)));
  errors.push(...(await checkPersons(w.db, w.orgId, personIds)));
  if (errors.length > 0 || file === undefined) throw new ValidationError(errors);

  const group: Row<'consent_groups'> = {
    id: newId(IdPrefix.consentGroup),
    org_id: w.orgId,
    title,
    created_by: w.actor,
    created_at: w.now,
    updated_at: w.now,
    version: 1,
  };
  await w.db.insertInto('consent_groups').values(group).execute();
  await w.record({
    action: 'consent_group.create',
    targetType: 'consent_group',
    targetId: group.id,
    after: { ...group, personIds },
    feed: false,
  });
  await insertDocument(w, file, { groupId: group.id });
  const consentOptions: ConsentOptions = options;
  for (const personId of personIds) await insertConsent(w, personId, consentOptions, group.id);
  return group;
}

async function checkPersons(
  db: Kysely<Database>,
  orgId: string,
  personIds: readonly string[],
): Promise<FieldError[]> {
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'erased_at'])
    .where('org_id', '=', orgId)
    .where('id', 'in', [...personIds])
    .execute();
  const found = new Map(rows.map((row) => [row.id, row]));
  return personIds.flatMap((personId, index) => {
    const person = found.get(personId);
    if (person === undefined)
      return [{ field: `personIds[${index}]`, message: `no person ${personId}` }];
    if (person.erased_at !== null)
      return [{ field: `personIds[${index}]`, message: `person ${personId} was erased` }];
    return [];
  });
}

export async function findConsentGroup(
  db: Kysely<Database>,
  orgId: string,
  id: string,
): Promise<Row<'consent_groups'>> {
  const row = await db
    .selectFrom('consent_groups')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('consent group', id);
  return row;
}
