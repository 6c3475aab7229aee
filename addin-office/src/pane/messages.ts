// Everything the pane says, in English and Swedish: statuses, reasons, host errors.

import type { ReasonCode, Status } from '@clearframe/core';
import { HOST_ERROR_MESSAGES, type HostErrorCode } from '../hosts/host-error.js';
import type { AccountErrorCode } from '../registry/account.js';

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
  ui: UiWords;
}

/** The task pane's own words: sign-in, picking, checking. */
export interface UiWords {
  settings: string;
  registryUrl: string;
  signInWith: string;
  withKey: string;
  withAccount: string;
  editorKey: string;
  email: string;
  password: string;
  signIn: string;
  signOut: string;
  signedInWithKey: string;
  signedInAs: (email: string) => string;
  accountNote: string;
  storageRefused: string;
  channel: string;
  checkOnOpen: string;
  save: string;
  saved: string;
  needSignIn: string;
  account: Record<AccountErrorCode | 'invalidKey' | 'invalidUrl', string>;
  throttled: (minutes: number) => string;
  pictures: string;
  offline: string;
  lastValidDayBefore: (day: string) => string;
  insert: string;
  insertAnyway: string;
  cancel: string;
  inserting: string;
  inserted: (title: string) => string;
  altTextMissing: string;
  fetchFailed: string;
  check: string;
  checking: string;
  noPictures: string;
  summary: (counts: Record<Status | 'unknown', number>) => string;
  freshCheck: string;
  select: string;
  remove: string;
  replace: string;
  replacing: (title: string) => string;
  removed: string;
  replaced: (title: string) => string;
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
  ui: {
    settings: 'Registry and sign-in',
    registryUrl: 'Registry URL',
    signInWith: 'Sign in with',
    withKey: 'an editor key',
    withAccount: 'a registry account',
    editorKey: 'Editor key',
    email: 'E-mail',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    signedInWithKey: 'Signed in with an editor key.',
    signedInAs: (email) => `Signed in as ${email}.`,
    accountNote:
      'A registry account keeps the registry’s session cookie for this pane; a browser that refuses all cookies inside Office on the web refuses it too. An editor key works everywhere.',
    storageRefused:
      'This browser lets the pane keep nothing here (it blocks storage inside Office on the web), so nothing is remembered when the pane closes: a registry account stays signed in; an editor key must be entered each time.',
    channel: 'Channel',
    checkOnOpen: 'Check the document when the pane opens',
    save: 'Save',
    saved: 'Saved.',
    needSignIn: 'Sign in to the registry to pick and check pictures.',
    account: {
      bad_login: 'The e-mail or the password is wrong.',
      not_signed_in: 'The registry did not accept the key or the session. Sign in again.',
      not_editor: 'This key or account may not browse pictures. Use an editor key.',
      throttled: 'Too many attempts. Try again later.',
      unreachable: 'The registry cannot be reached. Check the URL and the connection.',
      failed: 'The registry refused the sign-in.',
      invalidKey: 'An editor key starts with cf_ed_.',
      invalidUrl: 'Enter the registry’s address, for example http://localhost:8787.',
    },
    throttled: (minutes) => `Too many attempts. Try again in ${minutes} minutes.`,
    pictures: 'Pictures',
    offline: 'The registry cannot be reached: verdicts are the last known ones.',
    lastValidDayBefore: (day) =>
      `This picture may be used until ${day}. Remove it from the document after that day.`,
    insert: 'Insert',
    insertAnyway: 'Insert anyway',
    cancel: 'Cancel',
    inserting: 'Inserting…',
    inserted: (title) => `Inserted “${title}”.`,
    altTextMissing: 'This version of Office cannot set alt text: add it yourself.',
    fetchFailed: 'The picture could not be fetched from the registry.',
    check: 'Check this document',
    checking: 'Checking…',
    noPictures: 'There are no Clearframe pictures in this document.',
    summary: (c) =>
      `${c.approved} approved, ${c.expiring} ending soon, ${c.blocked} not approved` +
      (c.unknown > 0 ? `, ${c.unknown} not checked` : '') +
      '.',
    freshCheck: 'Checked against the registry just now.',
    select: 'Select',
    remove: 'Remove',
    replace: 'Replace',
    replacing: (title) => `Pick a picture to replace “${title}”.`,
    removed: 'The picture was removed.',
    replaced: (title) => `Replaced with “${title}”.`,
  },
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
  ui: {
    settings: 'Register och inloggning',
    registryUrl: 'Registrets adress',
    signInWith: 'Logga in med',
    withKey: 'en redaktörsnyckel',
    withAccount: 'ett konto i registret',
    editorKey: 'Redaktörsnyckel',
    email: 'E-post',
    password: 'Lösenord',
    signIn: 'Logga in',
    signOut: 'Logga ut',
    signedInWithKey: 'Inloggad med en redaktörsnyckel.',
    signedInAs: (email) => `Inloggad som ${email}.`,
    accountNote:
      'Ett konto sparar registrets sessionskaka för fönstret; en webbläsare som vägrar alla kakor i Office på webben vägrar den också. En redaktörsnyckel fungerar överallt.',
    storageRefused:
      'Webbläsaren låter inte fönstret spara något här (den blockerar lagring i Office på webben), så inget sparas när fönstret stängs: ett registerkonto förblir inloggat; en redaktörsnyckel måste anges varje gång.',
    channel: 'Kanal',
    checkOnOpen: 'Kontrollera dokumentet när fönstret öppnas',
    save: 'Spara',
    saved: 'Sparat.',
    needSignIn: 'Logga in i registret för att välja och kontrollera bilder.',
    account: {
      bad_login: 'E-postadressen eller lösenordet är fel.',
      not_signed_in: 'Registret godtog inte nyckeln eller sessionen. Logga in igen.',
      not_editor: 'Nyckeln eller kontot får inte bläddra bland bilder. Använd en redaktörsnyckel.',
      throttled: 'För många försök. Försök igen senare.',
      unreachable: 'Registret går inte att nå. Kontrollera adressen och anslutningen.',
      failed: 'Registret avvisade inloggningen.',
      invalidKey: 'En redaktörsnyckel börjar med cf_ed_.',
      invalidUrl: 'Ange registrets adress, till exempel http://localhost:8787.',
    },
    throttled: (minutes) => `För många försök. Försök igen om ${minutes} minuter.`,
    pictures: 'Bilder',
    offline: 'Registret går inte att nå: bedömningarna är de senast kända.',
    lastValidDayBefore: (day) =>
      `Bilden får användas till och med ${day}. Ta bort den ur dokumentet efter den dagen.`,
    insert: 'Infoga',
    insertAnyway: 'Infoga ändå',
    cancel: 'Avbryt',
    inserting: 'Infogar…',
    inserted: (title) => `Infogade ”${title}”.`,
    altTextMissing:
      'Den här versionen av Office kan inte ange alternativtext: lägg till den själv.',
    fetchFailed: 'Bilden kunde inte hämtas från registret.',
    check: 'Kontrollera dokumentet',
    checking: 'Kontrollerar…',
    noPictures: 'Dokumentet innehåller inga Clearframe-bilder.',
    summary: (c) =>
      `${c.approved} godkända, ${c.expiring} upphör snart, ${c.blocked} inte godkända` +
      (c.unknown > 0 ? `, ${c.unknown} inte kontrollerade` : '') +
      '.',
    freshCheck: 'Kontrollerat mot registret nyss.',
    select: 'Markera',
    remove: 'Ta bort',
    replace: 'Byt ut',
    replacing: (title) => `Välj en bild som ersätter ”${title}”.`,
    removed: 'Bilden togs bort.',
    replaced: (title) => `Ersatt med ”${title}”.`,
  },
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
