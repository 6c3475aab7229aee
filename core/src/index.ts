// @clearframe/core: the consent rules, and (later) the registry client and the browser cache.

export { evaluate } from './rules/evaluate.js';
export { PRESETS, presetPolicy, POLICY_DEFAULTS } from './rules/presets.js';
export type { PresetName } from './rules/presets.js';
export {
  LegalBasis,
  LEGAL_BASES,
  ConsentKind,
  CONSENT_KINDS,
  Status,
  Coverage,
  ReasonCode,
  REASON_CODES,
  WarningCode,
  DEFAULT_CHANNELS,
} from './rules/vocabulary.js';
export type {
  AssetInput,
  CalendarDate,
  ConsentInput,
  EvaluateInput,
  Instant,
  License,
  PersonInput,
  PersonTag,
  Policy,
  Reason,
  Revocation,
  SignedBy,
  Verdict,
  Warning,
} from './rules/types.js';

export { ClearframeError, isClearframeError } from './errors/clearframe-error.js';
export { InvalidInputError, isInvalidInputError } from './errors/invalid-input-error.js';
