// The closed vocabularies of the consent rules (shared/spec/consent-rules.md), as values and unions.

export const LegalBasis = {
  unassessed: 'unassessed',
  noIdentifiablePersons: 'no_identifiable_persons',
  artisticJournalistic: 'artistic_journalistic',
  contract: 'contract',
  legitimateInterest: 'legitimate_interest',
  publicTask: 'public_task',
  externalAgreement: 'external_agreement',
  consent: 'consent',
  deceasedOnly: 'deceased_only',
} as const;
export type LegalBasis = (typeof LegalBasis)[keyof typeof LegalBasis];
export const LEGAL_BASES: readonly LegalBasis[] = Object.values(LegalBasis);

export const ConsentKind = {
  written: 'written',
  digital: 'digital',
  oral: 'oral',
} as const;
export type ConsentKind = (typeof ConsentKind)[keyof typeof ConsentKind];
export const CONSENT_KINDS: readonly ConsentKind[] = Object.values(ConsentKind);

export const Status = {
  approved: 'approved',
  expiring: 'expiring',
  blocked: 'blocked',
} as const;
export type Status = (typeof Status)[keyof typeof Status];

export const Coverage = {
  complete: 'complete',
  partial: 'partial',
  none: 'none',
  notRequired: 'not_required',
} as const;
export type Coverage = (typeof Coverage)[keyof typeof Coverage];

/** Why an asked channel is blocked (spec §6). */
export const ReasonCode = {
  noLegalBasis: 'no_legal_basis',
  legalBasisNotPermitted: 'legal_basis_not_permitted',
  personsNotIdentified: 'persons_not_identified',
  licenseExpired: 'license_expired',
  licenseChannelNotGranted: 'license_channel_not_granted',
  protectedIdentity: 'protected_identity',
  objection: 'objection',
  noConsent: 'no_consent',
  consentKindNotAccepted: 'consent_kind_not_accepted',
  guardianConsentRequired: 'guardian_consent_required',
  consentRevoked: 'consent_revoked',
  channelNotGranted: 'channel_not_granted',
  consentNotYetValid: 'consent_not_yet_valid',
  consentExpired: 'consent_expired',
} as const;
export type ReasonCode = (typeof ReasonCode)[keyof typeof ReasonCode];
export const REASON_CODES: readonly ReasonCode[] = Object.values(ReasonCode);

/** Things worth saying that never block. */
export const WarningCode = {
  allPersonsIrrelevant: 'all_persons_irrelevant',
} as const;
export type WarningCode = (typeof WarningCode)[keyof typeof WarningCode];

/** The channels an organisation starts with; policies may list others. */
export const DEFAULT_CHANNELS = [
  'web',
  'intranet',
  'social',
  'print',
  'presentation',
  'press',
] as const;
