// `pnpm start` until the registry exists: the engine's verdicts on a few school scenarios, now.
import { evaluate, presetPolicy } from '../src/index.js';
import type { ConsentInput, EvaluateInput, PersonInput, Verdict } from '../src/index.js';

const policy = presetPolicy('SE');
const zone = policy.timeZone;
const now = new Date();

/** Today's date in the policy's zone, shifted by `days`, as YYYY-MM-DD. */
function day(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now);
  return new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
}

function consent(personId: string, channels: string[], extra: Partial<ConsentInput> = {}) {
  return { id: `${personId}-c`, personId, channels, validFrom: day(-200), ...extra };
}

const parents = { subject: false, guardians: 2 };
const pupil = (id: string, age: number, extra: Partial<PersonInput> = {}): PersonInput => ({
  id,
  // Old enough for `age` on the consents' first day too (spec §3.4 reads the age there).
  birthDate: day(-Math.round(age * 365.25) - 250),
  ...extra,
});

/** One photo with the persons tagged on it and their consents. */
function scenario(
  title: string,
  persons: PersonInput[],
  consents: ConsentInput[],
): [string, EvaluateInput] {
  const tags = persons.map((person) => ({ personId: person.id }));
  const asset = { id: title, legalBasis: 'consent' as const, persons: tags };
  return [title, { policy, asset, persons, consents, channel: 'web', now: now.toISOString() }];
}

const scenarios = [
  scenario(
    'Lucia concert, class 4B',
    [pupil('elsa', 10), pupil('omar', 10)],
    [
      consent('elsa', ['web', 'intranet', 'print'], { signedBy: parents }),
      consent('omar', ['web', 'intranet'], { validUntil: day(400), signedBy: parents }),
    ],
  ),
  scenario(
    'Sports day, upper secondary',
    [pupil('maja', 17)],
    [consent('maja', ['web', 'social'], { validUntil: day(12) })],
  ),
  scenario(
    'Graduation, staff and pupils',
    [pupil('lars', 45), pupil('noah', 16), pupil('ines', 17)],
    [
      consent('lars', ['web', 'intranet']),
      consent('noah', ['intranet', 'print']),
      // ines has signed nothing yet
    ],
  ),
  scenario(
    'Prize-giving, 9th grade',
    [pupil('vera', 16)],
    [consent('vera', ['web'], { revocations: [{ at: `${day(-1)}T08:30:00Z` }] })],
  ),
  scenario(
    'Field trip: one parent signed',
    [pupil('ali', 9)],
    [consent('ali', ['web'], { signedBy: { subject: false, guardians: 1 } })],
  ),
  scenario(
    'Field trip: sole custody',
    [pupil('liv', 9, { guardians: 1 })],
    [consent('liv', ['web'], { signedBy: { subject: false, guardians: 1 } })],
  ),
];

const localTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: zone,
  dateStyle: 'short',
  timeStyle: 'short',
});

function row(title: string, verdict: Verdict): string[] {
  const until =
    verdict.approvedUntil === null ? '-' : localTime.format(new Date(verdict.approvedUntil));
  const reasons = verdict.reasons.map((r) => (r.personId ? `${r.code} (${r.personId})` : r.code));
  return [
    title,
    verdict.status,
    verdict.channels.join(' ') || '-',
    until,
    reasons.join(', ') || '-',
  ];
}

const header = ['Photo', 'Status', 'Channels now', 'Approved until', 'Why blocked'];
const rows = scenarios.map(([title, input]) => row(title, evaluate(input)));
const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => (r[i] ?? '').length)));
const line = (cells: string[]): string =>
  cells
    .map((cell, i) => cell.padEnd(widths[i] ?? 0))
    .join('  ')
    .trimEnd();

console.log(
  `Clearframe consent engine: channel "web", ${localTime.format(now)} (${zone}, SE policy)\n`,
);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));
console.log('\n"Approved until" is the first moment the photo may no longer be shown on the web.');
