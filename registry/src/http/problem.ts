// The one error boundary: any thrown error becomes an RFC 9457 problem body; codes map to statuses.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isClearframeError } from '@clearframe/core';
import type { FieldError } from '../errors/field-error.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
}

/** Status and title per error code. A code missing here is a bug: it answers 500. */
const PROBLEMS: Readonly<Record<string, { status: ContentfulStatusCode; title: string }>> = {
  malformed_request: { status: 400, title: 'Malformed request' },
  invalid_parameter: { status: 400, title: 'Invalid parameter' },
  invalid_input: { status: 422, title: 'Invalid input' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  origin_not_allowed: { status: 403, title: 'Origin not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  gone: { status: 410, title: 'Gone' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  validation_failed: { status: 422, title: 'Validation failed' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused' },
  precondition_required: { status: 428, title: 'Precondition required' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:clearframe:problem:${code}`;
}

export function toProblem(error: unknown): Problem {
  const known = isClearframeError(error) ? PROBLEMS[error.code] : undefined;
  if (isClearframeError(error) && known !== undefined) {
    const { status, title } = known;
    const problem: Problem = {
      type: problemType(error.code),
      title,
      status,
      detail: error.message,
      code: error.code,
    };
    const errors = fieldErrorsOf(error);
    if (errors !== undefined) problem.errors = errors;
    return problem;
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own rejections (a body that is not JSON, …) carry a safe message.
    const [code, title] =
      error.status === 413
        ? ['payload_too_large', 'Payload too large']
        : ['malformed_request', 'Malformed request'];
    return {
      type: problemType(code),
      title,
      status: error.status,
      detail: error.message,
      code,
    };
  }
  return {
    type: problemType('internal_error'),
    title: 'Internal error',
    status: 500,
    detail: 'An unexpected error occurred',
    code: 'internal_error',
  };
}

export function problemResponse(problem: Problem): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE },
  });
}

/** `app.onError`: the body never carries a stack or an internal message. */
export function handleError(error: unknown, _c: Context): Response {
  const problem = toProblem(error);
  if (problem.status >= 500) console.error('registry: unhandled error', error);
  return problemResponse(problem);
}

export function handleNotFound(c: Context): Response {
  return problemResponse({
    type: problemType('not_found'),
    title: 'Not found',
    status: 404,
    detail: `No route ${c.req.method} ${new URL(c.req.url).pathname}`,
    code: 'not_found',
  });
}

function fieldErrorsOf(error: object): FieldError[] | undefined {
  // InvalidParameterError / ValidationError carry `errors`; core's InvalidInputError a `field`.
  const { errors, field, message } = error as {
    errors?: unknown;
    field?: unknown;
    message: string;
  };
  if (Array.isArray(errors)) return errors as FieldError[];
  if (typeof field === 'string') return [{ field, message }];
  return undefined;
}
