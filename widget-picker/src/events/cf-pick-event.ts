// `cf-pick`: the user chose a picture in <cf-picker>.
import type { PickerItem, PickerVerdict } from '../picker/types.js';

export class CfPickEvent extends Event {
  static readonly eventName = 'cf-pick';
  readonly item: PickerItem;
  readonly verdict: PickerVerdict;
  /** True when the picture is not approved and the user confirmed the warning (mode `warn`). */
  readonly warned: boolean;

  constructor(item: PickerItem, warned = false) {
    super(CfPickEvent.eventName, { bubbles: true, composed: true });
    this.item = item;
    this.verdict = item.verdict;
    this.warned = warned;
  }
}

declare global {
  interface HTMLElementEventMap {
    [CfPickEvent.eventName]: CfPickEvent;
  }
}
