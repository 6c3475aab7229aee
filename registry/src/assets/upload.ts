// Reading an upload: the body under a size limit, then the file and its fields from a multipart
// form (`file` + JSON `metadata`) or from a raw image body with the fields in the query.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { bufferBody } from '../http/body-limit.js';
import { fieldErrors } from '../http/validation.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { MalformedRequestError } from '../errors/malformed-request-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { MAX_IMAGE_BYTES } from './ingest.js';
import { CreateAssetFieldsSchema } from './schemas.js';
import type { CreateAssetFields } from './schemas.js';

/** Room for the multipart envelope and metadata around a file of the largest size. */
const ENVELOPE_BYTES = 1024 * 1024;

/** Middleware: an upload's body under the image limit plus its envelope (http/body-limit.ts). */
export function limitBody(): MiddlewareHandler<AppEnv> {
  const limit = {
    maxBytes: MAX_IMAGE_BYTES + ENVELOPE_BYTES,
    field: 'file',
    statedBytes: MAX_IMAGE_BYTES,
  };
  return async (c, next) => {
    await bufferBody(c, limit);
    await next();
  };
}

export interface Upload {
  bytes: Uint8Array;
  fields: CreateAssetFields;
}

/** The file and fields of `POST /v1/assets`, validated; field errors name `file`, `title`, … */
export async function readUpload(c: Context<AppEnv>): Promise<Upload> {
  const contentType = c.req.header('content-type') ?? '';
  if (/^multipart\/form-data/i.test(contentType)) return readMultipart(c);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw ValidationError.field('file', 'the body holds no file');
  return { bytes, fields: fieldsFromQuery(new URL(c.req.url).searchParams) };
}

async function readMultipart(c: Context<AppEnv>): Promise<Upload> {
  let form: FormData;
  try {
    form = await c.req.formData();
  } catch (error) {
    throw new MalformedRequestError('The multipart body could not be read', { cause: error });
  }
  const file = form.get('file');
  if (!(file instanceof Blob) || file.size === 0)
    throw ValidationError.field('file', 'a non-empty file part is required');
  const metadata = form.get('metadata');
  let raw: unknown = {};
  if (metadata !== null) {
    const text = typeof metadata === 'string' ? metadata : await metadata.text();
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new MalformedRequestError('metadata: not JSON', { cause: error });
    }
  }
  const parsed = CreateAssetFieldsSchema.safeParse(raw);
  if (!parsed.success)
    throw new ValidationError(fieldErrors(parsed.error), { cause: parsed.error });
  const fields = parsed.data;
  // The file's own name is a fair title when none was given.
  if (fields.title === undefined && file instanceof File && file.name !== '')
    fields.title = file.name.replace(/\.[A-Za-z0-9]{1,5}$/, '').slice(0, 200);
  return { bytes: new Uint8Array(await file.arrayBuffer()), fields };
}

/** `?title=…&credit=…&tags=a,b&legalBasis=…&alt.sv=…&alt.en=…` of a raw upload. */
function fieldsFromQuery(params: URLSearchParams): CreateAssetFields {
  const raw: Record<string, unknown> = {};
  const alt: Record<string, string> = {};
  for (const [key, value] of params) {
    // `key` is a credential (publishable keys may send it so), not a field.
    if (key === 'key') continue;
    if (key.startsWith('alt.')) alt[key.slice(4)] = value;
    else if (key === 'tags') raw.tags = value.split(',').filter((tag) => tag.trim() !== '');
    else raw[key] = value;
  }
  if (Object.keys(alt).length > 0) raw.alt = alt;
  const parsed = CreateAssetFieldsSchema.safeParse(raw);
  if (!parsed.success)
    throw new InvalidParameterError(fieldErrors(parsed.error), { cause: parsed.error });
  return parsed.data;
}
