// `pnpm registry import <file.csv> --org <id>`: persons and their consents from a CSV file, checked
// row by row with the API's own schemas, written all or nothing in one transaction.
import type { Kysely } from 'kysely';
import type { z } from '@hono/zod-openapi';
import { checkConsentReferences, insertConsent } from '../consents/commands.js';
import { CreateConsentSchema } from '../consents/schemas.js';
import type { ConsentOptions } from '../consents/schemas.js';
import type { Database } from '../db/schema.js';
import { runWrite } from '../db/write.js';
import type { WriteScope } from '../db/write.js';
import { createFormAuthor } from '../form-authors/form-authors.js';
import { fieldPath } from '../http/validation.js';
import { createPerson } from '../persons/commands.js';
import { CreatePersonSchema } from '../persons/schemas.js';
import type { NewPerson } from '../persons/schemas.js';
import { parseCsv } from './csv.js';

/** The columns, in the README's order; the header names them, in any order. */
export const IMPORT_COLUMNS = [
  'person',
  'name',
  'email',
  'phone',
  'birth_date',
  'deceased_on',
  'guardians',
  'protected_identity',
  'objected_at',
  'channels',
  'valid_from',
  'valid_until',
  'kind',
  'asset_ids',
  'signed_by_subject',
  'signed_by_guardians',
  'comment',
  'copyright_notice',
  'form_author',
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

const PERSON_COLUMNS: readonly Column[] = [
  'name',
  'email',
  'phone',
  'birth_date',
  'deceased_on',
  'guardians',
  'protected_identity',
  'objected_at',
];
const CONSENT_COLUMNS: readonly Column[] = [
  'channels',
  'valid_from',
  'valid_until',
  'kind',
  'asset_ids',
  'signed_by_subject',
  'signed_by_guardians',
  'comment',
  'copyright_notice',
  'form_author',
];

/** API field → column, for naming a culprit the way the file does. */
const COLUMN_OF: Record<string, Column> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  birthDate: 'birth_date',
  deceasedOn: 'deceased_on',
  guardians: 'guardians',
  protectedIdentity: 'protected_identity',
  objectedAt: 'objected_at',
  channels: 'channels',
  validFrom: 'valid_from',
  validUntil: 'valid_until',
  kind: 'kind',
  assetIds: 'asset_ids',
  'signedBy.subject': 'signed_by_subject',
  'signedBy.guardians': 'signed_by_guardians',
  comment: 'comment',
  copyrightNotice: 'copyright_notice',
  formAuthorId: 'form_author',
  personId: 'person',
};

export interface ImportError {
  line: number;
  column: string | null;
  message: string;
}

export type ImportResult =
  | { ok: true; persons: number; consents: number; formAuthors: number }
  | { ok: false; errors: ImportError[] };

interface Row {
  line: number;
  /** `per_…` of a person already recorded, a key shared by rows of one new person, or ''. */
  person: string;
  newPerson: NewPerson | undefined;
  consent: (Omit<ConsentOptions, 'formAuthorId'> & { formAuthor: string | null }) | undefined;
}

/** Reads, checks and writes; on any error nothing is written and every error is returned. */
export async function importCsv(
  db: Kysely<Database>,
  options: { orgId: string; actor: string; now?: Date },
  text: string,
): Promise<ImportResult> {
  const parsed = parseRows(text);
  if (!parsed.ok) return parsed;
  class Rollback extends Error {
    constructor(readonly errors: ImportError[]) {
      super('import refused');
    }
  }
  try {
    return await runWrite(
      db,
      { orgId: options.orgId, actor: options.actor, now: options.now ?? new Date() },
      async (w) => {
        // Checked under the organisation's write lock, so nothing moves between check and write.
        const errors = await checkReferences(w, parsed.rows);
        if (errors.length > 0) throw new Rollback(errors);
        return { ok: true as const, ...(await writeRows(w, parsed.rows)) };
      },
    );
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, errors: error.errors };
    throw error;
  }
}

function parseRows(text: string): { ok: true; rows: Row[] } | { ok: false; errors: ImportError[] } {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    const line = (error as { line?: number }).line ?? 1;
    return { ok: false, errors: [{ line, column: null, message: (error as Error).message }] };
  }
  const [header, ...body] = records;
  if (header === undefined)
    return { ok: false, errors: [{ line: 1, column: null, message: 'the file is empty' }] };
  const errors: ImportError[] = [];
  const columns = header.fields.map((name) => name.trim().toLowerCase());
  columns.forEach((name, index) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name))
      errors.push({
        line: header.line,
        column: name,
        message: `unknown column (known: ${IMPORT_COLUMNS.join(', ')})`,
      });
    else if (columns.indexOf(name) !== index)
      errors.push({ line: header.line, column: name, message: 'repeated column' });
  });
  if (errors.length > 0) return { ok: false, errors };
  if (body.length === 0)
    return { ok: false, errors: [{ line: 2, column: null, message: 'no rows after the header' }] };

  const rows: Row[] = [];
  const keyed = new Map<string, number>();
  for (const record of body) {
    const cell = (column: Column) => {
      const index = columns.indexOf(column);
      return index < 0 ? '' : (record.fields[index] ?? '').trim();
    };
    const fail = (column: string | null, message: string) =>
      errors.push({ line: record.line, column, message });
    if (record.fields.length !== columns.length) {
      fail(null, `${record.fields.length} fields, the header has ${columns.length}`);
      continue;
    }
    const person = cell('person');
    const existing = person.startsWith('per_');
    const repeated = !existing && person !== '' && keyed.has(person);
    const hasPersonFields = PERSON_COLUMNS.some((column) => cell(column) !== '');
    let newPerson: NewPerson | undefined;
    if (existing || repeated) {
      if (hasPersonFields)
        fail(
          'person',
          existing
            ? 'names a recorded person: leave the person columns empty'
            : `repeats ${person} of line ${keyed.get(person)}: leave the person columns empty`,
        );
    } else {
      const result = CreatePersonSchema.safeParse({
        name: cell('name'),
        ...optional('email', cell('email')),
        ...optional('phone', cell('phone')),
        ...optional('birthDate', cell('birth_date')),
        ...optional('deceasedOn', cell('deceased_on')),
        ...optional('guardians', integer(cell('guardians'))),
        ...optional('protectedIdentity', flag(cell('protected_identity'))),
        ...optional('objectedAt', cell('objected_at')),
      });
      if (result.success) newPerson = result.data;
      else reportIssues(result.error, fail);
      if (person !== '') keyed.set(person, record.line);
    }

    let consent: Row['consent'];
    if (CONSENT_COLUMNS.some((column) => cell(column) !== '')) {
      const result = CreateConsentSchema.safeParse({
        personId: 'per_import',
        channels: list(cell('channels')),
        validFrom: cell('valid_from'),
        ...optional('validUntil', cell('valid_until')),
        ...optional('kind', cell('kind')),
        ...optional('assetIds', cell('asset_ids') === '' ? undefined : list(cell('asset_ids'))),
        signedBy: {
          ...optional('subject', flag(cell('signed_by_subject'))),
          ...optional('guardians', integer(cell('signed_by_guardians'))),
        },
        ...optional('comment', cell('comment')),
        ...optional('copyrightNotice', cell('copyright_notice')),
      });
      if (result.success) {
        const { kind, channels, validFrom, validUntil, assetIds, signedBy } = result.data;
        const { comment, copyrightNotice } = result.data;
        const author = cell('form_author');
        if (author.length > 200) fail('form_author', 'at most 200 characters');
        consent = {
          ...{
            kind,
            channels,
            validFrom,
            validUntil,
            assetIds,
            signedBy,
            comment,
            copyrightNotice,
          },
          formAuthor: author === '' ? null : author,
        };
      } else reportIssues(result.error, fail);
    } else if (existing || repeated) {
      fail(null, 'neither a new person nor a consent: the row says nothing');
    }
    rows.push({ line: record.line, person, newPerson, consent });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

async function checkReferences(w: WriteScope, rows: readonly Row[]): Promise<ImportError[]> {
  const errors: ImportError[] = [];
  for (const row of rows) {
    const refs = {
      ...(row.person.startsWith('per_') ? { personId: row.person } : {}),
      ...(row.consent === undefined
        ? {}
        : { channels: row.consent.channels, assetIds: row.consent.assetIds }),
    };
    for (const error of await checkConsentReferences(w.db, w.orgId, refs)) {
      const [, field = error.field, index] = /^([a-zA-Z.]+)(\[\d+\])?$/.exec(error.field) ?? [];
      const column = COLUMN_OF[field] ?? field;
      errors.push({ line: row.line, column: `${column}${index ?? ''}`, message: error.message });
    }
  }
  return errors;
}

async function writeRows(w: WriteScope, rows: readonly Row[]) {
  const personIds = new Map<string, string>();
  const authorIds = new Map<string, string>();
  const current = await w.db
    .selectFrom('form_authors')
    .select(['id', 'name'])
    .where('org_id', '=', w.orgId)
    .where('archived_at', 'is', null)
    .orderBy('created_at')
    .execute();
  for (const author of current) {
    const key = author.name.toLowerCase();
    if (!authorIds.has(key)) authorIds.set(key, author.id);
  }
  let persons = 0;
  let consents = 0;
  let formAuthors = 0;
  for (const row of rows) {
    let personId = row.person.startsWith('per_') ? row.person : personIds.get(row.person);
    if (row.newPerson !== undefined) {
      personId = (await createPerson(w, row.newPerson)).id;
      persons++;
      if (row.person !== '') personIds.set(row.person, personId);
    }
    if (row.consent === undefined || personId === undefined) continue;
    const { formAuthor, ...options } = row.consent;
    let formAuthorId: string | null = null;
    if (formAuthor !== null) {
      formAuthorId = authorIds.get(formAuthor.toLowerCase()) ?? null;
      if (formAuthorId === null) {
        formAuthorId = (await createFormAuthor(w, formAuthor)).id;
        authorIds.set(formAuthor.toLowerCase(), formAuthorId);
        formAuthors++;
      }
    }
    await insertConsent(w, personId, { ...options, formAuthorId });
    consents++;
  }
  return { persons, consents, formAuthors };
}

function reportIssues(error: z.ZodError, fail: (column: string | null, message: string) => void) {
  for (const issue of error.issues) {
    const path = fieldPath(issue.path);
    const [, field = path, index] = /^([a-zA-Z.]+)(\[\d+\])?$/.exec(path) ?? [];
    fail(`${COLUMN_OF[field] ?? (field || '(row)')}${index ?? ''}`, issue.message);
  }
}

/** `{ [key]: value }` when the cell held something; an empty cell is a field left out. */
function optional<K extends string, V>(key: K, value: V | '' | undefined): Partial<Record<K, V>> {
  return value === '' || value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** `web|print` (or `;` between, spaces around) → the list; the schema refuses an empty one. */
function list(cell: string): string[] {
  return cell
    .split(/[|;]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A whole number, or the text itself so the schema names it. */
function integer(cell: string): number | string {
  return /^\d+$/.test(cell) ? Number(cell) : cell;
}

/** true/false, yes/no, 1/0 in any case; anything else passes through for the schema to refuse. */
function flag(cell: string): boolean | string {
  const value = cell.toLowerCase();
  if (['true', 'yes', '1'].includes(value)) return true;
  if (['false', 'no', '0'].includes(value)) return false;
  return cell;
}
