// One problem with one input field, as listed in a problem body's `errors`.

export interface FieldError {
  /** Path of the field: `channels[2].id`, `warnDays`, `channel` for a query parameter. */
  field: string;
  message: string;
}
