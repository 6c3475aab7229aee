// Country presets of the policy: the defaults of the spec (§1) and the law each value rests on.
import type { Policy } from './types.js';
import { CONSENT_KINDS, DEFAULT_CHANNELS, LEGAL_BASES } from './vocabulary.js';

/** What a policy field means when it is missing or null (spec §1: the Swedish defaults). */
export const POLICY_DEFAULTS = {
  warnDays: 30,
  legalBases: LEGAL_BASES,
  consentKinds: CONSENT_KINDS,
  ownConsentAge: 15,
  guardianConsentUntilAge: 15,
  guardiansRequired: 2,
  postMortemYears: 0,
  postMortemFromYearEnd: false,
} as const;

export type PresetName = 'SE' | 'DE' | 'NO';

type Preset = Required<{ [K in keyof Policy]: NonNullable<Policy[K]> }>;

export const PRESETS: Readonly<Record<PresetName, Readonly<Preset>>> = {
  /**
   * Sweden. IMY: from about 15 a pupil decides over pictures of themselves, below that
   * both custodians sign (joint custody, FB 6 kap. 13 §). The GDPR protects the living
   * only (Recital 27) and Sweden adds no post-mortem right to one's image.
   */
  SE: {
    timeZone: 'Europe/Stockholm',
    channels: DEFAULT_CHANNELS,
    ...POLICY_DEFAULTS,
  },
  /**
   * Germany. KUG §22: publishing needs consent, and for ten years after death that of the
   * relatives (counted by BGB §§187(1), 188(2)). Minors of 14 to 17 consent together with
   * their guardians ("Doppelzustimmung"): own signature from 14, guardians until 18.
   */
  DE: {
    timeZone: 'Europe/Berlin',
    channels: DEFAULT_CHANNELS,
    ...POLICY_DEFAULTS,
    ownConsentAge: 14,
    guardianConsentUntilAge: 18,
    postMortemYears: 10,
  },
  /**
   * Norway. Åndsverkloven §104: a portrait needs consent, and the protection lasts until
   * 15 years after the end of the year of death. Datatilsynet: from 15 a child consents
   * to pictures alone; below that both parents with joint responsibility sign.
   */
  NO: {
    timeZone: 'Europe/Oslo',
    channels: DEFAULT_CHANNELS,
    ...POLICY_DEFAULTS,
    postMortemYears: 15,
    postMortemFromYearEnd: true,
  },
};

/** A complete policy from a preset, with any field overridden. */
export function presetPolicy(name: PresetName, overrides: Partial<Policy> = {}): Policy {
  return { ...PRESETS[name], ...overrides };
}
