// Who is calling: a user with a session, or an API key; always scoped to one organisation.
import type { KeyKind, Role } from '../db/schema.js';

/** A user's role, or `public` for a publishable key (an editor key acts as an editor). */
export type AccessRole = Role | 'public';

export type Principal =
  | { kind: 'user'; orgId: string; role: Role; userId: string; sessionId: string }
  | { kind: 'key'; orgId: string; role: AccessRole; keyKind: KeyKind; keyId: string };

/** The actor recorded in the audit log and scoping idempotency keys. */
export function actorOf(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.userId}` : `key:${principal.keyId}`;
}
