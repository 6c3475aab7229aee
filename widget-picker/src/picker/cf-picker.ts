// <cf-picker>: a searchable, virtualized grid of pictures with their consent status.
import { LitElement, html, nothing } from 'lit';
import type { PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { localized, msg, str } from '@lit/localize';
import { Task, TaskStatus } from '@lit/task';
import { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import { define } from '../define.js';
import { CfCancelEvent } from '../events/cf-cancel-event.js';
import { CfPickEvent } from '../events/cf-pick-event.js';
import { localeFor, setPickerLocale } from '../localization.js';
import { filterItems, isPickable } from './filter.js';
import { columnsFor, moveInGrid } from './grid-keys.js';
import { pickerStyles } from './picker-styles.js';
import { loadedThumbnail } from './thumbnail.js';
import type { PickerItem, PickerMode, PickerSource, PickerVerdict, StatusFilter } from './types.js';
import { badgeFor, statusWords } from './words.js';

interface Row {
  key: string;
  start: number;
  items: PickerItem[];
}

const STATUS_FILTERS: readonly StatusFilter[] = ['all', 'approved', 'expiring', 'blocked'];
const MODES: readonly PickerMode[] = ['hide', 'disable', 'warn'];

/**
 * A grid of thumbnails with a status badge each: approved, expiring (with the last day) or
 * blocked (with the reason in words). Searches title, tags and person names; filters by status;
 * `mode` decides what happens to pictures that are not approved. Keyboard: arrows move, Home/End
 * go to the row's ends (with Ctrl to the grid's), PageUp/PageDown, Enter or Space picks, Escape
 * clears the search and filter, then cancels.
 *
 * @fires cf-pick - {CfPickEvent} a picture was picked (with its verdict)
 * @fires cf-cancel - {CfCancelEvent} Escape with nothing left to clear
 * @csspart search - the search field
 * @csspart filter - the status filter
 * @csspart grid - the scrolling grid (role grid)
 * @csspart tile - one picture's cell
 * @csspart thumb - a thumbnail
 * @csspart badge - a status badge (also `badge-approved`, `badge-expiring`, `badge-blocked`)
 * @csspart warning - the confirmation shown in mode `warn`
 * @cssprop --cf-accent - focus and selection colour
 * @cssprop --cf-radius - corner radius
 * @cssprop --cf-gap - spacing between tiles
 * @cssprop --cf-tile-height - height of a tile
 * @cssprop --cf-picker-height - height of the scrolling grid
 * @cssprop --cf-badge-approved-bg - badge colours (also -fg, and -expiring-, -blocked-)
 */
@localized()
export class CfPicker extends LitElement {
  static override styles = pickerStyles;

  /**
   * Where the items come from: `fromCache(cache, approvals, …)` in editor mode, or any source.
   * A source with `thumbnail()` gives the bytes of the thumbnails in view (see PickerSource).
   */
  @property({ attribute: false }) source: PickerSource | undefined = undefined;

  /** The channel the verdicts are for. */
  @property() channel = 'web';

  /** What to do with pictures that are not approved: hide, disable (with the reason) or warn. */
  @property() mode: PickerMode = 'disable';

  /** The language (sv, en, de, nb); defaults to the nearest `lang` in the page. */
  @property({ reflect: true }) override lang!: string;

  /** Time zone for the last day of an approval; defaults to the viewer's. */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** Minimum width of a tile in pixels; the number of columns follows the width. */
  @property({ type: Number, attribute: 'tile-width' }) tileWidth = 160;

  /** The search text. */
  @property() query = '';

  /** Which statuses are listed. */
  @property() status: StatusFilter = 'all';

  @state() private _active = 0;
  @state() private _columns = 1;
  @state() private _revision = 0;
  @state() private _warning: PickerItem | undefined = undefined;

  @query('.grid') private _grid!: HTMLElement & VirtualizerHostElement;
  @query('input[type=search]') private _search!: HTMLInputElement;

  private _visible: PickerItem[] = [];
  private _rows: Row[] = [];
  private _updates = new Map<string, PickerVerdict>();
  private _unwatch: (() => void) | undefined = undefined;
  private _resize: ResizeObserver | undefined = undefined;

  private _task = new Task(this, {
    task: async ([source, channel], { signal }) =>
      source ? await source.list(channel, { signal }) : ([] as PickerItem[]),
    args: () => [this.source, this.channel] as const,
  });

  /** The pictures listed now, after search, status filter and mode. */
  get visibleItems(): readonly PickerItem[] {
    return this._visible;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Measured in the next frame: changing the columns inside the observer's callback resizes
    // the rows again and trips the browser's ResizeObserver loop guard.
    this._resize = new ResizeObserver(() => requestAnimationFrame(() => this._measure()));
    if (this.hasUpdated) this._observe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._resize?.disconnect();
    this._unwatch?.();
    this._unwatch = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang') || !this.hasUpdated) void setPickerLocale(this._language());
    if (changed.has('source') || changed.has('channel')) this._subscribe();
    if (changed.has('query') || changed.has('status') || changed.has('mode')) this._active = 0;
    this._visible = filterItems(this._items(), {
      query: this.query,
      status: STATUS_FILTERS.includes(this.status) ? this.status : 'all',
      mode: this._mode(),
    });
    this._active = Math.min(this._active, Math.max(this._visible.length - 1, 0));
    this._rows = [];
    for (let start = 0; start < this._visible.length; start += this._columns) {
      const items = this._visible.slice(start, start + this._columns);
      this._rows.push({ key: `${start}:${items[0]?.id ?? ''}`, start, items });
    }
  }

  protected override firstUpdated(): void {
    this._observe();
  }

  protected override updated(): void {
    this._syncActiveDescendant();
  }

  protected override render() {
    const total = this._items().length;
    return html`
      <div class="toolbar">
        <label>
          ${msg('Search pictures', { id: 'ui.search_label' })}
          <input
            type="search"
            part="search"
            placeholder=${msg('Title, tag or person', { id: 'ui.search_placeholder' })}
            .value=${this.query}
            @input=${this._onSearch}
            @keydown=${this._onSearchKey}
          />
        </label>
        <label>
          ${msg('Status', { id: 'ui.status_label' })}
          <select part="filter" @change=${this._onFilter}>
            ${STATUS_FILTERS.map(
              (status) =>
                html`<option value=${status} ?selected=${status === this.status}>
                  ${status === 'all' ? msg('All', { id: 'ui.status_all' }) : statusWords(status)}
                </option>`,
            )}
          </select>
        </label>
        <span class="count" role="status">
          ${
            this._task.status === TaskStatus.COMPLETE
              ? msg(str`Showing ${this._visible.length} of ${total}`, { id: 'ui.count' })
              : nothing
          }
        </span>
      </div>
      <div
        class="grid"
        part="grid"
        role="grid"
        tabindex="0"
        aria-label=${msg('Pictures', { id: 'ui.grid_label' })}
        aria-rowcount=${this._rows.length}
        aria-colcount=${this._columns}
        aria-busy=${this._task.status === TaskStatus.PENDING ? 'true' : 'false'}
        style="--_columns: ${this._columns}"
        @keydown=${this._onGridKey}
        @rangeChanged=${this._onRange}
      >
        <div virtualizer-sizer aria-hidden="true"></div>
        ${virtualize({
          items: this._rows,
          scroller: true,
          keyFunction: (row: Row) => row.key,
          renderItem: (row: Row, index: number) => this._renderRow(row, index),
        })}
      </div>
      ${this._renderMessage()} ${this._renderWarning()}
    `;
  }

  private _renderRow(row: Row, index: number) {
    return html`<div class="row" role="row" aria-rowindex=${index + 1}>
      ${row.items.map((item, column) => this._renderTile(item, row.start + column, column))}
    </div>`;
  }

  private _renderTile(item: PickerItem, index: number, column: number) {
    const mode = this._mode();
    const badge = badgeFor(item.verdict, localeFor(this._language()), this.timeZone || undefined);
    const disabled = !isPickable(item, mode);
    const active = index === this._active;
    return html`<div
      id=${`cf-tile-${index}`}
      class="tile ${active ? 'active' : ''}"
      part="tile"
      role="gridcell"
      aria-colindex=${column + 1}
      aria-selected=${active ? 'true' : 'false'}
      aria-disabled=${disabled ? 'true' : 'false'}
      data-asset-id=${item.id}
      @click=${() => this._onTileClick(index)}
    >
      ${this._renderThumb(item)}
      <span class="title">${item.title}</span>
      <span class="badge ${badge.status}" part="badge badge-${badge.status}">${badge.label}</span>
      ${badge.detail ? html`<span class="detail">${badge.detail}</span>` : nothing}
    </div>`;
  }

  private _renderThumb(item: PickerItem) {
    const source = this.source;
    if (source?.thumbnail) return loadedThumbnail(source as Required<PickerSource>, item);
    return item.thumbUrl
      ? html`<img class="thumb" part="thumb" src=${item.thumbUrl} alt="" loading="lazy" />`
      : html`<div class="thumb" part="thumb"></div>`;
  }

  private _renderMessage() {
    let text: string | undefined;
    if (this._task.status === TaskStatus.PENDING)
      text = msg('Loading pictures…', { id: 'ui.loading' });
    else if (this._task.status === TaskStatus.ERROR)
      text = msg('The pictures could not be loaded.', { id: 'ui.error' });
    else if (this._task.status === TaskStatus.COMPLETE && this._visible.length === 0)
      text = msg('No pictures match.', { id: 'ui.empty' });
    return text ? html`<p class="message" role="status">${text}</p>` : nothing;
  }

  private _renderWarning() {
    const item = this._warning;
    if (!item) return nothing;
    const reason =
      badgeFor(item.verdict, localeFor(this._language())).detail || statusWords('blocked');
    const title = item.title;
    return html`<div class="warning" part="warning" role="alert">
      <span
        >${msg(str`“${title}” is not approved: ${reason}. Use it anyway?`, { id: 'ui.warn' })}</span
      >
      <button type="button" class="confirm" @click=${this._onConfirm}>
        ${msg('Use anyway', { id: 'ui.use_anyway' })}
      </button>
      <button
        type="button"
        class="dismiss"
        @click=${this._onDismiss}
        @keydown=${this._onWarningKey}
      >
        ${msg('Cancel', { id: 'ui.cancel' })}
      </button>
    </div>`;
  }

  // ---- data

  /** The listed items with the verdict changes heard since. */
  private _items(): PickerItem[] {
    const items = this._task.value ?? [];
    if (this._updates.size === 0) return items;
    return items.map((item) => {
      const verdict = this._updates.get(item.id);
      return verdict ? { ...item, verdict } : item;
    });
  }

  private _subscribe() {
    this._unwatch?.();
    this._unwatch = undefined;
    this._updates = new Map();
    const { source, channel } = this;
    if (!source?.watch) return;
    this._unwatch = source.watch(channel, (changed) => {
      for (const [id, verdict] of changed) this._updates.set(id, verdict);
      this._revision++;
    });
  }

  private _mode(): PickerMode {
    return MODES.includes(this.mode) ? this.mode : 'disable';
  }

  private _language(): string {
    return (
      this.lang ||
      this.getAttribute('lang') ||
      this.parentElement?.closest('[lang]')?.getAttribute('lang') ||
      globalThis.navigator?.language ||
      'en'
    );
  }

  // ---- layout and focus

  /** The observer reports the grid's first size too, so the columns follow from there. */
  private _observe() {
    if (this._grid) this._resize?.observe(this._grid);
  }

  private _measure() {
    const width = this._grid?.clientWidth ?? 0;
    const gap = parseFloat(getComputedStyle(this).getPropertyValue('--cf-gap')) || 8;
    // The rows' inline padding takes one gap of the width.
    const columns = columnsFor(width - gap, this.tileWidth, gap);
    if (columns !== this._columns) this._columns = columns;
  }

  private _onRange = () => {
    requestAnimationFrame(() => this._syncActiveDescendant());
  };

  /** Points aria-activedescendant at the active tile, only while it is rendered. */
  private _syncActiveDescendant() {
    const grid = this._grid;
    if (!grid) return;
    const id = `cf-tile-${this._active}`;
    if (this._visible.length > 0 && this.renderRoot.querySelector(`#${id}`))
      grid.setAttribute('aria-activedescendant', id);
    else grid.removeAttribute('aria-activedescendant');
  }

  private _scrollToActive() {
    const row = Math.floor(this._active / this._columns);
    this._grid?.[virtualizerRef]?.element(row)?.scrollIntoView({ block: 'nearest' });
  }

  // ---- handlers

  private _onSearch(event: Event) {
    this.query = (event.target as HTMLInputElement).value;
  }

  private _onFilter(event: Event) {
    this.status = (event.target as HTMLSelectElement).value as StatusFilter;
  }

  private _onSearchKey(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'Enter') {
      event.preventDefault();
      this._grid?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      this._escape();
    }
  }

  private _onGridKey(event: KeyboardEvent) {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this._pickIndex(this._active);
      return;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      this._escape();
      return;
    }
    const next = moveInGrid(
      event.key,
      { index: this._active, count: this._visible.length, columns: this._columns },
      event.ctrlKey || event.metaKey,
    );
    if (next === undefined) return;
    event.preventDefault();
    this._active = next;
    this._scrollToActive();
  }

  private _onTileClick(index: number) {
    this._active = index;
    this._grid?.focus();
    this._pickIndex(index);
  }

  private _pickIndex(index: number) {
    const item = this._visible[index];
    if (!item) return;
    if (item.verdict.status !== 'blocked') {
      this.dispatchEvent(new CfPickEvent(item));
      return;
    }
    if (this._mode() !== 'warn') return;
    this._warning = item;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('.dismiss')?.focus(),
    );
  }

  private _onConfirm() {
    const item = this._warning;
    this._warning = undefined;
    this._grid?.focus();
    if (item) this.dispatchEvent(new CfPickEvent(item, true));
  }

  private _onDismiss() {
    this._warning = undefined;
    this._grid?.focus();
  }

  private _onWarningKey(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this._onDismiss();
  }

  /** Escape: close the warning, else clear search and filter, else cancel. */
  private _escape() {
    if (this._warning) {
      this._onDismiss();
    } else if (this.query || this.status !== 'all') {
      this.query = '';
      this.status = 'all';
      if (this._search) this._search.value = '';
    } else {
      this.dispatchEvent(new CfCancelEvent());
    }
  }
}

define('cf-picker', CfPicker);

declare global {
  interface HTMLElementTagNameMap {
    'cf-picker': CfPicker;
  }
}
