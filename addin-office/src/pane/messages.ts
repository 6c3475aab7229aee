// Everything the pane says, in English and Swedish: statuses, reasons, host errors.

import type { ReasonCode, Status } from '@clearframe/core';
import { HOST_ERROR_MESSAGES, type HostErrorCode } from '../hosts/host-error.js';

export const LOCALES = ['en', 'sv'] as const;
export type Locale = (typeof LOCALES)[number];

/** `sv-SE` → `sv`; anything unknown → `en`. */
export function pickLocale(language: string | undefined): Locale {
  const base = (language ?? '').toLowerCase().split(/[-_]/)[0];
  return (LOCALES as readonly string[]).includes(base ?? '') ? (base as Locale) : 'en';
}

interface Catalogue {
  status: Record<Status | 'unknown', string>;
  reason: Record<ReasonCode, string>;
  hostError: Record<HostErrorCode, string>;
  lastValidDay: (day: string) => string;
  stale: string;
  unchecked: string;
  confirmInsert: (reasons: string) => string;
  refuseInsert: (reasons: string) => string;
  notInOffice: string;
  paneReady: (host: string, channel: string) => string;
}

const en: Catalogue = {
  status: {
    approved: 'Approved',
    expiring: 'Approval ending soon',
    blocked: 'Not approved',
    unknown: 'Not checked',
  },
  reason: {
    no_legal_basis: 'No legal basis has been recorded for this picture',
    legal_basis_not_permitted:
      'The legal basis of this picture is not accepted by your organisation',
    persons_not_identified: 'The people in the picture have not been identified',
    license_expired: 'The picture licence has expired',
    license_channel_not_granted: 'The picture licence does not cover this use',
    protected_identity: 'A person in the picture has a protected identity',
    objection: 'A person in the picture has objected to its use',
    no_consent: 'A person in the picture has not given consent',
    consent_kind_not_accepted: 'A consent is of a kind your organisation does not accept',
    guardian_consent_required: 'A consent lacks the signatures required for the person’s age',
    consent_revoked: 'A consent has been withdrawn',
    channel_not_granted: 'A consent does not cover this use',
    consent_not_yet_valid: 'A consent has not started yet',
    consent_expired: 'A consent has expired',
  },
  hostError: HOST_ERROR_MESSAGES,
  lastValidDay: (day) => `May be used until ${day}`,
  stale: 'Offline: this is the last known answer and may be out of date',
  unchecked: 'Could not be checked: no connection and no saved answer',
  confirmInsert: (reasons) => `This picture is not approved: ${reasons}. Insert it anyway?`,
  refuseInsert: (reasons) => `This picture cannot be inserted: ${reasons}.`,
  notInOffice: 'Open Clearframe from the Home tab in Word or PowerPoint.',
  paneReady: (host, channel) => `${host}: pictures approved for ${channel}.`,
};

const sv: Catalogue = {
  status: {
    approved: 'Godkänd',
    expiring: 'Godkännandet upphör snart',
    blocked: 'Inte godkänd',
    unknown: 'Inte kontrollerad',
  },
  reason: {
    no_legal_basis: 'Ingen rättslig grund är registrerad för bilden',
    legal_basis_not_permitted: 'Bildens rättsliga grund godtas inte av organisationen',
    persons_not_identified: 'Personerna på bilden är inte identifierade',
    license_expired: 'Bildlicensen har gått ut',
    license_channel_not_granted: 'Bildlicensen omfattar inte den här användningen',
    protected_identity: 'En person på bilden har skyddad identitet',
    objection: 'En person på bilden har invänt mot användningen',
    no_consent: 'En person på bilden har inte lämnat samtycke',
    consent_kind_not_accepted: 'Ett samtycke är av ett slag som organisationen inte godtar',
    guardian_consent_required: 'Ett samtycke saknar de underskrifter som krävs för personens ålder',
    consent_revoked: 'Ett samtycke har återkallats',
    channel_not_granted: 'Ett samtycke omfattar inte den här användningen',
    consent_not_yet_valid: 'Ett samtycke har inte börjat gälla',
    consent_expired: 'Ett samtycke har gått ut',
  },
  hostError: {
    host_unsupported:
      'Den här versionen av Office kan inte göra detta. Uppdatera Office eller använd Office på webben.',
    document_read_only: 'Dokumentet kan inte ändras just nu. Det kan vara skrivskyddat eller låst.',
    selection_unusable:
      'En bild kan inte placeras här. Klicka i texten eller välj en bild i bildspelet och försök igen.',
    picture_not_found: 'Bilden finns inte längre i dokumentet.',
    host_failed:
      'Office kunde inte slutföra detta. Försök igen; öppna dokumentet på nytt om felet kvarstår.',
  },
  lastValidDay: (day) => `Får användas till och med ${day}`,
  stale: 'Offline: detta är det senast kända svaret och kan vara inaktuellt',
  unchecked: 'Kunde inte kontrolleras: ingen anslutning och inget sparat svar',
  confirmInsert: (reasons) => `Bilden är inte godkänd: ${reasons}. Infoga ändå?`,
  refuseInsert: (reasons) => `Bilden kan inte infogas: ${reasons}.`,
  notInOffice: 'Öppna Clearframe från fliken Start i Word eller PowerPoint.',
  paneReady: (host, channel) => `${host}: bilder godkända för ${channel}.`,
};

const CATALOGUES: Record<Locale, Catalogue> = { en, sv };

export function messages(locale: Locale): Catalogue {
  return CATALOGUES[locale];
}

/** Reasons in words, each once, with the person's name where the pane knows it. */
export function describeReasons(
  reasons: readonly { code: ReasonCode; personId?: string | undefined }[],
  locale: Locale,
  personName: (personId: string) => string | undefined = () => undefined,
): string {
  const lines = reasons.map(({ code, personId }) => {
    const name = personId === undefined ? undefined : personName(personId);
    const text = CATALOGUES[locale].reason[code];
    return name === undefined ? text : `${text} (${name})`;
  });
  return [...new Set(lines)].join('; ');
}
