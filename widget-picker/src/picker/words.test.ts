import { REASON_CODES } from '@clearframe/core';
import { describe, expect, it } from 'vitest';
import { templates as de } from '../locales/de.js';
import { templates as nb } from '../locales/nb.js';
import { templates as sv } from '../locales/sv.js';
import { localeFor } from '../localization.js';
import { REASON_MESSAGE_IDS, badgeFor, formatLastDay, reasonWords } from './words.js';

describe('reason words', () => {
  it('says every reason code in English words', () => {
    for (const code of REASON_CODES) {
      const words = reasonWords(code);
      expect(words).not.toContain('_');
      expect(words.length).toBeGreaterThan(5);
    }
  });

  it('has every reason in Swedish, German and Bokmål', () => {
    for (const locale of [sv, de, nb]) {
      for (const id of REASON_MESSAGE_IDS) expect(locale).toHaveProperty([id]);
    }
  });

  it('gives the three locales the same message ids', () => {
    const keys = Object.keys(sv).sort();
    expect(Object.keys(de).sort()).toEqual(keys);
    expect(Object.keys(nb).sort()).toEqual(keys);
  });
});

describe('badgeFor', () => {
  it('says approved', () => {
    expect(badgeFor({ status: 'approved', approvedUntil: null }, 'en')).toEqual({
      status: 'approved',
      label: 'Approved',
      detail: '',
    });
  });

  it('gives the last day of an expiring approval', () => {
    const badge = badgeFor(
      { status: 'expiring', approvedUntil: '2027-06-30T22:00:00.000Z' },
      'en',
      'Europe/Stockholm',
    );
    expect(badge.label).toBe('Expiring, last day Jun 30, 2027');
  });

  it('gives the reasons of a blocked verdict in words, each once', () => {
    const badge = badgeFor(
      {
        status: 'blocked',
        approvedUntil: null,
        reasons: [{ code: 'consent_revoked' }, { code: 'consent_revoked' }, { code: 'no_consent' }],
      },
      'en',
    );
    expect(badge).toEqual({
      status: 'blocked',
      label: 'Blocked',
      detail: 'Consent revoked; Consent missing',
    });
  });

  it('falls back on the notice, and says when editor data is stale', () => {
    expect(
      badgeFor({ status: 'blocked', approvedUntil: null, notice: 'unknown_asset' }, 'en').detail,
    ).toBe('Not in the synced records');
    expect(badgeFor({ status: 'approved', approvedUntil: null, stale: true }, 'en').detail).toBe(
      'Data may be out of date',
    );
  });
});

describe('formatLastDay', () => {
  it('formats the day before the end instant in the zone and language', () => {
    expect(formatLastDay('2027-07-01T00:00:00.000Z', 'de', 'UTC')).toBe('30.06.2027');
    expect(formatLastDay('2027-07-01T00:00:00.000Z', 'sv', 'UTC')).toBe('30 juni 2027');
  });
});

describe('localeFor', () => {
  it('maps language tags to the four locales', () => {
    expect(localeFor('sv-SE')).toBe('sv');
    expect(localeFor('no')).toBe('nb');
    expect(localeFor('nn-NO')).toBe('nb');
    expect(localeFor('de-AT')).toBe('de');
    expect(localeFor('fr')).toBe('en');
    expect(localeFor(undefined)).toBe('en');
  });
});
