// The zod-openapi defaultHook: a failed validation is thrown to the error boundary, field named.
import type { ZodError } from 'zod';
import type { Hook } from '@hono/zod-openapi';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { ValidationError } from '../errors/validation-error.js';
import type { FieldError } from '../errors/field-error.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- shared by every route
export const validationHook: Hook<any, any, any, any> = (result) => {
  if (result.success) return;
  const errors = fieldErrors(result.error);
  // A body that parses but breaks the schema is 422; bad parameters are 400.
  if (result.target === 'json' || result.target === 'form')
    throw new ValidationError(errors, { cause: result.error });
  throw new InvalidParameterError(errors, { cause: result.error });
};

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: fieldPath(issue.path) || '(body)',
    message: issue.message,
  }));
}

/** `['channels', 2, 'id']` → `channels[2].id`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}
