// Calendar days as a reader sees them, in the organisation's time zone (spec §6).

/**
 * The last day a picture may be used: the calendar day, in `timeZone`, that contains the last
 * approved instant (just before `approvedUntil`). `YYYY-MM-DD`.
 */
export function lastValidDay(approvedUntil: string, timeZone: string): string {
  const end = Date.parse(approvedUntil);
  if (Number.isNaN(end)) throw new RangeError(`not an instant: ${approvedUntil}`);
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(end - 1));
}
