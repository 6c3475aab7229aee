import { describe, expect, it } from 'vitest';
import { columnsFor, moveInGrid } from './grid-keys.js';

const at = (index: number) => ({ index, count: 10, columns: 4 });

describe('moveInGrid', () => {
  it('moves by one with left and right, stopping at the ends', () => {
    expect(moveInGrid('ArrowRight', at(0))).toBe(1);
    expect(moveInGrid('ArrowLeft', at(0))).toBe(0);
    expect(moveInGrid('ArrowRight', at(9))).toBe(9);
  });

  it('moves by a row with up and down, staying put past the edges', () => {
    expect(moveInGrid('ArrowDown', at(1))).toBe(5);
    expect(moveInGrid('ArrowDown', at(7))).toBe(7);
    expect(moveInGrid('ArrowUp', at(5))).toBe(1);
    expect(moveInGrid('ArrowUp', at(2))).toBe(2);
  });

  it('goes to the row ends with Home and End, and to the grid ends with Ctrl', () => {
    expect(moveInGrid('Home', at(6))).toBe(4);
    expect(moveInGrid('End', at(5))).toBe(7);
    expect(moveInGrid('End', at(9))).toBe(9);
    expect(moveInGrid('Home', at(6), true)).toBe(0);
    expect(moveInGrid('End', at(2), true)).toBe(9);
  });

  it('ignores other keys and empty grids', () => {
    expect(moveInGrid('a', at(3))).toBeUndefined();
    expect(moveInGrid('ArrowRight', { index: 0, count: 0, columns: 3 })).toBeUndefined();
  });
});

describe('columnsFor', () => {
  it('fits as many tiles as the width allows, at least one', () => {
    expect(columnsFor(1000, 160, 8)).toBe(6);
    expect(columnsFor(100, 160, 8)).toBe(1);
    expect(columnsFor(0, 160, 8)).toBe(1);
  });
});
