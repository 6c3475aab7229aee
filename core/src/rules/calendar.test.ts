import { describe, expect, it } from 'vitest';
import {
  addYears,
  ageOn,
  civilDate,
  dayNumber,
  formatDate,
  parseDate,
  parseInstant,
  Zone,
} from './calendar.js';

const iso = (t: number) => new Date(t).toISOString();
const day = (text: string) => parseDate(text) as number;

describe('calendar dates', () => {
  it('round-trips day numbers through civil dates across four centuries', () => {
    for (let d = dayNumber(1900, 1, 1); d < dayNumber(2300, 1, 1); d += 17) {
      const { year, month, day } = civilDate(d);
      expect(dayNumber(year, month, day)).toBe(d);
    }
    expect(dayNumber(1970, 1, 1)).toBe(0);
    expect(formatDate(dayNumber(2024, 2, 29))).toBe('2024-02-29');
  });

  it('refuses dates that do not exist or are not in YYYY-MM-DD form', () => {
    for (const text of [
      '',
      '2026-02-29',
      '2026-13-01',
      '2026-00-10',
      '2026-1-01',
      '26-01-01',
      '2026-01-01T00:00:00Z',
    ]) {
      expect(parseDate(text), text).toBeUndefined();
    }
    expect(parseDate('2024-02-29')).toBe(dayNumber(2024, 2, 29));
  });

  it('reads RFC 3339 instants with Z or an offset, and refuses what is not one', () => {
    expect(iso(parseInstant('2026-05-10T10:00:00+02:00') as number)).toBe(
      '2026-05-10T08:00:00.000Z',
    );
    expect(iso(parseInstant('2026-05-10T10:00:00.1234Z') as number)).toBe(
      '2026-05-10T10:00:00.123Z',
    );
    expect(iso(parseInstant('2026-01-01T00:30:00-05:30') as number)).toBe(
      '2026-01-01T06:00:00.000Z',
    );
    for (const text of [
      '',
      '2026-05-10',
      '2026-05-10T10:00:00',
      '2026-05-10T24:00:00Z',
      '2026-05-10 10:00Z',
    ]) {
      expect(parseInstant(text), text).toBeUndefined();
    }
  });

  it('moves 29 February anniversaries to 1 March in common years', () => {
    expect(formatDate(addYears(day('2020-02-29'), 10))).toBe('2030-03-01');
    expect(formatDate(addYears(day('2020-02-29'), 4))).toBe('2024-02-29');
    expect(ageOn(day('2012-02-29'), day('2027-02-28'))).toBe(14);
    expect(ageOn(day('2012-02-29'), day('2027-03-01'))).toBe(15);
    expect(ageOn(day('2011-06-15'), day('2026-06-15'))).toBe(15);
    expect(ageOn(day('2011-06-15'), day('2026-06-14'))).toBe(14);
  });
});

describe('Zone', () => {
  it('knows IANA zones and refuses names that are not one', () => {
    expect(Zone.of('Europe/Stockholm')).toBeDefined();
    expect(Zone.of('Mars/Olympus_Mons')).toBeUndefined();
  });

  it('starts days at local midnight, with 23- and 25-hour days at the DST changes', () => {
    const stockholm = Zone.of('Europe/Stockholm') as Zone;
    expect(iso(stockholm.startOf(day('2026-03-29')))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(stockholm.startOf(day('2026-03-30')))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(stockholm.startOf(day('2026-10-25')))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(stockholm.startOf(day('2026-10-26')))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a day at the end of the gap when the zone skips midnight', () => {
    // Chile moved its clocks from 00:00 to 01:00 on 2022-09-11.
    const santiago = Zone.of('America/Santiago') as Zone;
    expect(iso(santiago.startOf(day('2022-09-11')))).toBe('2022-09-11T04:00:00.000Z');
  });

  it('tells the local date of an instant on either side of midnight', () => {
    const oslo = Zone.of('Europe/Oslo') as Zone;
    expect(formatDate(oslo.dateOf(parseInstant('2026-12-31T22:59:59.999Z') as number))).toBe(
      '2026-12-31',
    );
    expect(formatDate(oslo.dateOf(parseInstant('2026-12-31T23:00:00Z') as number))).toBe(
      '2027-01-01',
    );
    const auckland = Zone.of('Pacific/Auckland') as Zone;
    expect(formatDate(auckland.dateOf(parseInstant('2026-06-30T12:00:00Z') as number))).toBe(
      '2026-07-01',
    );
    const honolulu = Zone.of('Pacific/Honolulu') as Zone;
    expect(formatDate(honolulu.dateOf(parseInstant('2026-07-01T05:00:00Z') as number))).toBe(
      '2026-06-30',
    );
  });
});
