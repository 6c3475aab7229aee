// The demo organisation's records as a plan: pure data from a seed and today's date, so the demo
// is the same for the same seed and day, and stays meaningful whenever it is made (every date is
// relative to today). Covers every status and reason of the consent rules (spec §6).
import type { LegalBasis } from '@clearframe/core';
import type { IrrelevanceReason } from '../db/schema.js';
import type { PictureSpec } from './pictures.js';
import { FIRST, LAST, PHOTOGRAPHERS, SUBJECTS } from './names.js';

export const DEMO_CHANNELS = [
  'web',
  'intranet',
  'social',
  'print',
  'presentation',
  'press',
] as const;
const ALL = [...DEMO_CHANNELS];

export interface PlannedPerson {
  key: string;
  name: string;
  email?: string;
  birthDate?: string;
  deceasedOn?: string;
  guardians?: number;
  protectedIdentity?: boolean;
  objectedAt?: string;
}

export interface PlannedConsent {
  personKey: string;
  channels: string[];
  validFrom: string;
  validUntil: string | null;
  signedBy: { subject: boolean; guardians: number };
  /** Only these assets (keys); undefined: every asset of the person. */
  assetKeys?: string[];
  comment?: string;
  /** A withdrawal: whole (channels null) or of some channels, at an instant. */
  revocation?: { at: string; channels: string[] | null; reason: string };
}

export interface PlannedAsset {
  key: string;
  /** What it demonstrates (`approved`, `licence expired`, …), for people reading the data. */
  scenario: string;
  title: string;
  alt: { sv: string; en: string };
  credit: string;
  legalBasis: LegalBasis;
  license?: { validUntil: string | null; channels: string[] | null };
  tags: { personKey: string; relevant: boolean; irrelevanceReason?: IrrelevanceReason }[];
  picture: PictureSpec;
}

export interface PlannedGroup {
  title: string;
  personKeys: string[];
  assetKeys: string[];
  channels: string[];
  validFrom: string;
  validUntil: string;
  signedBy: { subject: boolean; guardians: number };
  /** Per-person exceptions recorded after the group (a channel withdrawn for one pupil). */
  exceptions: { personKey: string; channels: string[]; reason: string }[];
}

export interface DemoPlan {
  persons: PlannedPerson[];
  consents: PlannedConsent[];
  assets: PlannedAsset[];
  groups: PlannedGroup[];
}

/** Dates relative to `now` in the organisation's time zone. */
export interface Calendar {
  /** The calendar date `days` from today. */
  day(days: number): string;
  /** The date of birth of someone who turns `years` `days` from today (negative: ago). */
  born(years: number, days?: number): string;
  /** The instant `days` from now. */
  instant(days: number): string;
}

export function calendarOf(now: Date, timeZone: string): Calendar {
  const format = new Intl.DateTimeFormat('sv-SE', { timeZone });
  const day = (days: number) => format.format(new Date(now.getTime() + days * 86_400_000));
  return {
    day,
    born(years, days = 0) {
      const [y, m, d] = day(days).split('-');
      // 29 February of a birth year without one is never produced: the day is clamped to 28.
      const clamped = m === '02' && d === '29' ? '28' : d;
      return `${Number(y) - years}-${m}-${clamped}`;
    },
    instant: (days) => new Date(now.getTime() + days * 86_400_000).toISOString(),
  };
}

/** A small, seedable generator (mulberry32): the same seed gives the same demo. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const SHAPES: readonly PictureSpec['shape'][] = ['circle', 'square', 'triangle', 'ring'];

/** The demo: about 200 assets, their persons, consents and one group consent. */
export function demoPlan(seed: number, cal: Calendar): DemoPlan {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

  const persons: PlannedPerson[] = [];
  const consents: PlannedConsent[] = [];
  const assets: PlannedAsset[] = [];
  const groups: PlannedGroup[] = [];

  const person = (fields: Omit<PlannedPerson, 'key' | 'name'> = {}): string => {
    const key = `p${persons.length + 1}`;
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${first}.${last}`
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z.]/g, '');
    persons.push({ key, name: `${first} ${last}`, email: `${email}@example.se`, ...fields });
    return key;
  };
  const adult = () => person({ birthDate: cal.born(int(20, 64), -int(0, 364)) });
  const consent = (personKey: string, fields: Partial<PlannedConsent> = {}) => {
    consents.push({
      personKey,
      channels: ALL,
      validFrom: cal.day(-int(30, 700)),
      validUntil: null,
      signedBy: { subject: true, guardians: 0 },
      ...fields,
    });
  };
  const asset = (
    scenario: string,
    legalBasis: LegalBasis,
    tags: PlannedAsset['tags'] = [],
    license?: PlannedAsset['license'],
  ): string => {
    const number = assets.length + 1;
    const key = `a${number}`;
    const [sv, en] = pick(SUBJECTS);
    assets.push({
      key,
      scenario,
      title: `${sv} ${number}`,
      alt: { sv: `${sv}, bild ${number}`, en: `${en}, picture ${number}` },
      credit: pick(PHOTOGRAPHERS),
      legalBasis,
      ...(license === undefined ? {} : { license }),
      tags,
      picture: { number, hue: int(0, 359), shape: pick(SHAPES) },
    });
    return key;
  };
  const tag = (personKey: string) => ({ personKey, relevant: true });
  const times = (n: number, fn: (i: number) => void) => {
    for (let i = 0; i < n; i += 1) fn(i);
  };

  // Staff who consented to everything, open-ended: the approved pictures.
  const staff = Array.from({ length: 14 }, () => adult());
  for (const key of staff) consent(key);
  times(36, () => {
    const shown = [...new Set(Array.from({ length: int(1, 3) }, () => pick(staff)))];
    asset('approved', 'consent', shown.map(tag));
  });
  // Consent until a date well beyond the warning window.
  times(12, () => {
    const key = adult();
    consent(key, { validUntil: cal.day(int(90, 700)) });
    asset('approved until a date', 'consent', [tag(key)]);
  });
  // Ends within the warning window (30 days in the Swedish preset).
  times(15, () => {
    const key = adult();
    consent(key, { validUntil: cal.day(int(3, 25)) });
    asset('expiring', 'consent', [tag(key), tag(pick(staff))]);
  });
  times(12, () => {
    const key = adult();
    consent(key, { validFrom: cal.day(-int(400, 900)), validUntil: cal.day(-int(1, 200)) });
    asset('consent expired', 'consent', [tag(key)]);
  });
  times(8, () => {
    const key = adult();
    consent(key, {
      revocation: { at: cal.instant(-int(1, 60)), channels: null, reason: 'Withdrew by e-mail' },
    });
    asset('revoked', 'consent', [tag(key)]);
  });
  times(6, () => {
    const key = adult();
    consent(key, {
      revocation: {
        at: cal.instant(-int(1, 60)),
        channels: ['web', 'social'],
        reason: 'Not online',
      },
    });
    asset('revoked for web and social', 'consent', [tag(key)]);
  });
  // Minors: below 15 two guardians must sign (joint custody), unless the child has one guardian.
  times(8, () => {
    const key = person({ birthDate: cal.born(int(6, 12), -int(0, 364)) });
    consent(key, {
      signedBy: { subject: false, guardians: 2 },
      validUntil: cal.day(int(120, 400)),
    });
    asset('minor, two guardians signed', 'consent', [tag(key)]);
  });
  times(6, () => {
    const key = person({ birthDate: cal.born(int(6, 12), -int(0, 364)) });
    consent(key, { signedBy: { subject: false, guardians: 1 } });
    asset('minor, one guardian of two signed', 'consent', [tag(key)]);
  });
  times(4, () => {
    const key = person({ birthDate: cal.born(int(6, 12), -int(0, 364)), guardians: 1 });
    consent(key, { signedBy: { subject: false, guardians: 1 } });
    asset('minor, sole custody', 'consent', [tag(key)]);
  });
  times(3, () => {
    const key = person({ birthDate: cal.born(int(16, 17), -int(0, 364)) });
    // Signed this month, at 15 or older: the subject's own signature is what counts.
    consent(key, { validFrom: cal.day(-int(1, 20)), signedBy: { subject: true, guardians: 0 } });
    asset('teenager signed personally', 'consent', [tag(key)]);
  });
  times(4, () => {
    const key = person({ birthDate: cal.born(int(20, 64)), protectedIdentity: true });
    consent(key);
    asset('protected identity', 'consent', [tag(key), tag(pick(staff))]);
  });
  times(6, () => {
    const key = adult();
    consent(key, { channels: ['intranet', 'print', 'presentation'] });
    asset('web not granted', 'consent', [tag(key)]);
  });
  times(4, () => {
    const key = adult();
    consent(key, { validFrom: cal.day(int(5, 40)) });
    asset('consent not yet valid', 'consent', [tag(key)]);
  });
  // One of two persons consented: coverage `partial`.
  times(5, () => asset('no consent from one person', 'consent', [tag(pick(staff)), tag(adult())]));
  times(3, () => asset('persons not identified', 'consent', []));
  // Consent for one picture only: the person's other picture is not covered.
  times(3, () => {
    const key = adult();
    const covered = asset('consent for this picture', 'consent', [tag(key)]);
    consent(key, { assetKeys: [covered] });
    asset('consent for another picture', 'consent', [tag(key)]);
  });
  times(4, () => {
    const bystander = adult();
    asset('bystander in the background', 'consent', [
      tag(pick(staff)),
      { personKey: bystander, relevant: false, irrelevanceReason: 'background' },
    ]);
  });
  // Sweden protects no one after death (postMortemYears 0): a deceased person needs no consent.
  times(3, () => {
    const key = person({ birthDate: cal.born(int(60, 90)), deceasedOn: cal.day(-int(30, 900)) });
    asset('deceased person', 'consent', [tag(key)]);
  });
  times(2, () => asset('historical, deceased only', 'deceased_only'));
  // Licences (external_agreement).
  times(7, () =>
    asset('licence running', 'external_agreement', [], {
      validUntil: cal.day(int(60, 700)),
      channels: null,
    }),
  );
  times(3, () =>
    asset('licence expiring', 'external_agreement', [], {
      validUntil: cal.day(int(2, 20)),
      channels: null,
    }),
  );
  times(5, () =>
    asset('licence expired', 'external_agreement', [], {
      validUntil: cal.day(-int(1, 300)),
      channels: null,
    }),
  );
  times(5, () =>
    asset('licence for print and press', 'external_agreement', [], {
      validUntil: null,
      channels: ['print', 'press'],
    }),
  );
  // Legitimate interest: approved unless a tagged person objected (Art. 21).
  times(6, () => asset('legitimate interest', 'legitimate_interest', [tag(adult())]));
  times(4, () => {
    const key = person({ objectedAt: cal.instant(-int(1, 90)) });
    asset('legitimate interest, objection', 'legitimate_interest', [tag(key)]);
  });
  times(10, () => asset('no identifiable persons', 'no_identifiable_persons'));
  times(3, () => asset('contract', 'contract', [tag(adult())]));
  times(2, () => asset('artistic or journalistic', 'artistic_journalistic', [tag(adult())]));
  times(8, () => asset('not assessed', 'unassessed', [tag(adult())]));

  // Group consent: one signed form for a class, guardians of each pupil; one pupil opted out,
  // one pupil's guardians later withdrew the web.
  const pupils = Array.from({ length: 14 }, () =>
    person({ birthDate: cal.born(13, -int(0, 364)) }),
  );
  const optedOut = pupils.pop() as string;
  const exception = pupils[0] as string;
  const classAssets: string[] = [];
  times(10, (i) => {
    const shown = [...new Set(Array.from({ length: int(3, 6) }, () => pick(pupils)))];
    if (i === 0 && !shown.includes(exception)) shown.push(exception);
    classAssets.push(asset('group consent, class 7B', 'consent', shown.map(tag)));
  });
  asset('group consent, pupil opted out', 'consent', [tag(pupils[1] as string), tag(optedOut)]);
  groups.push({
    title: 'Class 7B, photo consent for the school year',
    personKeys: pupils,
    assetKeys: classAssets,
    channels: ['web', 'intranet', 'print', 'presentation'],
    validFrom: cal.day(-int(20, 90)),
    validUntil: cal.day(int(200, 300)),
    signedBy: { subject: false, guardians: 2 },
    exceptions: [
      { personKey: exception, channels: ['web'], reason: 'Guardians asked: not online' },
    ],
  });

  return { persons, consents, assets, groups };
}
