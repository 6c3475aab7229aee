// How long an approval lasts (spec §3 runs of consents, §4 approvedUntil, §6 nextCheckAt).
import { describe, expect, it } from 'vitest';
import { presetPolicy } from '../index.js';
import { at, build, codes, instant, run } from './evaluate-fixtures.js';

const NOW = '2026-11-23T12:00:00Z';
// Stockholm: the end of 2026-12-31 and of 2027-06-30, and local midnights used below.
const END_2026 = '2026-12-31T23:00:00.000Z';
const END_JUNE_2027 = '2027-06-30T22:00:00.000Z';

describe('runs of one person’s consents', () => {
  it('covers continuously across two consents that touch', () => {
    const input = build({
      consents: [
        { validFrom: '2026-01-01', validUntil: '2026-12-31' },
        { validFrom: '2027-01-01', validUntil: '2027-06-30' },
      ],
      now: NOW,
    });
    const v = at(input, NOW);
    expect(v.status).toBe('approved');
    expect(instant(v.approvedUntil)).toBe(END_JUNE_2027);
    // The warning window opens 30 days before the last day of the run, on 2027-05-31.
    expect(instant(v.nextCheckAt)).toBe('2027-05-30T22:00:00.000Z');
    // Near the end of the first consent the run is still long: not expiring.
    expect(at(input, '2026-12-20T12:00:00Z').status).toBe('approved');
    expect(at(input, END_2026).status).toBe('approved');
  });

  it('ends the run at a gap of one day', () => {
    const input = build({
      consents: [
        { validFrom: '2026-01-01', validUntil: '2026-12-31' },
        { validFrom: '2027-01-02', validUntil: '2027-06-30' },
      ],
      now: NOW,
    });
    const v = at(input, NOW);
    expect(instant(v.approvedUntil)).toBe(END_2026);
    expect(instant(v.nextCheckAt)).toBe('2026-11-30T23:00:00.000Z');
    const inGap = at(input, END_2026);
    expect(inGap.status).toBe('blocked');
    expect(codes(inGap, 'p1')).toEqual(['consent_expired', 'consent_not_yet_valid']);
    expect(instant(inGap.nextCheckAt)).toBe('2027-01-01T23:00:00.000Z');
  });

  it('joins overlapping consents, even when the later one starts in the future', () => {
    const v = run({
      consents: [
        { validFrom: '2026-01-01', validUntil: '2026-12-31' },
        { validFrom: '2026-12-15', validUntil: null },
      ],
      now: NOW,
    });
    expect(v.status).toBe('approved');
    expect(v.approvedUntil).toBeNull();
    expect(v.nextCheckAt).toBeNull();
  });

  it('grants the union of a person’s consents’ channels', () => {
    const v = run({
      consents: [{ channels: ['web'] }, { channels: ['print', 'press'] }],
      now: NOW,
      channel: 'press',
    });
    expect(v.status).toBe('approved');
    expect([...v.channels].sort()).toEqual(['press', 'print', 'web']);
  });

  it('follows only consents that grant the asked channel', () => {
    const input = build({
      consents: [
        { channels: ['web', 'print'], validFrom: '2026-01-01', validUntil: '2026-12-31' },
        { channels: ['print'], validFrom: '2027-01-01', validUntil: null },
      ],
      now: NOW,
    });
    expect(instant(at(input, NOW, 'web').approvedUntil)).toBe(END_2026);
    expect(at(input, NOW, 'print').approvedUntil).toBeNull();
  });

  it('does not join a run across a revocation inside it', () => {
    const v = run({
      consents: [
        {
          validFrom: '2026-01-01',
          validUntil: '2026-12-31',
          revocations: [{ at: '2026-12-15T12:00:00Z', channels: null }],
        },
        { validFrom: '2027-01-01', validUntil: null },
      ],
      now: NOW,
    });
    expect(instant(v.approvedUntil)).toBe('2026-12-15T12:00:00.000Z');
    expect(v.status).toBe('expiring');
  });
});

describe('several persons', () => {
  it('ends the approval with the first required person whose coverage ends', () => {
    const v = run({
      tags: ['p1', 'p2', { personId: 'p3', relevant: false }],
      consents: [
        { personId: 'p1', validUntil: '2027-06-30' },
        { personId: 'p2', validUntil: '2026-12-31' },
        { personId: 'p3', validUntil: '2026-12-01' },
      ],
      now: NOW,
    });
    expect(v.status).toBe('approved');
    expect(instant(v.approvedUntil)).toBe(END_2026);
  });

  it('grants the intersection of the required persons’ channels', () => {
    const v = run({
      tags: ['p1', 'p2'],
      consents: [
        { personId: 'p1', channels: ['web', 'print', 'social'] },
        { personId: 'p2', channels: ['print', 'social', 'press'] },
      ],
      now: NOW,
      channel: 'print',
    });
    expect(v.status).toBe('approved');
    expect([...v.channels].sort()).toEqual(['print', 'social']);
  });
});

describe('future events that move approvedUntil', () => {
  it('stops at a recorded future revocation of the asked channel only', () => {
    const input = build({
      consents: [
        {
          channels: ['web', 'print'],
          revocations: [{ at: '2027-02-01T09:30:00Z', channels: ['print'] }],
        },
      ],
      now: NOW,
    });
    expect(instant(at(input, NOW, 'print').approvedUntil)).toBe('2027-02-01T09:30:00.000Z');
    expect(at(input, NOW, 'web').approvedUntil).toBeNull();
  });

  it('stops at a recorded future objection under legitimate interest', () => {
    const input = build({
      basis: 'legitimate_interest',
      persons: [{ id: 'p1', objectedAt: '2027-02-01T09:30:00Z' }],
      now: NOW,
    });
    const v = at(input, NOW);
    expect(v.status).toBe('approved');
    expect(instant(v.approvedUntil)).toBe('2027-02-01T09:30:00.000Z');
    // Last approved day 2027-02-01; the window opens on 2027-01-02 in Stockholm.
    expect(instant(v.nextCheckAt)).toBe('2027-01-01T23:00:00.000Z');
    expect(at(input, '2027-02-01T09:30:00Z').status).toBe('blocked');
  });

  it('approves once a deceased person’s protection ends (DE), and says when', () => {
    const input = build({
      policy: presetPolicy('DE'),
      tags: ['p1', 'p2'],
      persons: [{ id: 'p1' }, { id: 'p2', deceasedOn: '2020-03-01' }],
      consents: [{ personId: 'p1' }],
      now: '2029-06-01T12:00:00Z',
    });
    const v = at(input, input.now);
    expect(v.status).toBe('blocked');
    expect(codes(v, 'p2')).toEqual(['no_consent']);
    expect(instant(v.nextCheckAt)).toBe('2030-03-01T23:00:00.000Z');
    const later = at(input, '2030-03-01T23:00:00Z');
    expect(later.status).toBe('approved');
    expect(later.approvedUntil).toBeNull();
  });

  it('keeps approving past a consent’s end when the person stops needing it first', () => {
    // p2's consent ends 2030-06-30, but from 2030-03-02 p2 no longer needs consent.
    const v = run({
      policy: presetPolicy('DE'),
      tags: ['p1', 'p2'],
      persons: [{ id: 'p1' }, { id: 'p2', deceasedOn: '2020-03-01' }],
      consents: [
        { personId: 'p1' },
        { personId: 'p2', validFrom: '2021-01-01', validUntil: '2030-06-30' },
      ],
      now: '2029-06-01T12:00:00Z',
    });
    expect(v.status).toBe('approved');
    expect(v.approvedUntil).toBeNull();
    expect(v.nextCheckAt).toBeNull();
  });

  it('ends the approval when a protected person’s consent ends before the protection does', () => {
    const v = run({
      policy: presetPolicy('DE'),
      tags: ['p1', 'p2'],
      persons: [{ id: 'p1' }, { id: 'p2', deceasedOn: '2020-03-01' }],
      consents: [
        { personId: 'p1' },
        { personId: 'p2', validFrom: '2021-01-01', validUntil: '2029-12-31' },
      ],
      now: '2029-06-01T12:00:00Z',
    });
    expect(instant(v.approvedUntil)).toBe('2029-12-31T23:00:00.000Z');
  });

  it('leaves approvedUntil null when the channel is not approved now', () => {
    const v = run({ consents: [{ validFrom: '2027-01-01', validUntil: '2027-12-31' }], now: NOW });
    expect(v.status).toBe('blocked');
    expect(v.approvedUntil).toBeNull();
    expect(instant(v.nextCheckAt)).toBe(END_2026);
  });

  it('has no nextCheckAt when a future consent starts but another person still blocks', () => {
    const v = run({
      tags: ['p1', 'p2'],
      consents: [{ personId: 'p1', validFrom: '2027-01-01' }],
      now: NOW,
    });
    expect(v.status).toBe('blocked');
    expect(v.nextCheckAt).toBeNull();
  });

  it('marks a licence expiring within warnDays of its last day', () => {
    const v = run({
      basis: 'external_agreement',
      tags: [],
      license: { validUntil: '2026-12-10' },
      now: NOW,
    });
    expect(v.status).toBe('expiring');
    expect(instant(v.approvedUntil)).toBe('2026-12-10T23:00:00.000Z');
    expect(instant(v.nextCheckAt)).toBe('2026-12-10T23:00:00.000Z');
  });
});
