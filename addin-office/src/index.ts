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
export { createUserStore } from './hosts/user-storage.js';
export type { UserStore } from './hosts/user-storage.js';

export { decideInsert, isOffered, SurfacePolicy } from './pane/insert.js';
export type { InsertDecision } from './pane/insert.js';
export { checkDocument, PictureAction } from './pane/check-document.js';
export type { CheckOptions, DocumentReport, PictureReport } from './pane/check-document.js';
export type { VerdictFor, VerdictLookup } from './pane/verdict-lookup.js';
export { lastValidDay } from './pane/dates.js';
export {
  DEFAULT_CHANNELS,
  forgetEditorKey,
  loadEditorKey,
  loadSettings,
  saveChannel,
  saveCheckOnOpen,
  saveEditorKey,
} from './pane/settings.js';
export type { PaneSettings } from './pane/settings.js';
export { describeReasons, LOCALES, messages, pickLocale } from './pane/messages.js';
export type { Locale } from './pane/messages.js';
