// Password hashing: argon2id (the @node-rs/argon2 defaults: 19 MiB, 2 passes, 1 lane; OWASP's minimum).
import { hash, verify } from '@node-rs/argon2';
import type { Algorithm } from '@node-rs/argon2';

// Algorithm is an ambient const enum, which isolatedModules cannot inline: 2 is Argon2id.
const ARGON2ID = 2 as Algorithm.Argon2id;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

// Verifying against this when the e-mail is unknown keeps both answers equally slow.
let decoy: Promise<string> | undefined;

/** Whether `password` matches `passwordHash`; with no hash (unknown user) spends the same time. */
export async function verifyPassword(
  passwordHash: string | undefined,
  password: string,
): Promise<boolean> {
  if (passwordHash === undefined) {
    decoy ??= hashPassword('decoy password, never matches');
    await verify(await decoy, password);
    return false;
  }
  return verify(passwordHash, password);
}
