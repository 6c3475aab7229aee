// `cf-cancel`: the user left <cf-picker> without choosing (Escape with nothing left to clear).
export class CfCancelEvent extends Event {
  static readonly eventName = 'cf-cancel';

  constructor() {
    super(CfCancelEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    [CfCancelEvent.eventName]: CfCancelEvent;
  }
}
