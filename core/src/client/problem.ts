// An RFC 9457 body read by hand (no zod: the public embed reads error bodies too).
import type { Problem } from '../errors/registry-http-error.js';
import { isObject } from './public-verdicts.js';

const FIELD_TYPES: Readonly<Record<string, string>> = {
  type: 'string',
  title: 'string',
  status: 'number',
  detail: 'string',
  code: 'string',
};

/** The body as a Problem, or undefined when it is not an object or a known field is ill-typed. */
export function toProblem(body: unknown): Problem | undefined {
  if (!isObject(body)) return undefined;
  for (const name in FIELD_TYPES)
    if (name in body && typeof body[name] !== FIELD_TYPES[name]) return undefined;
  const errors = body['errors'];
  const isError = (item: unknown) =>
    typeof (item as { field?: unknown } | null)?.field === 'string' &&
    typeof (item as { message?: unknown }).message === 'string';
  if (errors !== undefined && !(Array.isArray(errors) && errors.every(isError))) return undefined;
  return body as Problem;
}
