// Every route of the OpenAPI document × every kind of caller: who gets 401, who gets 403, who gets
// through (to an answer or a validation error), that nothing answers 500, and that a key of
// another organisation never sees this organisation's records.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify.js';
import { createApiKey } from '../auth/keys.js';
import { createSession } from '../auth/sessions.js';
import { createUser } from '../auth/users.js';
import type { Role } from '../db/schema.js';
import { runWrite } from '../db/write.js';
import { createOrganisation } from '../orgs/create-organisation.js';
import { ENGINES } from '../test-support/engines.js';
import { testRecords } from '../test-support/records.js';
import { TEST_ORIGIN, useTestRegistry } from '../test-support/test-registry.js';

const PRINCIPALS = [
  'anonymous',
  'publishable',
  'editorKey',
  'editorSession',
  'consentManager',
  'admin',
] as const;
type Principal = (typeof PRINCIPALS)[number];

const ANYONE: readonly Principal[] = PRINCIPALS;
const CREDENTIALED: readonly Principal[] = PRINCIPALS.filter((p) => p !== 'anonymous');
/** requireRole('editor', 'consent_manager'): editor keys and sessions, managers, admins. */
const EDITORS: readonly Principal[] = ['editorKey', 'editorSession', 'consentManager', 'admin'];
/** requireRole('editor'): editors and admins, not consent managers. */
const EDITOR_ROLE: readonly Principal[] = ['editorKey', 'editorSession', 'admin'];
const MANAGERS: readonly Principal[] = ['consentManager', 'admin'];
const SESSIONS: readonly Principal[] = ['editorSession', 'consentManager', 'admin'];
const ADMIN: readonly Principal[] = ['admin'];
const PUBLIC_KEY: readonly Principal[] = ['publishable'];
/** The URL's signature is the credential: every caller gets the same answer to a bad one. */
const SIGNED = 'signed URL' as const;

/**
 * Who may call each route. A route in the OpenAPI document but not here fails the test: whoever
 * adds a route says who may call it. The key of another organisation is an editor key, so it
 * is let through wherever `editorKey` is, and must then find nothing of this organisation.
 */
const ACCESS: Readonly<Record<string, readonly Principal[] | typeof SIGNED>> = {
  'GET /v1/health': ANYONE,
  'POST /v1/auth/login': ANYONE,
  'POST /v1/auth/logout': SESSIONS,
  'GET /v1/auth/me': CREDENTIALED,
  'POST /v1/keys': ADMIN,
  'GET /v1/keys': ADMIN,
  'DELETE /v1/keys/{id}': ADMIN,
  'POST /v1/users': ADMIN,
  'GET /v1/policy': EDITORS,
  'PUT /v1/policy': ADMIN,
  'GET /v1/audit': ADMIN,
  'POST /v1/assets': EDITORS,
  'GET /v1/assets': EDITORS,
  'GET /v1/assets/{id}': EDITORS,
  'PATCH /v1/assets/{id}': EDITORS,
  'DELETE /v1/assets/{id}': ADMIN,
  'GET /v1/assets/{id}/original': EDITORS,
  'GET /v1/assets/{id}/thumb': EDITORS,
  'PUT /v1/assets/{id}/persons': MANAGERS,
  'GET /v1/assets/{id}/verdict': EDITORS,
  'GET /v1/assets/{id}/usages': EDITORS,
  'GET /v1/public/verdicts': PUBLIC_KEY,
  'GET /v1/media/{assetId}/{rendition}': SIGNED,
  'GET /v1/sync': EDITORS,
  'POST /v1/persons': MANAGERS,
  'GET /v1/persons': MANAGERS,
  'GET /v1/persons/{id}': MANAGERS,
  'PATCH /v1/persons/{id}': MANAGERS,
  'DELETE /v1/persons/{id}': MANAGERS,
  'POST /v1/form-authors': MANAGERS,
  'GET /v1/form-authors': MANAGERS,
  'GET /v1/form-authors/{id}': MANAGERS,
  'PATCH /v1/form-authors/{id}': MANAGERS,
  'POST /v1/consents': MANAGERS,
  'GET /v1/consents': MANAGERS,
  'GET /v1/consents/{id}': MANAGERS,
  'PATCH /v1/consents/{id}': MANAGERS,
  'POST /v1/consents/{id}/revocations': MANAGERS,
  'POST /v1/consents/{id}/documents': MANAGERS,
  'GET /v1/consents/{id}/documents/{docId}': MANAGERS,
  'POST /v1/consent-groups': MANAGERS,
  'GET /v1/consent-groups/{id}': MANAGERS,
  'POST /v1/usages': EDITOR_ROLE,
  'DELETE /v1/usages': EDITOR_ROLE,
  'POST /v1/webhooks': ADMIN,
  'GET /v1/webhooks': ADMIN,
  'DELETE /v1/webhooks/{id}': ADMIN,
  'GET /v1/webhooks/{id}/deliveries': ADMIN,
  // Demo mode only (this registry runs as the demo, so the table covers it): no credential, the
  // demo organisation's pictures only; an id of no demo picture answers 404 to every caller.
  'POST /v1/demo/revoke/{assetId}': ANYONE,
};

type Caller = Principal | 'otherOrgKey';
const CALLERS: readonly Caller[] = [...PRINCIPALS, 'otherOrgKey'];

interface Operation {
  method: string;
  /** As in the document: `/v1/assets/{id}`. */
  path: string;
  name: string;
}

describe.each(ENGINES)('the authorisation matrix on %s', (engine) => {
  // As the demo, so that the demo-only route is in the document too.
  const registry = useTestRegistry(engine, { demo: true });
  let operations: Operation[] = [];
  const headers = {} as Record<Caller, Record<string, string>>;
  /** Path parameter values: records of this organisation where the resource is known. */
  const ids: Record<string, string> = {};
  /** Text that must never reach the other organisation's key. */
  const secrets: string[] = [];
  const users: Partial<Record<Principal, { id: string; org_id: string }>> = {};

  beforeAll(async () => {
    const document = (await (await registry.request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase(),
        path,
        name: `${method.toUpperCase()} ${path}`,
      })),
    );

    const now = new Date();
    const roleUsers = await runWrite(
      registry.db,
      { orgId: registry.orgId, actor: 'system:test', now },
      async (w) => {
        const user = (email: string, role: Role) =>
          createUser(w, { email, name: `Matrix ${role}`, role, passwordHash: 'unused' });
        return {
          editorSession: await user('matrix-editor@example.org', 'editor'),
          consentManager: await user('matrix-manager@example.org', 'consent_manager'),
          spareKey: (await createApiKey(w, { kind: 'editor', name: 'Spare', createdBy: null })).row,
        };
      },
    );
    const admin = await registry.db
      .selectFrom('users')
      .select(['id', 'org_id'])
      .where('email', '=', registry.admin.email)
      .executeTakeFirstOrThrow();
    Object.assign(users, { ...roleUsers, admin });

    const other = await createOrganisation(registry.db, { name: 'Another organisation' });
    const otherKey = await runWrite(
      registry.db,
      { orgId: other.id, actor: 'system:test', now },
      (w) => createApiKey(w, { kind: 'editor', name: 'Theirs', createdBy: null }),
    );

    Object.assign(headers, {
      anonymous: {},
      publishable: registry.as.public,
      editorKey: registry.as.editor,
      editorSession: { cookie: await sessionCookie('editorSession') },
      consentManager: { cookie: await sessionCookie('consentManager') },
      admin: registry.as.admin,
      otherOrgKey: { authorization: `Bearer ${otherKey.secret}` },
    } satisfies Record<Caller, Record<string, string>>);

    const records = testRecords(registry);
    const asset = await records.asset({ title: 'Matrix asset alpha' });
    await records.renditions(asset.id);
    const person = await records.person({ name: 'Matrix Person Alpha' });
    await records.tag(asset.id, person.id);
    const consent = await records.consent(person.id);
    Object.assign(ids, {
      assets: asset.id,
      media: asset.id,
      persons: person.id,
      consents: consent.id,
      keys: roleUsers.spareKey.id,
    });
    const formAuthor = await registry.request('/v1/form-authors', {
      method: 'POST',
      headers: registry.as.admin,
      json: { name: 'Matrix Author Alpha' },
    });
    if (formAuthor.ok) ids['form-authors'] = ((await formAuthor.json()) as { id: string }).id;
    secrets.push(
      registry.orgId,
      ...Object.values(ids),
      'Matrix asset alpha',
      'Matrix Person Alpha',
      'Matrix Author Alpha',
    );
  });

  afterAll(() => {
    // Nothing to undo: useTestRegistry drops the database.
  });

  async function sessionCookie(principal: 'editorSession' | 'consentManager' | 'admin') {
    const user = users[principal];
    if (user === undefined) throw new Error(`no user for ${principal}`);
    const { token } = await createSession(registry.db, user, new Date());
    return `cf_session=${token}`;
  }

  const auditRows = () =>
    registry.db.selectFrom('audit_log').selectAll().orderBy('org_id').orderBy('seq').execute();

  const urlOf = (operation: Operation) => {
    const segments = operation.path.split('/');
    const path = segments
      .map((segment, index) => {
        const param = /^\{(\w+)\}$/.exec(segment)?.[1];
        if (param === undefined) return segment;
        if (param === 'rendition') return 'thumb';
        const resource = segments[index - 1] ?? '';
        return ids[resource] ?? `${param}_matrix_unknown`;
      })
      .join('/');
    const query =
      operation.path === '/v1/media/{assetId}/{rendition}'
        ? `?channel=web&exp=${Math.floor(Date.now() / 1000) + 600}&sig=${'0'.repeat(64)}`
        : operation.path === '/v1/public/verdicts'
          ? `?ids=${ids.assets ?? ''}&channel=web`
          : '';
    return `${path}${query}`;
  };

  const call = async (operation: Operation, caller: Caller) => {
    let callerHeaders = headers[caller];
    // Logging out ends the session: give it one of its own.
    if (operation.name === 'POST /v1/auth/logout' && callerHeaders.cookie !== undefined) {
      callerHeaders = { cookie: await sessionCookie(caller as 'editorSession') };
    }
    const write = !['GET', 'HEAD', 'DELETE'].includes(operation.method);
    const response = await registry.request(urlOf(operation), {
      method: operation.method,
      headers: callerHeaders,
      ...(write ? { json: {} } : {}),
    });
    return { status: response.status, body: await response.text() };
  };

  it('has an expectation for every route of the OpenAPI document, and no stale one', () => {
    const documented = operations.map((operation) => operation.name);
    expect(
      documented.filter((name) => !(name in ACCESS)),
      'routes with no entry in ACCESS: say who may call them',
    ).toEqual([]);
    expect(
      Object.keys(ACCESS).filter((name) => !documented.includes(name)),
      'ACCESS entries for routes that no longer exist',
    ).toEqual([]);
  });

  it('answers every route for every caller as the table says', async () => {
    const problems: string[] = [];
    const auditBefore = await auditRows();
    // Deletions last, so the records other routes are called with still exist.
    const ordered = [...operations].sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
    for (const operation of ordered) {
      const access = ACCESS[operation.name];
      if (access === undefined) continue;
      const statuses = new Map<Caller, number>();
      for (const caller of CALLERS) {
        const { status, body } = await call(operation, caller);
        statuses.set(caller, status);
        const fail = (why: string) =>
          problems.push(`${operation.name} as ${caller}: ${status} ${why} ${body.slice(0, 160)}`);
        if (status >= 500) {
          fail('(server error)');
          continue;
        }
        if (status === 404 && body.includes('"detail":"No route')) fail('(route not mounted)');
        if (access === SIGNED) continue;
        const asPrincipal: Principal = caller === 'otherOrgKey' ? 'editorKey' : caller;
        if (!access.includes(asPrincipal)) {
          const expected = asPrincipal === 'anonymous' ? 401 : 403;
          if (status !== expected) fail(`(expected ${expected})`);
          continue;
        }
        if (status === 401 || status === 403) fail('(expected to be let through)');
        if (caller === 'otherOrgKey') {
          // Echoing an id the caller sent is no leak.
          const url = urlOf(operation);
          const leaked = secrets.filter((secret) => body.includes(secret) && !url.includes(secret));
          if (leaked.length > 0) fail(`(shows another organisation's ${leaked.join(', ')})`);
          if (/\{\w+\}/.test(operation.path) && status >= 200 && status < 300)
            fail("(acted on another organisation's record)");
        }
      }
      if (access === SIGNED) {
        const distinct = new Set(statuses.values());
        if (distinct.size !== 1 || [...distinct].some((status) => status < 400)) {
          problems.push(
            `${operation.name}: a bad signature must answer every caller alike with 4xx, got ` +
              JSON.stringify(Object.fromEntries(statuses)),
          );
        }
      }
    }
    expect(problems).toEqual([]);
    // Whatever every caller did on every route, the audit log only grew: no route rewrote it.
    const auditAfter = new Map((await auditRows()).map((row) => [`${row.org_id} ${row.seq}`, row]));
    expect(auditBefore.map((row) => auditAfter.get(`${row.org_id} ${row.seq}`))).toEqual(
      auditBefore,
    );
    expect(await verifyAuditChain(registry.db)).toMatchObject({ ok: true });
  });

  it('refuses a publishable key from an origin outside its list on every route', async () => {
    const problems: string[] = [];
    for (const operation of operations) {
      if (ACCESS[operation.name] === SIGNED || operation.name === 'GET /v1/health') continue;
      const response = await registry.request(urlOf(operation), {
        method: operation.method,
        headers: { ...headers.publishable, origin: 'https://elsewhere.example' },
      });
      if (response.status !== 403) problems.push(`${operation.name}: ${response.status}`);
    }
    expect(TEST_ORIGIN).not.toBe('https://elsewhere.example');
    expect(problems).toEqual([]);
  });
});
