// The shapes the registry serves to clients (docs/api-contract.md), as TypeScript types.
import type { AssetInput, ConsentInput, PersonInput, Policy, Verdict } from '../rules/types.js';
import type { Status } from '../rules/vocabulary.js';

/** Translations keyed by language tag, for example `{ "sv": "Webb", "en": "Web" }`. */
export type Localized = Readonly<Record<string, string>>;

/** The organisation's policy as synced: the engine's Policy plus labels for surfaces. */
export interface PolicyRecord extends Policy {
  channelLabels?: Readonly<Record<string, Localized>> | null;
  /** How each surface treats a non-approved asset, for example `{ "embed": "hide" }`. */
  surfaces?: Readonly<Record<string, string>> | null;
}

/** An asset as synced: the engine's AssetInput plus what a picker shows. */
export interface AssetRecord extends AssetInput {
  title?: string | null;
  alt?: Localized | null;
  credit?: string | null;
  tags?: readonly string[] | null;
  width?: number | null;
  height?: number | null;
  thumbUrl?: string | null;
}

export type PersonRecord = PersonInput;
export type ConsentRecord = ConsentInput;

export const RecordType = {
  policy: 'policy',
  asset: 'asset',
  person: 'person',
  consent: 'consent',
} as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

export type LiveChange =
  | { type: 'policy'; id: string; deleted: false; data: PolicyRecord }
  | { type: 'asset'; id: string; deleted: false; data: AssetRecord }
  | { type: 'person'; id: string; deleted: false; data: PersonRecord }
  | { type: 'consent'; id: string; deleted: false; data: ConsentRecord };
export interface Tombstone {
  type: RecordType;
  id: string;
  deleted: true;
}
/** One entry of the change feed: the record's latest state, or its removal. */
export type Change = LiveChange | Tombstone;

/** One page of `GET /v1/sync`. */
export interface SyncPage {
  changes: Change[];
  /** Opaque; pass as `since` next time. */
  cursor: string;
  hasMore: boolean;
}

/** `GET /v1/assets/{id}/verdict`: the verdict and who it concerns (editors only). */
export interface EditorVerdict {
  assetId: string;
  channel: string;
  verdict: Verdict;
  persons: { id: string; name: string }[];
  usages: { url: string; source: string }[];
}

/** What a public page needs to paint an approved picture. */
export interface PublicMedia {
  src: string;
  srcset?: string;
  alt?: string;
  width?: number;
  height?: number;
}

/** A verdict as public pages see it: no reasons, no personal data. */
export interface PublicVerdict {
  status: Status;
  approvedUntil: string | null;
  nextCheckAt: string | null;
  /** Present only while approved. */
  media?: PublicMedia;
}

/** `GET /v1/public/verdicts`. */
export interface PublicVerdicts {
  checkedAt: string;
  verdicts: Record<string, PublicVerdict>;
}
