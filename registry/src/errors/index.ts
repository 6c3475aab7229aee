// The registry's error classes: each has a string `code`; http/problem.ts maps codes to statuses.
export type { FieldError } from './field-error.js';
export { ConflictError } from './conflict-error.js';
export { ForbiddenError } from './forbidden-error.js';
export { GoneError } from './gone-error.js';
export { IdempotencyKeyReusedError } from './idempotency-key-reused-error.js';
export { InvalidParameterError } from './invalid-parameter-error.js';
export { MalformedRequestError } from './malformed-request-error.js';
export { MigrationFailedError } from './migration-failed-error.js';
export { NotFoundError } from './not-found-error.js';
export { OriginNotAllowedError } from './origin-not-allowed-error.js';
export { PreconditionFailedError } from './precondition-failed-error.js';
export { PreconditionRequiredError } from './precondition-required-error.js';
export { RateLimitedError } from './rate-limited-error.js';
export { UnauthenticatedError } from './unauthenticated-error.js';
export { UnavailableError } from './unavailable-error.js';
export { ValidationError } from './validation-error.js';
