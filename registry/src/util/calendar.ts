// Calendar dates and instants as the spec reads them (§1), taken from core so the registry never
// stores what `evaluate` would reject.
import { calendarDateIn, isCalendarDate, parseInstant } from '@clearframe/core';

export { isCalendarDate, parseInstant };

export function isInstant(text: string): boolean {
  return parseInstant(text) !== undefined;
}

/** An RFC 3339 instant as the database stores it: UTC with milliseconds. */
export function toStoredInstant(text: string): string {
  const ms = parseInstant(text);
  if (ms === undefined) throw new RangeError(`not an RFC 3339 instant: ${text}`);
  return new Date(ms).toISOString();
}

/** The calendar date of `instant` in `timeZone` (`YYYY-MM-DD`). */
export function dateIn(timeZone: string, instant: Date): string {
  return calendarDateIn(timeZone, instant);
}
