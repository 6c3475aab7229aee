// The base of every error Clearframe throws: a stable `code` to branch on, never the message.

export abstract class ClearframeError extends Error {
  abstract readonly code: string;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Works across realms (Office task panes and the WordPress editor run in iframes). */
export function isClearframeError(value: unknown): value is ClearframeError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
