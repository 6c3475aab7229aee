import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_DELAY, createAlarm } from './alarm.js';
import type { Timers } from './alarm.js';

const DAY = 86_400_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function timers(delays: number[]): Timers {
  return {
    now: () => Date.now(),
    setTimer: (callback, ms) => {
      delays.push(ms);
      return setTimeout(callback, ms);
    },
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

describe('the alarm', () => {
  it('rings at an instant months away, in waits setTimeout can make', async () => {
    const delays: number[] = [];
    const rang: number[] = [];
    const alarm = createAlarm(timers(delays), () => rang.push(Date.now()));
    const at = 190 * DAY; // about six months: beyond setTimeout's 24.8 days
    alarm.set(at);
    await vi.advanceTimersByTimeAsync(at - 1);
    expect(rang).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(rang).toEqual([at]);
    expect(delays.length).toBeGreaterThan(1);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_DELAY);
  });

  it('waits for the rest when a timer fires before the clock reaches the instant', async () => {
    const rang: number[] = [];
    let early = true;
    const base = timers([]);
    const hasty: Timers = {
      ...base,
      // Fires 5 ms early once, as throttled or drifting timers do.
      setTimer: (callback, ms) => base.setTimer(callback, early ? ((early = false), ms - 5) : ms),
    };
    createAlarm(hasty, () => rang.push(Date.now())).set(1_000);
    await vi.advanceTimersByTimeAsync(995);
    expect(rang).toEqual([]);
    await vi.advanceTimersByTimeAsync(5);
    expect(rang).toEqual([1_000]);
  });

  it('rings once, and not at all once cleared or set to never', async () => {
    const rang: number[] = [];
    const alarm = createAlarm(timers([]), () => rang.push(Date.now()));
    alarm.set(100);
    alarm.set(200);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(rang).toEqual([200]);
    alarm.set(2_000);
    alarm.clear();
    alarm.set(Infinity);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(rang).toEqual([200]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
