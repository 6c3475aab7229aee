// /v1/auth: session login and logout for the admin UI, and `me` for any caller.
import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { requirePrincipal } from '../auth/guard.js';
import { loginThrottle } from '../auth/login-throttle.js';
import { verifyPassword } from '../auth/passwords.js';
import { SESSION_COOKIE, SESSION_TTL_MS, createSession, deleteSession } from '../auth/sessions.js';
import { toUserDto } from '../auth/users.js';
import { runWrite } from '../db/write.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import { createRouter } from '../http/router.js';
import { problemResponses } from '../http/schemas.js';
import { UserSchema } from './users.js';

const LoginSchema = z
  .strictObject({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(1000) })
  .openapi('Login');

const MeSchema = z
  .object({
    kind: z.enum(['user', 'key']),
    orgId: z.string(),
    role: z.enum(['admin', 'consent_manager', 'editor', 'public']),
    keyKind: z.enum(['editor', 'publishable']).optional(),
    keyId: z.string().optional(),
    user: UserSchema.optional(),
  })
  .openapi('Me');

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in with e-mail and password; sets the session cookie',
  middleware: [loginThrottle()] as const,
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: {
      description: 'Logged in',
      content: { 'application/json': { schema: z.object({ user: UserSchema }) } },
    },
    ...problemResponses(401, 422, 429),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the session',
  responses: { 204: { description: 'Logged out' }, ...problemResponses(401, 403) },
});

const me = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The caller: user or key, organisation and role',
  responses: {
    200: { description: 'The caller', content: { 'application/json': { schema: MeSchema } } },
    ...problemResponses(401),
  },
});

export const authRoutes = createRouter()
  .openapi(login, async (c) => {
    const { email, password } = c.req.valid('json');
    const { db, now } = c.var.deps;
    const user = await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!(await verifyPassword(user?.password_hash, password)) || user === undefined) {
      throw new UnauthenticatedError('Invalid e-mail or password');
    }
    const at = now();
    const { token } = await runWrite(
      db,
      { orgId: user.org_id, actor: `user:${user.id}`, now: at },
      async (w) => {
        const created = await createSession(w.db, user, at);
        // minimise() keeps the token hash out of the audit log.
        const session = created.session;
        await w.record({
          action: 'session.create',
          targetType: 'session',
          targetId: session.id,
          after: session,
          feed: false,
        });
        return created;
      },
    );
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return c.json({ user: toUserDto(user) }, 200);
  })
  .openapi(logout, async (c) => {
    const principal = requirePrincipal(c);
    if (principal.kind !== 'user') throw new ForbiddenError('Only a session can log out');
    await runWrite(
      c.var.deps.db,
      { orgId: principal.orgId, actor: `user:${principal.userId}`, now: c.var.deps.now() },
      async (w) => {
        await deleteSession(w.db, principal.sessionId);
        await w.record({
          action: 'session.delete',
          targetType: 'session',
          targetId: principal.sessionId,
          feed: false,
        });
      },
    );
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(me, async (c) => {
    const principal = requirePrincipal(c);
    if (principal.kind === 'key') {
      const { orgId, role, keyKind, keyId } = principal;
      return c.json({ kind: 'key' as const, orgId, role, keyKind, keyId }, 200);
    }
    const user = await c.var.deps.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', principal.userId)
      .executeTakeFirstOrThrow();
    return c.json(
      {
        kind: 'user' as const,
        orgId: principal.orgId,
        role: principal.role,
        user: toUserDto(user),
      },
      200,
    );
  });
