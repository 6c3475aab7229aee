import { describe, expect, it } from 'vitest';
import { evaluate, isInvalidInputError, presetPolicy } from '@clearframe/core';
import { dateIn, isCalendarDate, isInstant, toStoredInstant } from './calendar.js';

/** Whether `evaluate` takes `value` as a person's birth date / objection instant. */
function evaluateAccepts(field: 'birthDate' | 'objectedAt', value: string): boolean {
  try {
    evaluate({
      policy: presetPolicy('SE'),
      asset: { id: 'a1', legalBasis: 'consent', persons: [{ personId: 'p1' }] },
      persons: [{ id: 'p1', [field]: value }],
      channel: 'web',
      now: '2026-11-23T12:00:00Z',
    });
    return true;
  } catch (error) {
    if (isInvalidInputError(error)) return false;
    throw error;
  }
}

const DATES = [
  '2026-01-01',
  '2024-02-29',
  '2023-02-29',
  '2026-04-31',
  '2026-13-01',
  '2026-00-10',
  '0000-01-01',
  '2026-1-01',
  '2026-01-01T00:00:00Z',
  '',
  ' 2026-01-01',
  '2026/01/01',
  '1900-02-29',
  '2000-02-29',
];

const INSTANTS = [
  '2026-05-10T10:00:00Z',
  '2026-05-10t10:00:00z',
  '2026-05-10T10:00:00.123456Z',
  '2026-05-10T10:00:00+02:00',
  '2026-05-10T10:00:00-23:59',
  '2026-05-10T10:00:00+24:00',
  '2026-05-10T10:00:60Z',
  '2026-05-10T24:00:00Z',
  '2026-05-10T10:00Z',
  '2026-05-10T10:00:00',
  '2026-05-10 10:00:00Z',
  '2026-02-30T10:00:00Z',
  '',
];

describe('calendar dates and instants', () => {
  it.each(DATES)('agrees with evaluate on the date %j', (value) => {
    expect(isCalendarDate(value)).toBe(evaluateAccepts('birthDate', value));
  });

  it.each(INSTANTS)('agrees with evaluate on the instant %j', (value) => {
    expect(isInstant(value)).toBe(evaluateAccepts('objectedAt', value));
  });

  it('stores an instant with an offset as the same moment in UTC with milliseconds', () => {
    expect(toStoredInstant('2026-05-10T12:00:00+02:00')).toBe('2026-05-10T10:00:00.000Z');
    expect(toStoredInstant('2026-05-10t10:00:00.5z')).toBe('2026-05-10T10:00:00.500Z');
  });

  it('reads today in the policy’s time zone, not UTC', () => {
    const lateEvening = new Date('2026-06-30T22:30:00Z');
    expect(dateIn('Europe/Stockholm', lateEvening)).toBe('2026-07-01');
    expect(dateIn('UTC', lateEvening)).toBe('2026-06-30');
  });
});
