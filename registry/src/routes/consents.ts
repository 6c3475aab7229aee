// /v1/consents: consents, their revocations and evidence documents (consent managers and admins).
// A consent is never deleted: a withdrawal is a revocation with its instant, whole or per channel.
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { createConsent, patchConsent, revokeConsent } from '../consents/commands.js';
import {
  DOCUMENT_TYPES,
  findConsentDocument,
  insertDocument,
  limitDocumentBody,
  readDocumentUpload,
  storeDocumentFile,
} from '../consents/documents.js';
import {
  clockOf,
  findConsent,
  searchConsents,
  toConsentDtos,
  toDocumentDto,
  toRevocationDto,
} from '../consents/records.js';
import {
  ConsentListQuery,
  ConsentListSchema,
  ConsentSchema,
  CreateConsentSchema,
  CreateRevocationSchema,
  DocumentSchema,
  PatchConsentSchema,
  RevocationSchema,
} from '../consents/schemas.js';
import type { ConsentDto } from '../consents/schemas.js';
import type { Row } from '../db/schema.js';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors/not-found-error.js';
import type { AppEnv } from '../http/env.js';
import { assertIfMatch, setEtag } from '../http/etag.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import { IdParams, ProblemSchema, problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';
import type { Kysely } from 'kysely';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const binary = { type: 'string', format: 'binary' } as const;
const documentBodies = Object.fromEntries(
  [...DOCUMENT_TYPES, 'application/octet-stream'].map((type) => [type, { schema: binary }]),
);
const uploadProblems = {
  413: {
    description: 'The file is larger than 20 MB',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  },
  415: {
    description: 'The bytes are not a PDF, MP3, M4A, Ogg or WAV file',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
  },
};

const DocumentParams = z.object({
  id: IdParams.shape.id,
  docId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'docId', in: 'path' }, example: 'doc_0123456789abcdefghjk' }),
});

const createConsentRoute = createRoute({
  method: 'post',
  path: '/consents',
  tags: ['consents'],
  summary: 'Record a consent (Idempotency-Key makes a retry safe)',
  middleware: [requireRole('consent_manager')] as const,
  request: {
    body: { content: { 'application/json': { schema: CreateConsentSchema } }, required: true },
  },
  responses: {
    201: json(ConsentSchema, 'Created; ETag carries its version'),
    ...problemResponses(400, 401, 403, 422),
  },
});

const listConsentsRoute = createRoute({
  method: 'get',
  path: '/consents',
  tags: ['consents'],
  summary: 'Consents by person, asset or status, newest first, a page at a time',
  middleware: [requireRole('consent_manager')] as const,
  request: { query: ConsentListQuery },
  responses: {
    200: json(ConsentListSchema, 'A page; pass nextCursor as cursor for the next'),
    ...problemResponses(400, 401, 403),
  },
});

const getConsentRoute = createRoute({
  method: 'get',
  path: '/consents/{id}',
  tags: ['consents'],
  summary: 'One consent with its revocations and documents; ETag carries its version',
  middleware: [requireRole('consent_manager')] as const,
  request: { params: IdParams },
  responses: { 200: json(ConsentSchema, 'The consent'), ...problemResponses(401, 403, 404) },
});

const patchConsentRoute = createRoute({
  method: 'patch',
  path: '/consents/{id}',
  tags: ['consents'],
  summary: 'Change a consent’s options (If-Match required); never its person or group',
  middleware: [requireRole('consent_manager')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: PatchConsentSchema } }, required: true },
  },
  responses: {
    200: json(ConsentSchema, 'The consent as changed'),
    ...problemResponses(401, 403, 404, 412, 422, 428),
  },
});

const revokeRoute = createRoute({
  method: 'post',
  path: '/consents/{id}/revocations',
  tags: ['consents'],
  summary: 'Withdraw a consent, whole or some channels, now or from a given instant',
  middleware: [requireRole('consent_manager')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: CreateRevocationSchema } }, required: true },
  },
  responses: {
    201: json(RevocationSchema, 'Recorded; the consent’s version moves'),
    ...problemResponses(400, 401, 403, 404, 422),
  },
});

const uploadDocumentRoute = createRoute({
  method: 'post',
  path: '/consents/{id}/documents',
  tags: ['consents'],
  summary: 'Attach evidence: a PDF or audio file (multipart `file`, or the raw bytes)',
  description:
    'The type is sniffed from the bytes (PDF, MP3, M4A, Ogg, WAV); at most 20 MB. A raw upload ' +
    'may name the file with `?filename=`.',
  middleware: [requireRole('consent_manager'), limitDocumentBody()] as const,
  request: {
    params: IdParams,
    body: {
      required: true,
      content: {
        'multipart/form-data': {
          schema: { type: 'object', required: ['file'], properties: { file: binary } },
        },
        ...documentBodies,
      },
    },
  },
  responses: {
    201: json(DocumentSchema, 'Stored; sha256 names the bytes'),
    ...problemResponses(400, 401, 403, 404, 422),
    ...uploadProblems,
  },
});

const getDocumentRoute = createRoute({
  method: 'get',
  path: '/consents/{id}/documents/{docId}',
  tags: ['consents'],
  summary: 'The bytes of an evidence document, with the stored type and SHA-256',
  middleware: [requireRole('consent_manager')] as const,
  request: { params: DocumentParams },
  responses: {
    200: {
      description: 'The document; `X-Content-SHA256` carries its digest',
      headers: z.object({ 'X-Content-SHA256': z.string() }),
      content: documentBodies,
    },
    ...problemResponses(401, 403, 404),
  },
});

export const consentRoutes = createRouter()
  .openapi(createConsentRoute, async (c) => {
    const { personId, ...options } = c.req.valid('json');
    const consent = await writeTx(c, async (w) =>
      consentDto(c, w.db, await createConsent(w, personId, options)),
    );
    setEtag(c, consent.version);
    c.header('Location', `/v1/consents/${consent.id}`);
    return c.json(consent, 201);
  })
  .openapi(listConsentsRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const { db, now } = c.var.deps;
    const clock = await clockOf(db, orgId, now());
    const { rows, nextCursor } = await searchConsents(db, orgId, c.req.valid('query'), clock);
    return c.json({ consents: await toConsentDtos(db, orgId, rows, clock), nextCursor }, 200);
  })
  .openapi(getConsentRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const { db } = c.var.deps;
    const consent = await consentDto(c, db, await findConsent(db, orgId, c.req.valid('param').id));
    setEtag(c, consent.version);
    return c.json(consent, 200);
  })
  .openapi(patchConsentRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const consent = await writeTx(c, async (w) => {
      const before = await findConsent(w.db, w.orgId, id);
      assertIfMatch(c, before.version);
      return consentDto(c, w.db, await patchConsent(w, before, patch));
    });
    setEtag(c, consent.version);
    return c.json(consent, 200);
  })
  .openapi(revokeRoute, async (c) => {
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const revocation = await writeTx(c, async (w) =>
      toRevocationDto(await revokeConsent(w, await findConsent(w.db, w.orgId, id), body)),
    );
    c.header('Location', `/v1/consents/${id}`);
    return c.json(revocation, 201);
  })
  .openapi(uploadDocumentRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const { id } = c.req.valid('param');
    const { db, files } = c.var.deps;
    // 404 before storing bytes for a consent the caller cannot see.
    await findConsent(db, orgId, id);
    const upload = await readDocumentUpload(c);
    const file = await storeDocumentFile(files, upload.bytes, upload.filename);
    const document = await writeTx(c, async (w) => {
      const consent = await findConsent(w.db, w.orgId, id);
      return toDocumentDto(await insertDocument(w, file, { consentId: consent.id }));
    });
    return c.json(document, 201);
  })
  .openapi(getDocumentRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const { id, docId } = c.req.valid('param');
    const { db, files } = c.var.deps;
    const consent = await findConsent(db, orgId, id);
    const document = await findConsentDocument(db, consent, docId);
    const bytes = await files.get(document.sha256);
    if (bytes === null) throw new NotFoundError('bytes of document', document.id);
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'content-type': document.mime,
      'content-length': String(bytes.length),
      'content-disposition': contentDisposition(document.filename),
      'x-content-sha256': document.sha256,
      // Evidence holds personal data: no shared cache may keep it.
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      etag: `"${document.sha256}"`,
    });
  });

/** RFC 6266: an ASCII fallback and the UTF-8 name (RFC 8187). */
function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

async function consentDto(
  c: Context<AppEnv>,
  db: Kysely<Database>,
  row: Row<'consents'>,
): Promise<ConsentDto> {
  const clock = await clockOf(db, row.org_id, c.var.deps.now());
  const [dto] = await toConsentDtos(db, row.org_id, [row], clock);
  if (dto === undefined) throw new NotFoundError('consent', row.id);
  return dto;
}
