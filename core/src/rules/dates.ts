// The spec's date and instant formats (§1) for other packages, so that what they store or send
// is read by `evaluate` exactly as they checked it.
import { formatDate, parseDate, parseInstant as parseInstantMs, Zone } from './calendar.js';

/** A real `YYYY-MM-DD` calendar date (`""` and `2026-02-30` are not). */
export function isCalendarDate(text: string): boolean {
  return parseDate(text) !== undefined;
}

/** An RFC 3339 date-time with `Z` or an offset → epoch ms; undefined when it is not one. */
export function parseInstant(text: string): number | undefined {
  return parseInstantMs(text);
}

/** The calendar date (`YYYY-MM-DD`) that contains `instant` in an IANA zone. */
export function calendarDateIn(timeZone: string, instant: Date | number): string {
  const zone = Zone.of(timeZone);
  if (zone === undefined) throw new RangeError(`not an IANA time zone: ${timeZone}`);
  return formatDate(zone.dateOf(typeof instant === 'number' ? instant : instant.getTime()));
}
