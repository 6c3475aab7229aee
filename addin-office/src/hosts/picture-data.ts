// Small checks shared by the host adapters: the bytes Office accepts and the ids we write.

import { HostError, HostErrorCode } from './host-error.js';
import type { PictureToInsert } from './host-adapter.js';

const DATA_URL_PREFIX = /^data:[^;,]+;base64,/;

/** Office wants bare base64; the registry and the picker may hand over a data URL. */
export function bareBase64(base64: string): string {
  return base64.replace(DATA_URL_PREFIX, '').replace(/\s+/g, '');
}

/** Refuses a picture without bytes or without an asset id before any Office call is made. */
export function checkPicture(picture: PictureToInsert, operation: string): PictureToInsert {
  const base64 = bareBase64(picture.base64);
  if (base64 === '' || picture.assetId.trim() === '') {
    throw new HostError(HostErrorCode.failed, {
      operation,
      cause: new TypeError('a picture needs base64 bytes and an asset id'),
    });
  }
  return { ...picture, base64 };
}
