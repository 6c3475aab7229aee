// Thrown by `evaluate` for input it will not guess about; `field` is the path of the culprit.
import { ClearframeError } from './clearframe-error.js';

export class InvalidInputError extends ClearframeError {
  readonly code = 'invalid_input' as const;

  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export function isInvalidInputError(value: unknown): value is InvalidInputError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { code?: unknown }).code === 'invalid_input' &&
    typeof (value as { field?: unknown }).field === 'string'
  );
}
