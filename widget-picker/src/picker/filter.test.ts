import { describe, expect, it } from 'vitest';
import { filterItems, fold, isPickable, matches } from './filter.js';
import type { PickerItem, PickerVerdict } from './types.js';

const approved: PickerVerdict = { status: 'approved', approvedUntil: null };
const expiring: PickerVerdict = { status: 'expiring', approvedUntil: '2027-07-01T00:00:00Z' };
const blocked: PickerVerdict = {
  status: 'blocked',
  approvedUntil: null,
  reasons: [{ code: 'no_consent' }],
};
const items: PickerItem[] = [
  { id: 'a', title: 'Lucia concert', tags: ['music', 'class 4B'], verdict: approved },
  { id: 'b', title: 'Sports day', tags: ['Malmö'], verdict: expiring },
  { id: 'c', title: 'Graduation', tags: [], personNames: ['Inés Holm'], verdict: blocked },
];
const ids = (list: PickerItem[]) => list.map((item) => item.id);
const all = { query: '', status: 'all', mode: 'disable' } as const;

describe('filterItems', () => {
  it('lists everything with an empty query, no status filter and mode disable', () => {
    expect(ids(filterItems(items, all))).toEqual(['a', 'b', 'c']);
  });

  it('searches titles and tags, every word, ignoring case and diacritics', () => {
    expect(ids(filterItems(items, { ...all, query: 'LUCIA 4b' }))).toEqual(['a']);
    expect(ids(filterItems(items, { ...all, query: 'malmo' }))).toEqual(['b']);
    expect(ids(filterItems(items, { ...all, query: 'lucia sports' }))).toEqual([]);
  });

  it('searches person names when the data has them', () => {
    expect(ids(filterItems(items, { ...all, query: 'ines' }))).toEqual(['c']);
  });

  it('filters by status', () => {
    expect(ids(filterItems(items, { ...all, status: 'expiring' }))).toEqual(['b']);
    expect(ids(filterItems(items, { ...all, status: 'blocked' }))).toEqual(['c']);
  });

  it('hides blocked items in mode hide, keeps expiring ones', () => {
    expect(ids(filterItems(items, { ...all, mode: 'hide' }))).toEqual(['a', 'b']);
  });
});

describe('isPickable', () => {
  it('lets blocked items be picked only in mode warn', () => {
    const item = items[2] as PickerItem;
    expect(isPickable(item, 'disable')).toBe(false);
    expect(isPickable(item, 'warn')).toBe(true);
    expect(isPickable(items[1] as PickerItem, 'disable')).toBe(true);
  });
});

describe('matches and fold', () => {
  it('folds diacritics and case', () => {
    expect(fold('Åsa Öberg')).toBe('asa oberg');
    expect(matches(items[0] as PickerItem, '  ')).toBe(true);
  });
});
