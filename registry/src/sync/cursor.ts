// The change feed's cursor: opaque to clients (base64url of a versioned seq), checked on the way in.
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';

const PREFIX = 'c1.';

export function encodeCursor(seq: number): string {
  return Buffer.from(`${PREFIX}${seq}`).toString('base64url');
}

/** The seq after which to read; absent or empty means from the beginning (0). */
export function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined || cursor === '') return 0;
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor)
    ? Buffer.from(cursor, 'base64url').toString()
    : '';
  const seq = text.startsWith(PREFIX) ? Number(text.slice(PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(seq) || seq < 0 || String(seq) !== text.slice(PREFIX.length)) {
    throw new InvalidParameterError([
      { field: 'since', message: 'not a cursor this registry handed out' },
    ]);
  }
  return seq;
}
