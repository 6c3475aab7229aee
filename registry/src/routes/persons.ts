// /v1/persons: the persons pictured (consent managers and admins only; editors see persons only
// through verdicts). DELETE is Art. 17 erasure: the person is anonymised, the evidence stays.
import { createRoute } from '@hono/zod-openapi';
import { requirePrincipal, requireRole } from '../auth/guard.js';
import { assertIfMatch, setEtag } from '../http/etag.js';
import { createRouter } from '../http/router.js';
import { IdParams, problemResponses } from '../http/schemas.js';
import { writeTx } from '../http/write-tx.js';
import { createPerson, erasePerson, patchPerson } from '../persons/commands.js';
import { findPerson, searchPersons, toPersonDto } from '../persons/records.js';
import {
  CreatePersonSchema,
  PatchPersonSchema,
  PersonListQuery,
  PersonListSchema,
  PersonSchema,
} from '../persons/schemas.js';

const json = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

const createPersonRoute = createRoute({
  method: 'post',
  path: '/persons',
  tags: ['persons'],
  summary: 'Record a person',
  middleware: [requireRole('consent_manager')] as const,
  request: {
    body: { content: { 'application/json': { schema: CreatePersonSchema } }, required: true },
  },
  responses: {
    201: json(PersonSchema, 'Created; ETag carries its version'),
    ...problemResponses(400, 401, 403, 422),
  },
});

const listPersonsRoute = createRoute({
  method: 'get',
  path: '/persons',
  tags: ['persons'],
  summary: 'Search persons by name, e-mail or phone, a page at a time',
  middleware: [requireRole('consent_manager')] as const,
  request: { query: PersonListQuery },
  responses: {
    200: json(PersonListSchema, 'A page; pass nextCursor as cursor for the next'),
    ...problemResponses(400, 401, 403),
  },
});

const getPersonRoute = createRoute({
  method: 'get',
  path: '/persons/{id}',
  tags: ['persons'],
  summary: 'One person; ETag carries its version',
  middleware: [requireRole('consent_manager')] as const,
  request: { params: IdParams },
  responses: { 200: json(PersonSchema, 'The person'), ...problemResponses(401, 403, 404) },
});

const patchPersonRoute = createRoute({
  method: 'patch',
  path: '/persons/{id}',
  tags: ['persons'],
  summary: 'Change a person (If-Match required)',
  middleware: [requireRole('consent_manager')] as const,
  request: {
    params: IdParams,
    body: { content: { 'application/json': { schema: PatchPersonSchema } }, required: true },
  },
  responses: {
    200: json(PersonSchema, 'The person as changed'),
    ...problemResponses(401, 403, 404, 409, 412, 422, 428),
  },
});

const erasePersonRoute = createRoute({
  method: 'delete',
  path: '/persons/{id}',
  tags: ['persons'],
  summary:
    'Erase a person (Art. 17): name, e-mail and phone cleared; consents, revocations and tags kept',
  description: 'If-Match is checked when sent. Erasing an erased person changes nothing.',
  middleware: [requireRole('consent_manager')] as const,
  request: { params: IdParams },
  responses: {
    200: json(PersonSchema, 'The anonymised person'),
    ...problemResponses(401, 403, 404, 412),
  },
});

export const personRoutes = createRouter()
  .openapi(createPersonRoute, async (c) => {
    const body = c.req.valid('json');
    const person = await writeTx(c, async (w) => toPersonDto(await createPerson(w, body)));
    setEtag(c, person.version);
    c.header('Location', `/v1/persons/${person.id}`);
    return c.json(person, 201);
  })
  .openapi(listPersonsRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const { rows, nextCursor } = await searchPersons(c.var.deps.db, orgId, c.req.valid('query'));
    return c.json({ persons: rows.map(toPersonDto), nextCursor }, 200);
  })
  .openapi(getPersonRoute, async (c) => {
    const { orgId } = requirePrincipal(c);
    const row = await findPerson(c.var.deps.db, orgId, c.req.valid('param').id);
    setEtag(c, row.version);
    return c.json(toPersonDto(row), 200);
  })
  .openapi(patchPersonRoute, async (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const person = await writeTx(c, async (w) => {
      const before = await findPerson(w.db, w.orgId, id);
      assertIfMatch(c, before.version);
      return toPersonDto(await patchPerson(w, before, patch));
    });
    setEtag(c, person.version);
    return c.json(person, 200);
  })
  .openapi(erasePersonRoute, async (c) => {
    const { id } = c.req.valid('param');
    const person = await writeTx(c, async (w) => {
      const before = await findPerson(w.db, w.orgId, id);
      if (c.req.header('if-match') !== undefined) assertIfMatch(c, before.version);
      return toPersonDto(await erasePerson(w, before));
    });
    setEtag(c, person.version);
    return c.json(person, 200);
  });
