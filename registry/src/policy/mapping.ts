// Between policy rows and the API's shape, and the rules a PUT must keep across fields.
import type { PoliciesTable, Row } from '../db/schema.js';
import { ValidationError } from '../errors/validation-error.js';
import { parseJsonText, parseNullableJsonText, toJsonText } from '../util/json.js';
import { DEFAULT_SURFACES, presetPolicyFields } from './defaults.js';
import type { PolicyFields } from './defaults.js';
import type { PolicyDto, PutPolicy } from './schemas.js';

export function toPolicyDto(row: Row<'policies'>): PolicyDto {
  return {
    preset: row.preset,
    timeZone: row.time_zone,
    channels: parseJsonText(row.channels),
    warnDays: row.warn_days,
    legalBases: parseNullableJsonText(row.legal_bases),
    consentKinds: parseNullableJsonText(row.consent_kinds),
    ownConsentAge: row.own_consent_age,
    guardianConsentUntilAge: row.guardian_consent_until_age,
    guardiansRequired: row.guardians_required,
    postMortemYears: row.post_mortem_years,
    postMortemFromYearEnd: row.post_mortem_from_year_end === 1,
    surfaces: parseJsonText(row.surfaces),
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** The stored fields of a PUT body: what it gives, else the preset's value. */
export function fromPutPolicy(body: PutPolicy): PolicyFields {
  const preset = presetPolicyFields(body.preset);
  const fields: PolicyFields = {
    preset: body.preset,
    time_zone: body.timeZone ?? preset.time_zone,
    channels: body.channels === undefined ? preset.channels : toJsonText(body.channels),
    warn_days: body.warnDays ?? preset.warn_days,
    legal_bases: body.legalBases === undefined ? preset.legal_bases : nullableJson(body.legalBases),
    consent_kinds:
      body.consentKinds === undefined ? preset.consent_kinds : nullableJson(body.consentKinds),
    own_consent_age: body.ownConsentAge ?? preset.own_consent_age,
    guardian_consent_until_age: body.guardianConsentUntilAge ?? preset.guardian_consent_until_age,
    guardians_required: body.guardiansRequired ?? preset.guardians_required,
    post_mortem_years: body.postMortemYears ?? preset.post_mortem_years,
    post_mortem_from_year_end:
      body.postMortemFromYearEnd === undefined
        ? preset.post_mortem_from_year_end
        : body.postMortemFromYearEnd
          ? 1
          : 0,
    surfaces: toJsonText({
      office: body.surfaces?.office ?? DEFAULT_SURFACES.office,
      wordpress: body.surfaces?.wordpress ?? DEFAULT_SURFACES.wordpress,
      embed: body.surfaces?.embed ?? DEFAULT_SURFACES.embed,
    }),
  };
  checkAges(fields);
  return fields;
}

/** Above guardianConsentUntilAge and below ownConsentAge nobody would have to sign. */
function checkAges(
  fields: Pick<PoliciesTable, 'own_consent_age' | 'guardian_consent_until_age'>,
): void {
  if (fields.own_consent_age > fields.guardian_consent_until_age) {
    throw ValidationError.field(
      'ownConsentAge',
      `must not exceed guardianConsentUntilAge (${fields.guardian_consent_until_age}): between them nobody would sign`,
    );
  }
}

function nullableJson<T>(value: T | null) {
  return value === null ? null : toJsonText(value);
}
