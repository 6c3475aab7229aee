// What of a record goes into the audit log: identifying personal data and secrets never do.
// The log is append-only and cannot be erased under Art. 17, so it must not hold what erasure
// would have to remove; it keeps the shape of the change and every non-personal field.

const PERSONAL = new Set([
  'name',
  'email',
  'phone',
  'birth_date',
  'birthDate',
  'deceased_on',
  'deceasedOn',
  'comment',
  'filename',
  // Why a consent was withdrawn is often health or family detail.
  'reason',
]);
const SECRET = new Set(['password_hash', 'secret_hash', 'token_hash', 'secret', 'password', 'key']);

export const REDACTED = '[redacted]';

/** A copy of `record` with personal fields and secrets replaced by a marker (nulls kept). */
export function minimise(record: object | null | undefined): Record<string, unknown> | null {
  if (record == null) return null;
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (SECRET.has(field)) continue;
    out[field] = PERSONAL.has(field) && value != null ? REDACTED : value;
  }
  return out;
}
