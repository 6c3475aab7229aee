// Calendar dates and instants as the spec reads them (§1), so the registry never stores what
// `evaluate` would reject. Mirrors core's internal parser (core exports only `evaluate`);
// calendar.test.ts holds the two in agreement by asking `evaluate` itself.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real `YYYY-MM-DD` calendar date (no time, no offset, `""` is not a date). */
export function isCalendarDate(text: string): boolean {
  const m = DATE.exec(text);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** RFC 3339 date-time with `Z` or an offset → epoch ms, or undefined (leap seconds refused). */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (m === null || !isCalendarDate(m[1] ?? '')) return undefined;
  const [hour, minute, second] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[6] === undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return undefined;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? undefined : ms;
}

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
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}
