// <cf-image>: a picture painted only while its consent allows, removed the instant it ends.
import { LitElement, css, html, nothing } from 'lit';
import type { ApprovalView, Approvals } from '@clearframe/core/public';
import { define } from '../define.js';
import { watchStatus } from '../events/cf-status-event.js';
import { markupApprovals } from '../embed/public-approvals.js';
import { paintable } from './paintable.js';

/**
 * Shows a registry picture (src, srcset, alt and size from the public verdict) while it is
 * approved or expiring. Nothing is painted before the first verdict; when the approval ends (at
 * `approvedUntil`, on a revocation, or when the verdict can no longer be refreshed within the
 * staleness bound) the `<img>` is removed at once and the `placeholder` slot shown instead.
 *
 * @fires cf-status - {CfStatusEvent} the status changed (also fired for the first verdict)
 * @slot placeholder - shown whenever the picture is not (before the verdict, and when blocked)
 * @csspart img - the picture
 * @cssprop --cf-image-object-fit - `object-fit` of the picture (default `cover`)
 */
export class CfImage extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
    }
    :host([hidden]) {
      display: none;
    }
    img {
      display: block;
      max-width: 100%;
      height: auto;
      object-fit: var(--cf-image-object-fit, cover);
    }
  `;

  // Declared without decorators: their helpers cost the embed bundle about half a kilobyte.
  static override properties = {
    registry: {},
    key: {},
    assetId: { attribute: 'asset-id' },
    channel: {},
    sizes: {},
    alt: {},
    refreshInterval: { attribute: 'refresh-interval', type: Number },
    maxStaleness: { attribute: 'max-staleness', type: Number },
    approvals: { attribute: false },
    _view: { state: true },
  };

  /** The registry's base URL, for example `https://registry.example/`. */
  registry = '';

  /** The publishable key (`cf_pk_…`); the page's origin must be on its allow-list. */
  key = '';

  /** The asset to show. */
  assetId = '';

  /** The publication channel the verdict is asked for. */
  channel = 'web';

  /** The `sizes` of the `<img>`, so the browser picks from the registry's srcset. */
  sizes = '';

  /** Alternative text used only when the registry gives none. */
  alt = '';

  /**
   * Seconds between refreshes of the verdict (default 60, or half of `maxStaleness` if shorter):
   * a revocation shows within one interval. From 1 to 86 400 and below `maxStaleness`; anything
   * else means the default, with a console warning. Only for the service made from `registry`.
   */
  refreshInterval: number | undefined = undefined;

  /**
   * Seconds a verdict may be used while the registry cannot be reached; then the picture is
   * hidden (default 900). At least 2; anything else means the default, with a console warning.
   * Only for the service made from `registry`.
   */
  maxStaleness: number | undefined = undefined;

  /**
   * An approvals service (core's `createApprovals`); when unset, a public one is made from
   * `registry`, `key`, `refreshInterval` and `maxStaleness`, shared by every element with the
   * same four.
   */
  approvals: Pick<Approvals, 'watch'> | undefined = undefined;

  /** The latest view; undefined until the first verdict. */
  private _view: ApprovalView | undefined = undefined;

  /** What is watched (asset and channel, '' for nothing), from which service, and how to stop. */
  private _watched = '';
  private _service: Pick<Approvals, 'watch'> | undefined = undefined;
  private _unwatch: (() => void) | undefined = undefined;

  /** The latest view the service gave (undefined before the first verdict). */
  get view(): ApprovalView | undefined {
    return this._view;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._watch();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._watch();
  }

  protected override willUpdate(): void {
    this._watch();
  }

  protected override render() {
    const media = paintable(this._view, Date.now());
    if (!media) return html`<slot name="placeholder"></slot>`;
    return html`<img
      part="img"
      src=${media.src}
      srcset=${media.srcset ?? nothing}
      sizes=${this.sizes || nothing}
      alt=${media.alt ?? this.alt}
      width=${media.width ?? nothing}
      height=${media.height ?? nothing}
      decoding="async"
    />`;
  }

  /**
   * (Re)subscribes when what is watched changed, and stops once disconnected; the old picture
   * goes before the new verdict. Without `approvals`, the shared public service of `registry`,
   * `key` and the timing (none if unusable).
   */
  private _watch() {
    const service = this.isConnected
      ? (this.approvals ??
        markupApprovals(this.registry, this.key, this, {
          who: '<cf-image>',
          refreshInterval: 'refresh-interval',
          maxStaleness: 'max-staleness',
        }))
      : undefined;
    const { assetId, channel } = this;
    const watched = service && assetId ? `${assetId}\n${channel}` : '';
    if (watched === this._watched && service === this._service) return;
    this._unwatch?.();
    this._view = undefined;
    this._watched = watched;
    this._service = service;
    this._unwatch =
      service && watched
        ? watchStatus(service, assetId, channel, this, (view) => {
            this._view = view;
            const shown = paintable(view, Date.now()) !== undefined;
            // Remove the picture now rather than at Lit's next update: the callback runs at the
            // instant the approval ends. The next render replaces the template anyway.
            if (!shown) this.renderRoot.querySelector('img')?.remove();
            return shown;
          })
        : undefined;
  }
}

define('cf-image', CfImage);

declare global {
  interface HTMLElementTagNameMap {
    'cf-image': CfImage;
  }
}
