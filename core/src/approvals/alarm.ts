// One timer that rings at an instant, however far away: setTimeout cannot wait beyond 2^31-1 ms.
export const MAX_TIMER_DELAY = 2_147_483_647;

export interface Timers {
  now: () => number;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface Alarm {
  /** Rings once at `at` (epoch ms) or as soon as possible after; replaces any earlier setting. */
  set(at: number): void;
  clear(): void;
}

export function createAlarm(timers: Timers, ring: () => void): Alarm {
  let handle: unknown;
  let armed = false;
  const clear = () => {
    if (armed) timers.clearTimer(handle);
    armed = false;
  };
  const set = (at: number) => {
    clear();
    if (!Number.isFinite(at)) return;
    const arm = () => {
      const delay = Math.min(Math.max(at - timers.now(), 0), MAX_TIMER_DELAY);
      armed = true;
      handle = timers.setTimer(() => {
        armed = false;
        // A chained long wait, or a timer that fired early by the clock: wait for the rest.
        if (timers.now() < at) arm();
        else ring();
      }, delay);
    };
    arm();
  };
  return { set, clear };
}
