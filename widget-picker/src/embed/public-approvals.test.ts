import { afterEach, describe, expect, it, vi } from 'vitest';
import { publicTiming } from './public-approvals.js';

afterEach(() => {
  vi.restoreAllMocks();
});

let page = 0;
/** Names of a page of its own: warnings are once per page and mistake, so tests must not share. */
function names() {
  page++;
  return {
    who: `page ${page}`,
    refreshInterval: 'refresh-interval',
    maxStaleness: 'max-staleness',
  };
}

describe('publicTiming', () => {
  it("is core's defaults when nothing is given, without a warning", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(publicTiming({}, names())).toEqual({
      refreshIntervalMs: 60_000,
      maxStalenessMs: 900_000,
    });
    expect(publicTiming({ refreshInterval: null, maxStaleness: null }, names())).toEqual({
      refreshIntervalMs: 60_000,
      maxStalenessMs: 900_000,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('takes seconds as attribute text or as numbers, fractions included', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(publicTiming({ refreshInterval: '5', maxStaleness: '120' }, names())).toEqual({
      refreshIntervalMs: 5_000,
      maxStalenessMs: 120_000,
    });
    expect(publicTiming({ refreshInterval: 1.5, maxStaleness: 2 }, names())).toEqual({
      refreshIntervalMs: 1_500,
      maxStalenessMs: 2_000,
    });
    expect(publicTiming({ refreshInterval: ' 86400 ', maxStaleness: 100_000 }, names())).toEqual({
      refreshIntervalMs: 86_400_000,
      maxStalenessMs: 100_000_000,
    });
    expect(warn).not.toHaveBeenCalled();
  });

  it('refreshes at half the staleness bound by default when that is shorter than a minute', () => {
    expect(publicTiming({ maxStaleness: '30' }, names())).toEqual({
      refreshIntervalMs: 15_000,
      maxStalenessMs: 30_000,
    });
  });

  it.each([
    ['not a number', 'soon'],
    ['empty', ''],
    ['zero', 0],
    ['negative', '-5'],
    ['under a second', '0.5'],
    ['over a day', '86401'],
    ['infinite', Infinity],
    ['NaN (a property set from bad attribute text)', NaN],
    ['not below max-staleness', '900'],
  ])('replaces a refresh interval that is %s by the default, warning once', (_, value) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const where = names();
    for (let time = 0; time < 3; time++)
      expect(publicTiming({ refreshInterval: value }, where)).toEqual({
        refreshIntervalMs: 60_000,
        maxStalenessMs: 900_000,
      });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(
      new RegExp(`^${where.who}: refresh-interval must be .*; using 60$`),
    );
  });

  it.each([
    ['not a number', '15m'],
    ['empty', ' '],
    ['under two seconds', 1],
    ['negative', -900],
    ['infinite', 'Infinity'],
  ])('replaces a max-staleness that is %s by the default, warning once', (_, value) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const where = names();
    for (let time = 0; time < 3; time++)
      expect(publicTiming({ maxStaleness: value, refreshInterval: 10 }, where)).toEqual({
        refreshIntervalMs: 10_000,
        maxStalenessMs: 900_000,
      });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/max-staleness must be .*; using 900$/);
  });

  it('checks the refresh interval against the staleness bound in effect', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // 120 s is fine under the default bound, not under a bound of one minute.
    expect(publicTiming({ refreshInterval: 120 }, names()).refreshIntervalMs).toBe(120_000);
    expect(publicTiming({ refreshInterval: 120, maxStaleness: 60 }, names())).toEqual({
      refreshIntervalMs: 30_000,
      maxStalenessMs: 60_000,
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/below max-staleness \(60\), not 120; using 30$/);
  });

  it('names the setting as the markup spells it, and quotes text', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    publicTiming(
      { refreshInterval: '1m' },
      { who: 'Clearframe', refreshInterval: 'data-cf-refresh-interval', maxStaleness: 'x' },
    );
    expect(warn.mock.calls[0]?.[0]).toMatch(
      /^Clearframe: data-cf-refresh-interval must be .*, not "1m"; using 60$/,
    );
  });
});
