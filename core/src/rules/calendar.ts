// Calendar dates as day numbers, RFC 3339 instants as epoch ms, and local midnights in an IANA zone.
// Hand-written rather than Temporal/a date library: evaluate runs on hot paths (sync of
// 100 000 assets) and in small browser bundles, and needs only these few operations.

export const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Inverse of dayNumber (civil_from_days). */
export function civilDate(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Two ASCII digits at `at` as a number, or NaN. */
function digits2(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** `YYYY-MM-DD` → day number, or undefined when it is not a real date. */
export function parseDate(text: string): number | undefined {
  // Character codes, not a RegExp: this runs for every date of every asset evaluated.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45)
    return undefined;
  const year = digits2(text, 0) * 100 + digits2(text, 2);
  const month = digits2(text, 5);
  const day = digits2(text, 8);
  if (
    !(year >= 0) ||
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= daysInMonth(year, month))
  ) {
    return undefined;
  }
  return dayNumber(year, month, day);
}

export function formatDate(days: number): string {
  const { year, month, day } = civilDate(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** RFC 3339 date-time → epoch ms, or undefined. Leap seconds (:60) are refused, not guessed. */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const days = parseDate(text.slice(0, 10));
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (days === undefined || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  let offsetMinutes = 0;
  if (m[8] === undefined) {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return days * MS_PER_DAY + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
}

/** The same day-of-month `years` later; 29 February falls on 1 March in common years. */
export function addYears(days: number, years: number): number {
  const { year, month, day } = civilDate(days);
  const target = year + years;
  if (month === 2 && day === 29 && !isLeapYear(target)) return dayNumber(target, 3, 1);
  return dayNumber(target, month, day);
}

/** Whole years from `birth` to `on` (both day numbers): N from 00:00 of the N-th birthday. */
export function ageOn(birth: number, on: number): number {
  const b = civilDate(birth);
  const o = civilDate(on);
  let age = o.year - b.year;
  // Before this year's birthday (29 Feb → 1 Mar in common years) the person is a year younger.
  const birthday = addYears(birth, age);
  if (on < birthday) age -= 1;
  return age;
}

/** Local midnights and local dates in one IANA zone, memoised: policies use one or two zones. */
export class Zone {
  private static readonly zones = new Map<string, Zone>();
  private readonly format: Intl.DateTimeFormat;
  private readonly dayStarts = new Map<number, number>();

  private constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  }

  /** The zone, or undefined when the name is not a zone this runtime knows. */
  static of(name: string): Zone | undefined {
    let zone = Zone.zones.get(name);
    if (zone) return zone;
    try {
      zone = new Zone(name);
    } catch {
      return undefined;
    }
    // Canonical names differ in case only ("europe/stockholm"); both are the same zone.
    Zone.zones.set(name, zone);
    return zone;
  }

  /** Offset of local wall-clock time from UTC at instant `t`, in ms. */
  offsetAt(t: number): number {
    let year = 0;
    let month = 1;
    let day = 1;
    let hour = 0;
    let minute = 0;
    let second = 0;
    let bc = false;
    for (const part of this.format.formatToParts(t)) {
      switch (part.type) {
        case 'year':
          year = Number(part.value);
          break;
        case 'month':
          month = Number(part.value);
          break;
        case 'day':
          day = Number(part.value);
          break;
        case 'hour':
          hour = Number(part.value);
          break;
        case 'minute':
          minute = Number(part.value);
          break;
        case 'second':
          second = Number(part.value);
          break;
        case 'era':
          bc = part.value === 'BC' || part.value === 'B';
          break;
      }
    }
    if (bc) year = 1 - year;
    const wall =
      dayNumber(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
    return wall - (t - (((t % 1000) + 1000) % 1000));
  }

  /** The local calendar date (day number) that contains instant `t`. */
  dateOf(t: number): number {
    // Offsets stay within ±14 h, so the local date is the UTC date or a neighbour; the
    // memoised day starts decide which without asking Intl again.
    const utc = Math.floor(t / MS_PER_DAY);
    if (t < this.startOf(utc)) return utc - 1;
    if (t >= this.startOf(utc + 1)) return utc + 1;
    return utc;
  }

  /**
   * The first instant of local day `days`: 00:00, or the end of the gap where a zone skips
   * midnight. The day after a date ends at startOf(date + 1), so DST days last 23 or 25 hours.
   */
  startOf(days: number): number {
    const cached = this.dayStarts.get(days);
    if (cached !== undefined) return cached;
    const wall = days * MS_PER_DAY;
    const before = this.offsetAt(wall - MS_PER_DAY);
    const after = this.offsetAt(wall + MS_PER_DAY);
    let start: number | undefined;
    for (const candidate of [wall - before, wall - after]) {
      if (
        candidate + this.offsetAt(candidate) === wall &&
        (start === undefined || candidate < start)
      ) {
        start = candidate;
      }
    }
    // No instant shows 00:00: midnight falls in a gap, and the day starts at the transition.
    start ??= wall - before;
    if (this.dayStarts.size > 50_000) this.dayStarts.clear();
    this.dayStarts.set(days, start);
    return start;
  }
}
