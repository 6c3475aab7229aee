// JSON stored in text columns (portable across SQLite and PostgreSQL), typed by what it holds.

/** A JSON document in a text column; `T` is the shape it parses to. */
export type JsonText<T> = string & { readonly __json?: T };

export function toJsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>;
}

export function parseJsonText<T>(text: JsonText<T>): T {
  return JSON.parse(text) as T;
}

/** Like `parseJsonText`, passing null through (nullable JSON columns). */
export function parseNullableJsonText<T>(text: JsonText<T> | null): T | null {
  return text === null ? null : parseJsonText(text);
}
