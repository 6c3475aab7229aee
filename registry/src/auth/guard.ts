// Route guards: who may call a route. Admins may do everything in their organisation (DESIGN.md).
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { ForbiddenError } from '../errors/forbidden-error.js';
import { UnauthenticatedError } from '../errors/unauthenticated-error.js';
import type { AccessRole, Principal } from './principal.js';

/** Middleware: 401 without a caller, 403 unless the caller's role is listed (or admin). */
export function requireRole(...roles: AccessRole[]): MiddlewareHandler<AppEnv> {
  const allowed = new Set<AccessRole>(['admin', ...roles]);
  return async (c, next) => {
    const principal = requirePrincipal(c);
    if (!allowed.has(principal.role))
      throw new ForbiddenError(`Requires role ${roles.join(' or ') || 'admin'}`);
    await next();
  };
}

/** The caller, or 401. Use in handlers behind `requireRole`. */
export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get('principal');
  if (principal === undefined) throw new UnauthenticatedError();
  return principal;
}
