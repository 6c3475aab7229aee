// Where the active tile moves on a key press in a grid of `count` tiles, `columns` wide.

export interface GridPosition {
  index: number;
  count: number;
  columns: number;
  /** Tiles per page for PageUp/PageDown. */
  pageRows?: number;
}

/** The new index, or undefined when the key does not move (the caller leaves it alone). */
export function moveInGrid(key: string, position: GridPosition, ctrl = false): number | undefined {
  const { count, columns } = position;
  if (count === 0) return undefined;
  const index = Math.min(Math.max(position.index, 0), count - 1);
  const last = count - 1;
  const page = Math.max(1, position.pageRows ?? 3) * columns;
  let next: number;
  switch (key) {
    case 'ArrowRight':
      next = index + 1;
      break;
    case 'ArrowLeft':
      next = index - 1;
      break;
    case 'ArrowDown':
      next = index + columns;
      break;
    case 'ArrowUp':
      next = index - columns;
      break;
    case 'PageDown':
      next = index + page;
      break;
    case 'PageUp':
      next = index - page;
      break;
    case 'Home':
      // Home: start of the row; Ctrl+Home: the first tile (the APG grid pattern).
      next = ctrl ? 0 : index - (index % columns);
      break;
    case 'End':
      next = ctrl ? last : Math.min(index - (index % columns) + columns - 1, last);
      break;
    default:
      return undefined;
  }
  // Up/down past the edges stay in place rather than wrapping to another column.
  if ((key === 'ArrowDown' || key === 'ArrowUp') && (next < 0 || next > last)) return index;
  return Math.min(Math.max(next, 0), last);
}

/** How many tiles fit in one row of `width` pixels. */
export function columnsFor(width: number, tileMin: number, gap: number): number {
  if (!(width > 0) || !(tileMin > 0)) return 1;
  return Math.max(1, Math.floor((width + gap) / (tileMin + gap)));
}
