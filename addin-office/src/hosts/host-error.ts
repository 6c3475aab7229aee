// HostError: every failure of an Office call, turned into a code the pane can put into words.

import { ClearframeError } from '@clearframe/core';

export const HostErrorCode = {
  /** This Office version or platform lacks an API the add-in needs. */
  unsupported: 'host_unsupported',
  /** The document cannot be changed now (read-only, protected, another mode). */
  readOnly: 'document_read_only',
  /** The current selection cannot take a picture (for example a chart or a locked region). */
  selectionUnusable: 'selection_unusable',
  /** The picture the pane refers to is no longer in the document. */
  pictureNotFound: 'picture_not_found',
  /** Office failed for a reason it did not explain. */
  failed: 'host_failed',
} as const;
export type HostErrorCode = (typeof HostErrorCode)[keyof typeof HostErrorCode];

const HOST_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(HostErrorCode));

/** The English sentence each code carries; the pane translates by code (pane/messages.ts). */
export const HOST_ERROR_MESSAGES: Record<HostErrorCode, string> = {
  host_unsupported:
    'This version of Office cannot do this. Update Office or use Office on the web.',
  document_read_only: 'The document cannot be changed right now. It may be read-only or protected.',
  selection_unusable:
    'A picture cannot be placed here. Click in the text or on a slide and try again.',
  picture_not_found: 'The picture is no longer in the document.',
  host_failed: 'Office could not finish this. Try again; if it keeps failing, reopen the document.',
};

export interface HostErrorOptions extends ErrorOptions {
  /** What the adapter was doing, for logs: `insertPicture`, `listPictures`, … */
  operation?: string;
}

export class HostError extends ClearframeError {
  readonly code: HostErrorCode;
  readonly operation: string | undefined;

  constructor(code: HostErrorCode, options: HostErrorOptions = {}) {
    super(HOST_ERROR_MESSAGES[code], options);
    this.code = code;
    this.operation = options.operation;
  }
}

/** Works across realms: checks the name and the code, not the prototype. */
export function isHostError(value: unknown): value is HostError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'HostError' &&
    HOST_ERROR_CODES.has(String((value as { code?: unknown }).code))
  );
}

// OfficeExtension.Error codes (application-specific APIs: Word.run, PowerPoint.run).
const RICH_API_CODES: Record<string, HostErrorCode> = {
  ItemNotFound: HostErrorCode.pictureNotFound,
  AccessDenied: HostErrorCode.readOnly,
  EditModeRequired: HostErrorCode.readOnly,
  ApiNotFound: HostErrorCode.unsupported,
  NotImplemented: HostErrorCode.unsupported,
  ApiNotAvailable: HostErrorCode.unsupported,
  InvalidSelection: HostErrorCode.selectionUnusable,
};

// Office.Error codes (Common API: setSelectedDataAsync), from "Office Common API error codes".
const COMMON_API_CODES: Record<number, HostErrorCode> = {
  1000: HostErrorCode.unsupported, // coercion type not supported by this application
  2000: HostErrorCode.unsupported, // data object type not supported
  2001: HostErrorCode.selectionUnusable, // cannot write to the current selection
  7000: HostErrorCode.readOnly, // operation not allowed in the current document mode
};

/** Maps whatever an Office call threw to a HostError; a HostError passes through unchanged. */
export function toHostError(error: unknown, operation: string): HostError {
  if (isHostError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const mapped =
    typeof code === 'string'
      ? RICH_API_CODES[code]
      : typeof code === 'number'
        ? COMMON_API_CODES[code]
        : undefined;
  return new HostError(mapped ?? HostErrorCode.failed, { cause: error, operation });
}
