// Calendar days in the policy's zone across both daylight-saving changes (spec §3.2–3.3, §6 expiring).
import { describe, expect, it } from 'vitest';
import { at, build, codes, instant, ms, run } from './evaluate-fixtures.js';

const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString();

interface ZoneCase {
  zone: string;
  /** Day of the spring change, its local start and end. */
  spring: { day: string; start: string; end: string };
  autumn: { day: string; start: string; end: string };
  /** A last day whose 30-day warning window opens on the change day, and that day's end. */
  springWindow: { lastDay: string; end: string };
  autumnWindow: { lastDay: string; end: string };
}

// Instants worked out by hand from the zones' rules: the EU changes on the last Sundays of
// March and October at 01:00 UTC, the US on the second Sunday of March and the first of November.
const europe = (zone: string): ZoneCase => ({
  zone,
  spring: { day: '2026-03-29', start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' },
  autumn: { day: '2026-10-25', start: '2026-10-24T22:00:00.000Z', end: '2026-10-25T23:00:00.000Z' },
  springWindow: { lastDay: '2026-04-28', end: '2026-04-28T22:00:00.000Z' },
  autumnWindow: { lastDay: '2026-11-24', end: '2026-11-24T23:00:00.000Z' },
});

const ZONES: ZoneCase[] = [
  europe('Europe/Stockholm'),
  europe('Europe/Berlin'),
  europe('Europe/Oslo'),
  {
    zone: 'America/New_York',
    spring: {
      day: '2026-03-08',
      start: '2026-03-08T05:00:00.000Z',
      end: '2026-03-09T04:00:00.000Z',
    },
    autumn: {
      day: '2026-11-01',
      start: '2026-11-01T04:00:00.000Z',
      end: '2026-11-02T05:00:00.000Z',
    },
    springWindow: { lastDay: '2026-04-07', end: '2026-04-08T04:00:00.000Z' },
    autumnWindow: { lastDay: '2026-12-01', end: '2026-12-02T05:00:00.000Z' },
  },
];

describe.each(ZONES)(
  'calendar days in $zone',
  ({ zone, spring, autumn, springWindow, autumnWindow }) => {
    const policy = { timeZone: zone, warnDays: 30 };

    it('ends a consent whose last day is the spring change at the following local midnight', () => {
      const input = build({
        policy,
        consents: [{ validFrom: '2026-01-01', validUntil: spring.day }],
        now: '2026-03-01T12:00:00Z',
      });
      const before = at(input, ms(spring.end) - 1);
      expect(before.status).toBe('expiring');
      expect(instant(before.approvedUntil)).toBe(spring.end);
      expect(instant(before.nextCheckAt)).toBe(spring.end);

      const after = at(input, spring.end);
      expect(after.status).toBe('blocked');
      expect(codes(after, 'p1')).toEqual(['consent_expired']);
    });

    it('ends a consent whose last day is the autumn change at the following local midnight', () => {
      const input = build({
        policy,
        consents: [{ validFrom: '2026-01-01', validUntil: autumn.day }],
        now: '2026-10-01T12:00:00Z',
      });
      const before = at(input, ms(autumn.end) - 1);
      expect(before.status).toBe('expiring');
      expect(instant(before.approvedUntil)).toBe(autumn.end);

      const after = at(input, autumn.end);
      expect(after.status).toBe('blocked');
      expect(codes(after, 'p1')).toEqual(['consent_expired']);
    });

    it('keeps a one-day consent on the spring change day for exactly 23 hours', () => {
      const input = build({
        policy,
        consents: [{ validFrom: spring.day, validUntil: spring.day }],
        now: '2026-03-01T12:00:00Z',
      });
      const early = at(input, ms(spring.start) - 1);
      expect(early.status).toBe('blocked');
      expect(codes(early, 'p1')).toEqual(['consent_not_yet_valid']);
      expect(instant(early.nextCheckAt)).toBe(spring.start);

      const first = at(input, spring.start);
      expect(first.status).toBe('expiring');
      expect(ms(first.approvedUntil ?? '') - ms(spring.start)).toBe(23 * HOUR);
    });

    it('keeps a one-day consent on the autumn change day for exactly 25 hours', () => {
      const input = build({
        policy,
        consents: [{ validFrom: autumn.day, validUntil: autumn.day }],
        now: '2026-10-01T12:00:00Z',
      });
      const early = at(input, ms(autumn.start) - 1);
      expect(early.status).toBe('blocked');
      expect(instant(early.nextCheckAt)).toBe(autumn.start);

      const first = at(input, autumn.start);
      expect(first.status).toBe('expiring');
      expect(ms(first.approvedUntil ?? '') - ms(autumn.start)).toBe(25 * HOUR);
    });

    it('starts a consent at local 00:00 of the day after each change', () => {
      for (const { end } of [spring, autumn]) {
        const next = iso(ms(end) + 12 * HOUR).slice(0, 10);
        const input = build({
          policy,
          consents: [{ validFrom: next, validUntil: null }],
          now: '2026-01-01T12:00:00Z',
        });
        expect(at(input, ms(end) - 1).status, next).toBe('blocked');
        expect(instant(at(input, ms(end) - 1).nextCheckAt), next).toBe(end);
        expect(at(input, end).status, next).toBe('approved');
      }
    });

    it('opens the expiring window at local midnight of the spring change day', () => {
      const input = build({
        policy,
        consents: [{ validFrom: '2026-01-01', validUntil: springWindow.lastDay }],
        now: '2026-02-20T12:00:00Z',
      });
      const verdict = at(input, input.now);
      expect(verdict.status).toBe('approved');
      expect(instant(verdict.approvedUntil)).toBe(springWindow.end);
      expect(instant(verdict.nextCheckAt)).toBe(spring.start);
      expect(at(input, ms(spring.start) - 1).status).toBe('approved');
      const inWindow = at(input, spring.start);
      expect(inWindow.status).toBe('expiring');
      expect(instant(inWindow.nextCheckAt)).toBe(springWindow.end);
    });

    it('opens the expiring window at local midnight of the autumn change day', () => {
      const input = build({
        policy,
        consents: [{ validFrom: '2026-01-01', validUntil: autumnWindow.lastDay }],
        now: '2026-09-20T12:00:00Z',
      });
      const verdict = at(input, input.now);
      expect(verdict.status).toBe('approved');
      expect(instant(verdict.approvedUntil)).toBe(autumnWindow.end);
      expect(instant(verdict.nextCheckAt)).toBe(autumn.start);
      expect(at(input, ms(autumn.start) - 1).status).toBe('approved');
      expect(at(input, autumn.start).status).toBe('expiring');
    });

    it('treats both passes of the repeated autumn hour as the same calendar day', () => {
      const input = build({
        policy,
        consents: [{ validFrom: '2026-01-01', validUntil: autumn.day }],
        now: '2026-10-01T12:00:00Z',
      });
      // 1.5 h and 2.5 h after the local day began straddle the clock going back (at 2 h or 3 h).
      for (const offset of [1.5, 2.5, 3.5, 24.5]) {
        const verdict = at(input, ms(autumn.start) + offset * HOUR);
        expect(verdict.status, `${offset} h`).toBe('expiring');
        expect(instant(verdict.approvedUntil), `${offset} h`).toBe(autumn.end);
      }
    });
  },
);

describe('instants with an offset', () => {
  const input = build({
    consents: [{ validFrom: '2025-01-01', validUntil: '2026-05-10' }],
    now: '2026-05-10T21:59:59.999Z',
  });

  it('reads an instant with +02:00 as the same moment as its Z form', () => {
    const zulu = at(input, '2026-05-10T21:59:59.999Z');
    const plus = at(input, '2026-05-10T23:59:59.999+02:00');
    const minus = at(input, '2026-05-10T17:59:59.999-04:00');
    expect(plus.status).toBe('expiring');
    expect(plus).toEqual(zulu);
    expect(minus).toEqual(zulu);
  });

  it('blocks from local midnight whether now is written with an offset or in Z', () => {
    expect(at(input, '2026-05-11T00:00:00+02:00').status).toBe('blocked');
    expect(at(input, '2026-05-10T22:00:00Z').status).toBe('blocked');
    expect(at(input, '2026-05-10T23:59:59+02:00').status).toBe('expiring');
  });

  it('reads a revocation instant with an offset as its Z form', () => {
    const verdict = run({
      consents: [
        {
          validFrom: '2025-01-01',
          revocations: [{ at: '2026-06-01T12:00:00+02:00', channels: null }],
        },
      ],
      now: '2026-05-20T08:00:00Z',
    });
    expect(instant(verdict.approvedUntil)).toBe('2026-06-01T10:00:00.000Z');
    const revoked = run({
      consents: [
        {
          validFrom: '2025-01-01',
          revocations: [{ at: '2026-06-01T12:00:00+02:00', channels: null }],
        },
      ],
      now: '2026-06-01T10:00:00Z',
    });
    expect(revoked.status).toBe('blocked');
    expect(codes(revoked, 'p1')).toEqual(['consent_revoked']);
  });

  it('reads an objection instant with an offset as its Z form', () => {
    const scenario = {
      basis: 'legitimate_interest' as const,
      persons: [{ id: 'p1', objectedAt: '2026-06-01T05:00:00-05:00' }],
    };
    expect(run({ ...scenario, now: '2026-06-01T09:59:59.999Z' }).status).not.toBe('blocked');
    const objected = run({ ...scenario, now: '2026-06-01T10:00:00Z' });
    expect(objected.status).toBe('blocked');
    expect(codes(objected, 'p1')).toEqual(['objection']);
  });
});
