// Which items the picker lists: search over title, tags and person names, status, and mode.
import type { PickerItem, PickerMode, StatusFilter } from './types.js';

export interface FilterOptions {
  query: string;
  status: StatusFilter;
  mode: PickerMode;
}

const haystacks = new WeakMap<PickerItem, string>();

/** Lower-case, without diacritics, so `Malmo` finds `Malmö` and `lucia` finds `Lucía`. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

function haystack(item: PickerItem): string {
  let text = haystacks.get(item);
  if (text === undefined) {
    text = fold([item.title, ...(item.tags ?? []), ...(item.personNames ?? [])].join('\n'));
    haystacks.set(item, text);
  }
  return text;
}

/** Whether every word of the query occurs in the item's title, tags or person names. */
export function matches(item: PickerItem, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(item);
  return words.every((word) => text.includes(word));
}

/** Whether the surface lets the user pick the item (after a warning in mode `warn`). */
export function isPickable(item: PickerItem, mode: PickerMode): boolean {
  return item.verdict.status !== 'blocked' || mode === 'warn';
}

export function filterItems(items: readonly PickerItem[], options: FilterOptions): PickerItem[] {
  const words = fold(options.query).split(/\s+/).filter(Boolean);
  return items.filter((item) => {
    const { status } = item.verdict;
    if (options.mode === 'hide' && status === 'blocked') return false;
    if (options.status !== 'all' && status !== options.status) return false;
    if (words.length === 0) return true;
    const text = haystack(item);
    return words.every((word) => text.includes(word));
  });
}
