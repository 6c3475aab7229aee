// A policy row from a country preset of the core, with channel labels and surface behaviours.
import { DEFAULT_CHANNELS, PRESETS } from '@clearframe/core';
import type {
  PoliciesTable,
  PolicyChannel,
  PresetName,
  Surface,
  SurfaceBehaviour,
} from '../db/schema.js';
import { toJsonText } from '../util/json.js';

const DEFAULT_LABELS: Readonly<Record<(typeof DEFAULT_CHANNELS)[number], PolicyChannel['labels']>> =
  {
    web: { en: 'Web', sv: 'Webb', de: 'Web', nb: 'Nett' },
    intranet: { en: 'Intranet', sv: 'Intranät', de: 'Intranet', nb: 'Intranett' },
    social: {
      en: 'Social media',
      sv: 'Sociala medier',
      de: 'Soziale Medien',
      nb: 'Sosiale medier',
    },
    print: { en: 'Print', sv: 'Tryck', de: 'Druck', nb: 'Trykk' },
    presentation: {
      en: 'Presentations',
      sv: 'Presentationer',
      de: 'Präsentationen',
      nb: 'Presentasjoner',
    },
    press: { en: 'Press', sv: 'Press', de: 'Presse', nb: 'Presse' },
  };

export const DEFAULT_POLICY_CHANNELS: readonly PolicyChannel[] = DEFAULT_CHANNELS.map((id) => ({
  id,
  labels: DEFAULT_LABELS[id],
}));

/** Editors are warned and may decide; public pages fail closed (DESIGN.md). */
export const DEFAULT_SURFACES: Readonly<Record<Surface, SurfaceBehaviour>> = {
  office: 'warn',
  wordpress: 'warn',
  embed: 'hide',
};

/** Every field of a policy row but the bookkeeping (org, version, updated_at). */
export type PolicyFields = Omit<PoliciesTable, 'org_id' | 'version' | 'updated_at'>;

export function presetPolicyFields(preset: PresetName): PolicyFields {
  const values = PRESETS[preset];
  return {
    preset,
    time_zone: values.timeZone,
    channels: toJsonText([...DEFAULT_POLICY_CHANNELS]),
    warn_days: values.warnDays,
    // The presets allow every basis and kind: stored as null, "all".
    legal_bases: null,
    consent_kinds: null,
    own_consent_age: values.ownConsentAge,
    guardian_consent_until_age: values.guardianConsentUntilAge,
    guardians_required: values.guardiansRequired,
    post_mortem_years: values.postMortemYears,
    post_mortem_from_year_end: values.postMortemFromYearEnd ? 1 : 0,
    surfaces: toJsonText({ ...DEFAULT_SURFACES }),
  };
}
