// @clearframe/office: host adapters for Word and PowerPoint, and the pane's logic.

export { HostKind } from './hosts/host-adapter.js';
export type {
  DocumentPicture,
  HostAdapter,
  InsertedPicture,
  PictureRef,
  PictureToInsert,
} from './hosts/host-adapter.js';
export { HostError, HostErrorCode, isHostError } from './hosts/host-error.js';
export { createWordAdapter, WORD_TAG_PREFIX } from './hosts/word.js';
export { createPowerPointAdapter, PowerPointTag } from './hosts/powerpoint.js';
export { detectHost } from './hosts/detect.js';
