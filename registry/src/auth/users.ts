// Users of an organisation: creation (shared by the API and the CLI) and their public shape.
import type { Role, Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import { ConflictError } from '../errors/conflict-error.js';
import { IdPrefix, newId } from '../util/ids.js';

export const ROLES: readonly Role[] = ['admin', 'consent_manager', 'editor'];

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  /** From hashPassword, computed before the write so the lock is not held while hashing. */
  passwordHash: string;
}

export async function createUser(w: WriteScope, user: NewUser): Promise<Row<'users'>> {
  const email = user.email.trim().toLowerCase();
  const taken = await w.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  if (taken !== undefined) throw new ConflictError('A user with this e-mail exists');
  const row: Row<'users'> = {
    id: newId(IdPrefix.user),
    org_id: w.orgId,
    email,
    name: user.name,
    password_hash: user.passwordHash,
    role: user.role,
    disabled_at: null,
    created_at: w.now,
    updated_at: w.now,
    version: 1,
  };
  await w.db.insertInto('users').values(row).execute();
  await w.record({
    action: 'user.create',
    targetType: 'user',
    targetId: row.id,
    after: row,
    feed: false,
  });
  return row;
}

export function toUserDto(row: Row<'users'>) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    version: row.version,
  };
}
