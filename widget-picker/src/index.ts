// @clearframe/picker: the Lit components every surface shares, for hosts (Office, WordPress).

export { CfImage } from './image/cf-image.js';
export { paintable, isShowable } from './image/paintable.js';
export { upgradeImages, SHOWN_ATTRIBUTE } from './embed/upgrade.js';
export type { UpgradeOptions } from './embed/upgrade.js';
export { publicApprovals } from './embed/public-approvals.js';

export { CfPicker } from './picker/cf-picker.js';
export { fromCache, toPickerVerdict } from './picker/from-cache.js';
export type { FromCacheOptions } from './picker/from-cache.js';
export { PickerMode } from './picker/types.js';
export type { PickerItem, PickerSource, PickerVerdict, StatusFilter } from './picker/types.js';
export { filterItems, matches, isPickable } from './picker/filter.js';
export { badgeFor, reasonWords, noticeWords, statusWords } from './picker/words.js';
export type { Badge } from './picker/words.js';

export { CfStatusEvent } from './events/cf-status-event.js';
export type { ImageStatus } from './events/cf-status-event.js';
export { CfPickEvent } from './events/cf-pick-event.js';
export { CfCancelEvent } from './events/cf-cancel-event.js';

export { LOCALES, localeFor, setPickerLocale, pickerLocale } from './localization.js';
export type { Locale } from './localization.js';
