// `cf-status`: a <cf-image> (or an upgraded <img>) changed what it shows.
import type { ApprovalView, Approvals } from '@clearframe/core/public';

export type ImageStatus = ApprovalView['status'];

/** Fired when the status of the picture changes, including the first verdict. */
export class CfStatusEvent extends Event {
  static readonly eventName = 'cf-status';
  readonly status: ImageStatus;
  /** Whether the picture is painted now. */
  readonly shown: boolean;
  readonly view: ApprovalView;

  constructor(view: ApprovalView, shown: boolean) {
    super(CfStatusEvent.eventName, { bubbles: true, composed: true });
    this.status = view.status;
    this.shown = shown;
    this.view = view;
  }
}

declare global {
  interface HTMLElementEventMap {
    [CfStatusEvent.eventName]: CfStatusEvent;
  }
}

/**
 * Watches an asset for `target`: `apply` shows each view and says whether the picture is shown
 * now; cf-status fires on `target` with the first view and whenever the status or that changes.
 */
export function watchStatus(
  service: Pick<Approvals, 'watch'>,
  assetId: string,
  channel: string,
  target: EventTarget,
  apply: (view: ApprovalView) => boolean,
): () => void {
  let last = '';
  return service.watch(assetId, channel, (view) => {
    const shown = apply(view);
    const status = `${view.status} ${shown}`;
    if (status !== last) target.dispatchEvent(new CfStatusEvent(view, shown));
    last = status;
  });
}
