// `cf-status`: a <cf-image> (or an upgraded <img>) changed what it shows.
import type { ApprovalView } from '@clearframe/core/public';

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
