// A tile's thumbnail when the source loads the bytes itself (PickerSource.thumbnail): asked for
// when the tile is rendered (the virtualizer renders the rows in view, so only those load), shown
// as an object URL, and revoked when the tile leaves the view, shows another item, or the
// picker goes. A load that fails or answers null leaves the grey placeholder.
import { html, noChange } from 'lit';
import type { ChildPart } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import type { DirectiveParameters } from 'lit/directive.js';
import type { PickerItem, PickerSource } from './types.js';

const placeholder = html`<div class="thumb" part="thumb"></div>`;

type LoadingSource = Required<Pick<PickerSource, 'thumbnail'>>;

class LoadedThumbnail extends AsyncDirective {
  private _source: LoadingSource | undefined;
  private _item: PickerItem | undefined;
  private _key: string | undefined;
  private _controller: AbortController | undefined;
  private _url: string | undefined;

  render(_source: LoadingSource, _item: PickerItem) {
    return placeholder;
  }

  override update(_part: ChildPart, [source, item]: DirectiveParameters<this>) {
    // Verdict changes give the picker new item objects: the same picture keeps its thumbnail.
    const key = `${item.id}\n${item.thumbUrl ?? ''}`;
    if (source === this._source && key === this._key) return noChange;
    this._release();
    this._source = source;
    this._item = item;
    this._key = key;
    this._load();
    return placeholder;
  }

  protected override disconnected(): void {
    this._release();
  }

  protected override reconnected(): void {
    this.setValue(placeholder);
    this._load();
  }

  private _load(): void {
    const source = this._source;
    const item = this._item;
    if (source === undefined || item === undefined) return;
    const controller = new AbortController();
    this._controller = controller;
    const show = (blob: Blob | null) => {
      if (controller.signal.aborted || blob === null) return;
      const url = URL.createObjectURL(blob);
      this._url = url;
      this.setValue(
        html`<img
          class="thumb"
          part="thumb"
          src=${url}
          alt=""
          @error=${() => this._failed(controller, url)}
        />`,
      );
    };
    source.thumbnail(item, { signal: controller.signal }).then(show, () => undefined);
  }

  /** Bytes that are no picture: the placeholder again, and the URL is let go. */
  private _failed(controller: AbortController, url: string): void {
    if (controller.signal.aborted || this._url !== url) return;
    URL.revokeObjectURL(url);
    this._url = undefined;
    this.setValue(placeholder);
  }

  private _release(): void {
    this._controller?.abort();
    this._controller = undefined;
    if (this._url !== undefined) URL.revokeObjectURL(this._url);
    this._url = undefined;
  }
}

/** The thumbnail of `item`, loaded through `source.thumbnail()` while the tile is rendered. */
export const loadedThumbnail = directive(LoadedThumbnail);
