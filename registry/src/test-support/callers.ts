// More callers for a test registry: a signed-in user of any role, in this or a new organisation.
import { createUser } from '../auth/users.js';
import { hashPassword } from '../auth/passwords.js';
import type { Role } from '../db/schema.js';
import { runWrite } from '../db/write.js';
import { createOrganisation } from '../orgs/create-organisation.js';
import { randomToken } from '../util/crypto.js';
import type { TestRegistry } from './test-registry.js';

/** Creates a user with `role` in `orgId` (default the registry's) and returns its session headers. */
export async function signIn(
  registry: TestRegistry,
  role: Role,
  orgId: string = registry.orgId,
): Promise<Record<string, string>> {
  const email = `${role}-${randomToken(6).toLowerCase()}@example.org`;
  const password = 'a long enough test password';
  const passwordHash = await hashPassword(password);
  await runWrite(registry.db, { orgId, actor: 'system:test', now: new Date() }, (w) =>
    createUser(w, { email, name: role, role, passwordHash }),
  );
  const login = await registry.request('/v1/auth/login', {
    method: 'POST',
    json: { email, password },
  });
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status}`);
  return { cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

/** A second organisation with a consent manager of its own. */
export async function otherOrganisation(
  registry: TestRegistry,
): Promise<{ orgId: string; manager: Record<string, string> }> {
  const { id: orgId } = await createOrganisation(registry.db, { name: 'Other organisation' });
  return { orgId, manager: await signIn(registry, 'consent_manager', orgId) };
}
