// /v1/form-authors: who wrote consent forms, a managed list (consent managers and admins).
import { createRoute } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { assertIfMatch, setEtag } from '../http/etag.js';
import { createRouter } from '../http/router.js';
import { IdParams, problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';
import {
  CreateFormAuthorSchema,
  FormAuthorListSchema,
  FormAuthorSchema,
  PatchFormAuthorSchema,
  createFormAuthor,
  findFormAuthor,
  patchFormAuthor,
  toFormAuthorDto,
} from '../form-authors/form-authors.js';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const createFormAuthorRoute = createRoute({
  method: 'post',
  path: '/form-authors',
  tags: ['form-authors'],
  summary: 'Add a form author',
  middleware: [requireRole('consent_manager')] as const,
  request: {
    body: { content: { 'application/json': { schema: CreateFormAuthorSchema } }, required: true },
  },
  responses: {
    201: json(FormAuthorSchema, 'Created; ETag carries its version'),
    ...problemResponses(400, 401, 403, 422),
  },
});

const listFormAuthorsRoute = createRoute({
  method: 'get',
  path: '/form-authors',
  tags: ['form-authors'],
  summary: 'Every form author, by name (archived ones too)',
  middleware: [requireRole('consent_manager')] as const,
  responses: { 200: json(FormAuthorListSchema, 'The list'), ...problemResponses(401, 403) },
});

const getFormAuthorRoute = createRoute({
  method: 'get',
  path: '/form-authors/{id}',
  tags: ['form-authors'],
  summary: 'One form author; ETag carries its version',
  middleware: [requireRole('consent_manager')] as const,
  request: { params: IdParams },
  responses: { 200: json(FormAuthorSchema, 'The author'), ...problemResponses(401, 403, 404) },
});

const patchFormAuthorRoute = createRoute({
  method: 'patch',
  path: '/form-authors/{id}',
  tags: ['form-authors'],
  summary: 'Rename or archive a form author (If-Match required); consents show the new name',
  middleware: [requireRole('consent_manager')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: PatchFormAuthorSchema } }, required: true },
  },
  responses: {
    200: json(FormAuthorSchema, 'The author as changed'),
    ...problemResponses(401, 403, 404, 412, 422, 428),
  },
});

export const formAuthorRoutes = createRouter()
  .openapi(createFormAuthorRoute, async (c) => {
    const { name } = c.req.valid('json');
    const author = await writeTx(c, async (w) => toFormAuthorDto(await createFormAuthor(w, name)));
    setEtag(c, author.version);
    c.header('Location', `/v1/form-authors/${author.id}`);
    return c.json(author, 201);
  })
  .openapi(listFormAuthorsRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const rows = await c.var.deps.db
      .selectFrom('form_authors')
      .selectAll()
      .where('org_id', '=', orgId)
      .orderBy('name')
      .orderBy('id')
      .execute();
    return c.json({ formAuthors: rows.map(toFormAuthorDto) }, 200);
  })
  .openapi(getFormAuthorRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const row = await findFormAuthor(c.var.deps.db, orgId, c.req.valid('param').id);
    setEtag(c, row.version);
    return c.json(toFormAuthorDto(row), 200);
  })
  .openapi(patchFormAuthorRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const author = await writeTx(c, async (w) => {
      const before = await findFormAuthor(w.db, w.orgId, id);
      assertIfMatch(c, before.version);
      return toFormAuthorDto(await patchFormAuthor(w, before, patch));
    });
    setEtag(c, author.version);
    return c.json(author, 200);
  });
