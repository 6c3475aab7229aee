// @clearframe/core: the consent rules, the registry client and the browser cache. Public pages
// import `@clearframe/core/public` (public.ts) instead: the same public parts, without the rules.

export { evaluate } from './rules/evaluate.js';
export { PRESETS, presetPolicy, POLICY_DEFAULTS } from './rules/presets.js';
export { calendarDateIn, isCalendarDate, parseInstant } from './rules/dates.js';
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

// The browser side: the registry client, the IndexedDB cache and the approvals service.
export { createRegistryClient } from './client/registry-client.js';
export { createPublicClient } from './client/public-client.js';
export type { PublicClient, PublicClientOptions } from './client/public-client.js';
export { PUBLIC_VERDICTS_CHUNK } from './client/public-verdicts.js';
export type {
  CallOptions,
  RegistryClient,
  SyncAllOptions,
  SyncAllResult,
  SyncOptions,
} from './client/registry-client.js';
export { CLIENT_DEFAULTS } from './client/options.js';
export type { Credential, FetchLike, RegistryClientOptions } from './client/options.js';
export { RecordType } from './client/types.js';
export type {
  AssetRecord,
  Change,
  ConsentRecord,
  EditorVerdict,
  LiveChange,
  Localized,
  PersonRecord,
  PolicyRecord,
  PublicMedia,
  PublicVerdict,
  PublicVerdicts,
  SyncPage,
  Tombstone,
} from './client/types.js';
export { RegistryError, isRegistryError } from './errors/registry-error.js';
export type { RegistryErrorCode } from './errors/registry-error.js';
export { RegistryUnreachableError } from './errors/registry-unreachable-error.js';
export { RegistryTimeoutError } from './errors/registry-timeout-error.js';
export { RegistryHttpError } from './errors/registry-http-error.js';
export type { Problem } from './errors/registry-http-error.js';
export { RegistryResponseError } from './errors/registry-response-error.js';
export type { ResponseIssue } from './errors/registry-response-error.js';
export { openCache } from './cache/consent-cache.js';
export { openPublicCache } from './cache/public-cache.js';
export type { PublicCacheOptions, PublicVerdictCache } from './cache/public-cache.js';
export type {
  CacheChange,
  CacheOptions,
  CacheSyncOptions,
  ConsentCache,
  SyncOutcome,
} from './cache/consent-cache.js';
export { DB_VERSION } from './cache/schema.js';
export type { ClearframeDB, StoredPublicVerdict, SyncMeta } from './cache/schema.js';
export type { CachedInputs } from './cache/store.js';
export { toEvaluateInput } from './cache/inputs.js';
export { createApprovals, APPROVALS_DEFAULTS } from './approvals/approvals.js';
export { createPublicApprovals } from './approvals/public-approvals.js';
export { createEditorApprovals } from './approvals/editor-approvals.js';
export { ApprovalNotice } from './approvals/types.js';
export type {
  ApprovalCallback,
  ApprovalMode,
  ApprovalView,
  Approvals,
  ApprovalsOptions,
  ConnectivitySource,
  EditorApprovalsOptions,
  PublicApprovalsOptions,
  ServiceOptions,
  VisibilitySource,
} from './approvals/types.js';
