// /v1/consent-groups: one document for many persons and a set of assets, in one atomic request
// (consent managers and admins). Exceptions are made per person on the consents afterwards.
import { createRoute } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import {
  ConsentGroupSchema,
  CreateConsentGroupSchema,
  createConsentGroup,
  findConsentGroup,
  readGroupRequest,
} from '../consent-groups/consent-groups.js';
import { limitDocumentBody } from '../consents/documents.js';
import { clockOf, toConsentDtos, toDocumentDto } from '../consents/records.js';
import type { Database, Row } from '../db/schema.js';
import { setEtag } from '../http/etag.js';
import { PROBLEM_CONTENT_TYPE } from '../http/problem.js';
import { createRouter } from '../http/router.js';
import { IdParams, ProblemSchema, problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const problem = (description: string) => ({
  description,
  content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
});

const createGroupRoute = createRoute({
  method: 'post',
  path: '/consent-groups',
  tags: ['consents'],
  summary: 'Group consent: one document, many persons, one consent each, all or nothing',
  description:
    'JSON naming a document the organisation already holds (`documentSha256`), or multipart ' +
    'with the document as `file` (PDF or audio, at most 20 MB) and the JSON as `metadata`. An ' +
    'unknown person fails the whole request, naming `personIds[i]`.',
  middleware: [requireRole('consent_manager'), limitDocumentBody()] as const,
  request: {
    body: {
      // Not required as far as the JSON validator knows: a multipart body is read by the handler.
      required: false,
      content: {
        'application/json': { schema: CreateConsentGroupSchema },
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: ['file', 'metadata'],
            properties: {
              file: { type: 'string', format: 'binary' },
              metadata: { $ref: '#/components/schemas/NewConsentGroup' },
            },
          },
          encoding: { metadata: { contentType: 'application/json' } },
        },
      },
    },
  },
  responses: {
    201: json(ConsentGroupSchema, 'Created, with its consents'),
    ...problemResponses(400, 401, 403, 422),
    413: problem('The file is larger than 20 MB'),
    415: problem('The bytes are not a PDF, MP3, M4A, Ogg or WAV file'),
  },
});

const getGroupRoute = createRoute({
  method: 'get',
  path: '/consent-groups/{id}',
  tags: ['consents'],
  summary: 'A group consent with its consents (as they are now) and its document',
  middleware: [requireRole('consent_manager')] as const,
  request: { params: IdParams },
  responses: { 200: json(ConsentGroupSchema, 'The group'), ...problemResponses(401, 403, 404) },
});

export const consentGroupRoutes = createRouter()
  .openapi(createGroupRoute, async (c) => {
    const request = await readGroupRequest(c);
    const group = await writeTx(c, async (w) =>
      groupDto(w.db, await createConsentGroup(w, request), new Date(w.now)),
    );
    setEtag(c, group.version);
    c.header('Location', `/v1/consent-groups/${group.id}`);
    return c.json(group, 201);
  })
  .openapi(getGroupRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const { db, now } = c.var.deps;
    const group = await groupDto(
      db,
      await findConsentGroup(db, orgId, c.req.valid('param').id),
      now(),
    );
    setEtag(c, group.version);
    return c.json(group, 200);
  });

async function groupDto(db: Kysely<Database>, group: Row<'consent_groups'>, now: Date) {
  const [consents, documents] = await Promise.all([
    db
      .selectFrom('consents')
      .selectAll()
      .where('org_id', '=', group.org_id)
      .where('group_id', '=', group.id)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('consent_documents')
      .selectAll()
      .where('org_id', '=', group.org_id)
      .where('group_id', '=', group.id)
      .orderBy('created_at')
      .execute(),
  ]);
  const clock = await clockOf(db, group.org_id, now);
  return {
    id: group.id,
    title: group.title,
    personIds: consents.map((consent) => consent.person_id),
    consents: await toConsentDtos(db, group.org_id, consents, clock),
    documents: documents.map(toDocumentDto),
    createdBy: group.created_by,
    createdAt: group.created_at,
    updatedAt: group.updated_at,
    version: group.version,
  };
}
