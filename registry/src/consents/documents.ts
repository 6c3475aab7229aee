// Evidence documents of consents: PDF or audio, the type sniffed from the bytes (the Content-Type
// a client sends is a claim), size-limited, stored content-addressed with their SHA-256.
import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { AppEnv } from '../http/env.js';
import { bufferBody } from '../http/body-limit.js';
import { PayloadTooLargeError } from '../errors/payload-too-large-error.js';
import type { Database, Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import type { FileStore } from '../files/file-store.js';
import { MalformedRequestError } from '../errors/malformed-request-error.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { UnsupportedMediaTypeError } from '../errors/unsupported-media-type-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { IdPrefix, newId } from '../util/ids.js';

export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** Room for the multipart envelope and metadata around a document of the largest size. */
const ENVELOPE_BYTES = 256 * 1024;

export const DOCUMENT_TYPES = [
  'application/pdf',
  'audio/mpeg',
  'audio/mp4',
  'audio/ogg',
  'audio/wav',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'mp42', 'mp41', 'isom', 'iso2', 'dash']);

/** The evidence type the bytes start like, or null for anything else. */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(bytes, 4, 8) === 'ftyp' && M4A_BRANDS.has(ascii(bytes, 8, 12))) return 'audio/mp4';
  if (ascii(bytes, 0, 3) === 'ID3') return 'audio/mpeg';
  // A bare MPEG audio frame: 11 sync bits, a layer that is not "reserved".
  const [first, second] = [bytes[0] ?? 0, bytes[1] ?? 0];
  if (bytes.length >= 4 && first === 0xff && (second & 0xe0) === 0xe0 && (second & 0x06) !== 0)
    return 'audio/mpeg';
  return null;
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  if (bytes.length < end) return '';
  return String.fromCharCode(...bytes.subarray(start, end));
}

const EXTENSIONS: Record<DocumentType, string> = {
  'application/pdf': 'pdf',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
};

/** Middleware: a document's body under its limit plus the envelope (http/body-limit.ts). */
export function limitDocumentBody(): MiddlewareHandler<AppEnv> {
  const limit = {
    maxBytes: MAX_DOCUMENT_BYTES + ENVELOPE_BYTES,
    field: 'file',
    statedBytes: MAX_DOCUMENT_BYTES,
  };
  return async (c, next) => {
    await bufferBody(c, limit);
    await next();
  };
}

export interface DocumentUpload {
  bytes: Uint8Array;
  /** The client's name for the file, or one made from the type. */
  filename: string | undefined;
  /** The `metadata` part of a multipart body, parsed; undefined when absent. */
  metadata: unknown;
}

/** A multipart body (`file`, optional JSON `metadata`) or a raw body with `?filename=`. */
export async function readDocumentUpload(c: Context<AppEnv>): Promise<DocumentUpload> {
  const contentType = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(contentType)) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch (error) {
      throw new MalformedRequestError('The multipart body could not be read', { cause: error });
    }
    const file = form.get('file');
    const metadata = form.get('metadata');
    let parsed: unknown = undefined;
    if (metadata !== null) {
      const text = typeof metadata === 'string' ? metadata : await metadata.text();
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new MalformedRequestError('metadata: not JSON', { cause: error });
      }
    }
    if (file === null) return { bytes: new Uint8Array(), filename: undefined, metadata: parsed };
    if (!(file instanceof Blob)) throw ValidationError.field('file', 'must be a file part');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const filename = file instanceof File && file.name !== '' ? file.name : undefined;
    return { bytes, filename, metadata: parsed };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return { bytes, filename: c.req.query('filename'), metadata: undefined };
}

export interface StoredFile {
  sha256: string;
  mime: DocumentType;
  size: number;
  filename: string;
}

/** Sniffs and stores the bytes (outside any transaction: the store is content-addressed). */
export async function storeDocumentFile(
  files: FileStore,
  bytes: Uint8Array,
  filename: string | undefined,
): Promise<StoredFile> {
  if (bytes.length === 0) throw ValidationError.field('file', 'the body holds no file');
  if (bytes.length > MAX_DOCUMENT_BYTES) throw new PayloadTooLargeError('file', MAX_DOCUMENT_BYTES);
  const mime = sniffDocumentType(bytes);
  if (mime === null)
    throw new UnsupportedMediaTypeError('file', ['PDF', 'MP3', 'M4A', 'Ogg', 'WAV']);
  const sha256 = await files.put(bytes);
  return { sha256, mime, size: bytes.length, filename: cleanFilename(filename, mime, sha256) };
}

/** A name safe to send back in Content-Disposition: no path, no control characters. */
function cleanFilename(name: string | undefined, mime: DocumentType, sha256: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()
    // Control characters and quotes would break the Content-Disposition header.
    ?.replace(/[^\P{Cc}]|"/gu, '')
    .trim()
    .slice(0, 200);
  return base === undefined || base === '' ? `${sha256.slice(0, 12)}.${EXTENSIONS[mime]}` : base;
}

/** Records a stored file as evidence of a consent or of a group. */
export async function insertDocument(
  w: WriteScope,
  file: StoredFile,
  owner: { consentId: string } | { groupId: string },
): Promise<Row<'consent_documents'>> {
  const row: Row<'consent_documents'> = {
    id: newId(IdPrefix.consentDocument),
    org_id: w.orgId,
    consent_id: 'consentId' in owner ? owner.consentId : null,
    group_id: 'groupId' in owner ? owner.groupId : null,
    sha256: file.sha256,
    mime: file.mime,
    size: file.size,
    filename: file.filename,
    created_by: w.actor,
    created_at: w.now,
  };
  await w.db.insertInto('consent_documents').values(row).execute();
  // Not in the change feed: evidence changes no verdict.
  await w.record({
    action: 'consent_document.create',
    targetType: 'consent_document',
    targetId: row.id,
    after: row,
    feed: false,
  });
  return row;
}

/** A document the organisation already holds with this SHA-256 (to share it with a group). */
export async function findStoredFile(
  db: Kysely<Database>,
  orgId: string,
  sha256: string,
): Promise<StoredFile | undefined> {
  const row = await db
    .selectFrom('consent_documents')
    .select(['sha256', 'mime', 'size', 'filename'])
    .where('org_id', '=', orgId)
    .where('sha256', '=', sha256)
    .orderBy('created_at')
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return { ...row, mime: row.mime as DocumentType, size: Number(row.size) };
}

/** A document of this consent: its own, or its group's. 404 otherwise. */
export async function findConsentDocument(
  db: Kysely<Database>,
  consent: Row<'consents'>,
  documentId: string,
): Promise<Row<'consent_documents'>> {
  const row = await db
    .selectFrom('consent_documents')
    .selectAll()
    .where('org_id', '=', consent.org_id)
    .where('id', '=', documentId)
    .executeTakeFirst();
  const belongs =
    row !== undefined &&
    (row.consent_id === consent.id || (row.group_id !== null && row.group_id === consent.group_id));
  if (!belongs) throw new NotFoundError('document', documentId);
  return row;
}
