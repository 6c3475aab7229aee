// The input `evaluate` reads and the verdict it returns (spec §1 and §6).
import type {
  ConsentKind,
  Coverage,
  LegalBasis,
  ReasonCode,
  Status,
  WarningCode,
} from './vocabulary.js';

/** A calendar date, `YYYY-MM-DD`, read in the policy's time zone. */
export type CalendarDate = string;
/** An RFC 3339 date-time with `Z` or an offset. */
export type Instant = string;

export interface Policy {
  /** IANA zone in which every calendar date is read. */
  timeZone: string;
  /** The channels this organisation publishes in; never empty. */
  channels: readonly string[];
  /** Days before the last valid day from which an approval is `expiring`. Default 30. */
  warnDays?: number | null;
  /** Legal bases this organisation may use. Default: all. */
  legalBases?: readonly LegalBasis[] | null;
  /** Consent kinds that count as evidence. Default: all. */
  consentKinds?: readonly ConsentKind[] | null;
  /** From this age the person must sign personally. Default 15. */
  ownConsentAge?: number | null;
  /** Below this age guardians must sign. Default 15. */
  guardianConsentUntilAge?: number | null;
  /** Guardian signatures needed (joint custody). Default 2. */
  guardiansRequired?: number | null;
  /** Years a deceased person stays protected. Default 0. */
  postMortemYears?: number | null;
  /** Count the post-mortem years from the end of the year of death. Default false. */
  postMortemFromYearEnd?: boolean | null;
}

export interface PersonTag {
  personId: string;
  /** Whether the person is identifiable and consent matters. Default true. */
  relevant?: boolean | null;
}

export interface License {
  /** Last day the licence runs (inclusive). */
  validUntil?: CalendarDate | null;
  /** Channels the licence covers; all when absent. */
  channels?: readonly string[] | null;
}

export interface AssetInput {
  id: string;
  legalBasis?: LegalBasis | null;
  persons?: readonly PersonTag[] | null;
  license?: License | null;
}

export interface PersonInput {
  id: string;
  birthDate?: CalendarDate | null;
  deceasedOn?: CalendarDate | null;
  /** Guardian signatures this person's consents need; overrides the policy. */
  guardians?: number | null;
  protectedIdentity?: boolean | null;
  /** Art. 21 objection. */
  objectedAt?: Instant | null;
}

export interface Revocation {
  at: Instant;
  /** The revoked channels; null (or none) revokes all of them. */
  channels?: readonly string[] | null;
}

export interface SignedBy {
  subject?: boolean | null;
  guardians?: number | null;
}

export interface ConsentInput {
  id: string;
  personId: string;
  kind?: ConsentKind | null;
  channels: readonly string[];
  validFrom: CalendarDate;
  validUntil?: CalendarDate | null;
  /** null: every asset of the person; otherwise only these. */
  assetIds?: readonly string[] | null;
  signedBy?: SignedBy | null;
  revocations?: readonly Revocation[] | null;
}

export interface EvaluateInput {
  policy: Policy;
  asset: AssetInput;
  persons?: readonly PersonInput[] | null;
  consents?: readonly ConsentInput[] | null;
  channel: string;
  now: Instant;
}

export interface Reason {
  code: ReasonCode;
  personId?: string;
}

export interface Warning {
  code: WarningCode;
}

export interface Verdict {
  status: Status;
  /** Channels the asset may be used in at `now`, in policy order. */
  channels: string[];
  /** First instant after now at which the asked channel is no longer approved. */
  approvedUntil: string | null;
  /** First instant after now at which `status` changes by itself. */
  nextCheckAt: string | null;
  coverage: Coverage;
  reasons: Reason[];
  warnings: Warning[];
}
