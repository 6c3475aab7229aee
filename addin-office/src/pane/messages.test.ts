import { REASON_CODES } from '@clearframe/core';
import { describe, expect, it } from 'vitest';
import { HostErrorCode } from '../hosts/host-error.js';
import { LOCALES, describeReasons, messages, pickLocale } from './messages.js';

describe('what the pane says', () => {
  it('has words for every reason code and every host error, in English and Swedish', () => {
    for (const locale of LOCALES) {
      for (const code of REASON_CODES) expect(messages(locale).reason[code]).toMatch(/\S/);
      for (const code of Object.values(HostErrorCode))
        expect(messages(locale).hostError[code]).toMatch(/\S/);
    }
  });

  it('names each reason once, with the person where the pane knows the name', () => {
    const text = describeReasons(
      [
        { code: 'consent_revoked', personId: 'per_anna' },
        { code: 'consent_revoked', personId: 'per_anna' },
        { code: 'license_expired' },
      ],
      'en',
      (id) => (id === 'per_anna' ? 'Anna Berg' : undefined),
    );

    expect(text).toBe('A consent has been withdrawn (Anna Berg); The picture licence has expired');
  });

  it('builds the confirmation question in Swedish', () => {
    const reasons = describeReasons([{ code: 'no_consent' }], 'sv');

    expect(messages('sv').confirmInsert(reasons)).toBe(
      'Bilden är inte godkänd: En person på bilden har inte lämnat samtycke. Infoga ändå?',
    );
  });

  it('follows Office’s display language and falls back to English', () => {
    expect(pickLocale('sv-SE')).toBe('sv');
    expect(pickLocale('en-GB')).toBe('en');
    expect(pickLocale('de-DE')).toBe('en');
    expect(pickLocale(undefined)).toBe('en');
  });
});
