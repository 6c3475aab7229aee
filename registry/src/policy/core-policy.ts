// The spec's `Policy` (consent-rules.md §1) from a stored policy row: what `evaluate` reads.
import type { Policy } from '@clearframe/core';
import type { Row } from '../db/schema.js';
import { parseJsonText, parseNullableJsonText } from '../util/json.js';

export function toCorePolicy(row: Row<'policies'>): Policy {
  return {
    timeZone: row.time_zone,
    channels: parseJsonText(row.channels).map((channel) => channel.id),
    warnDays: row.warn_days,
    legalBases: parseNullableJsonText(row.legal_bases),
    consentKinds: parseNullableJsonText(row.consent_kinds),
    ownConsentAge: row.own_consent_age,
    guardianConsentUntilAge: row.guardian_consent_until_age,
    guardiansRequired: row.guardians_required,
    postMortemYears: row.post_mortem_years,
    postMortemFromYearEnd: row.post_mortem_from_year_end === 1,
  };
}
