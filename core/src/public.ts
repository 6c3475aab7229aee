// @clearframe/core/public: only what a public page needs — the public verdicts client, the verdict
// cache and the public approvals. No rules, no zod, no ky, no idb: it ships in the embed bundle
// (widget-picker's cf-embed.js, ≈ 12.5 KB gzipped with Lit, of which this entry is about 4.5 KB;
// `pnpm --filter @clearframe/picker size` says where each byte goes).
// Every export here is also exported, identically, by the main entry.

export { createPublicClient } from './client/public-client.js';
export type { CallOptions, PublicClient, PublicClientOptions } from './client/public-client.js';
export { PUBLIC_VERDICTS_CHUNK } from './client/public-verdicts.js';
export type { FetchLike } from './client/options.js';
export type { PublicMedia, PublicVerdict, PublicVerdicts } from './client/types.js';
export type { Status } from './rules/vocabulary.js';

export { ClearframeError, isClearframeError } from './errors/clearframe-error.js';
export { RegistryError, isRegistryError } from './errors/registry-error.js';
export type { RegistryErrorCode } from './errors/registry-error.js';
export { RegistryUnreachableError } from './errors/registry-unreachable-error.js';
export { RegistryTimeoutError } from './errors/registry-timeout-error.js';
export { RegistryHttpError } from './errors/registry-http-error.js';
export type { Problem } from './errors/registry-http-error.js';
export { RegistryResponseError } from './errors/registry-response-error.js';
export type { ResponseIssue } from './errors/registry-response-error.js';

export { openPublicCache } from './cache/public-cache.js';
export type {
  CacheSyncOptions,
  PublicCacheOptions,
  PublicVerdictCache,
} from './cache/public-cache.js';
export type { CacheChange } from './cache/cache-core.js';
export type { StoredPublicVerdict } from './cache/schema.js';

export { createPublicApprovals } from './approvals/public-approvals.js';
export { APPROVALS_DEFAULTS } from './approvals/service.js';
export { ApprovalNotice } from './approvals/types.js';
export type {
  ApprovalCallback,
  ApprovalView,
  Approvals,
  ConnectivitySource,
  PublicApprovalsOptions,
  ServiceOptions,
  VisibilitySource,
} from './approvals/types.js';
