// Compares what `evaluate` did with what a conformance case expects (spec §7).
import { isClearframeError } from '../../src/index.js';
import type { Verdict } from '../../src/index.js';

/** What one evaluation came to: a verdict, or a throw. */
export type Outcome = { verdict: Verdict } | { thrown: unknown };

/** One field that differs; `expected` and `got` are ready to print. */
export interface Mismatch {
  field: string;
  expected: string;
  got: string;
}

const INSTANT_FIELDS: ReadonlySet<string> = new Set(['approvedUntil', 'nextCheckAt']);
const SUBSET_FIELDS: ReadonlySet<string> = new Set(['reasons', 'warnings']);

/**
 * The fields of `expect` that the outcome does not meet; empty when the case passes.
 * Only fields present in `expect` are compared. `channels` compare as sets, instants as
 * epoch milliseconds, `reasons` and `warnings` as subsets, everything else by equality.
 * An expectation `{ error }` compares only the code of the thrown error.
 */
export function compareOutcome(expect: Record<string, unknown>, outcome: Outcome): Mismatch[] {
  if ('error' in expect) return compareError(expect['error'], outcome);
  if ('thrown' in outcome) {
    return [{ field: 'error', expected: 'a verdict', got: describeThrown(outcome.thrown) }];
  }
  const verdict = outcome.verdict as unknown as Record<string, unknown>;
  const mismatches: Mismatch[] = [];
  for (const [field, expected] of Object.entries(expect)) {
    const got = verdict[field];
    if (!fieldMatches(field, expected, got)) {
      mismatches.push({ field, expected: show(expected), got: show(got) });
    }
  }
  return mismatches;
}

function compareError(code: unknown, outcome: Outcome): Mismatch[] {
  if ('verdict' in outcome) {
    return [{ field: 'error', expected: show(code), got: `verdict ${show(outcome.verdict)}` }];
  }
  const thrown = outcome.thrown;
  if (isClearframeError(thrown) && thrown.code === code) return [];
  return [{ field: 'error', expected: show(code), got: describeThrown(thrown) }];
}

function fieldMatches(field: string, expected: unknown, got: unknown): boolean {
  if (field === 'channels') return sameSet(expected, got);
  if (INSTANT_FIELDS.has(field)) return sameInstant(expected, got);
  if (SUBSET_FIELDS.has(field)) return isSubset(expected, got);
  return deepEqual(expected, got);
}

/** Both arrays of strings with the same members, in any order and ignoring repeats. */
export function sameSet(expected: unknown, got: unknown): boolean {
  if (!Array.isArray(expected) || !Array.isArray(got)) return false;
  const a = new Set(expected.map((x) => JSON.stringify(x)));
  const b = new Set(got.map((x) => JSON.stringify(x)));
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** null matches only null; otherwise both must parse to the same epoch millisecond. */
export function sameInstant(expected: unknown, got: unknown): boolean {
  if (expected === null || got === null) return expected === got;
  if (typeof expected !== 'string' || typeof got !== 'string') return false;
  const a = Date.parse(expected);
  const b = Date.parse(got);
  return !Number.isNaN(a) && a === b;
}

/**
 * Every expected item appears among the items got. An item matches when `code` and
 * `personId` are equal, an absent (or null) personId matching only an absent one: an
 * asset-level expectation is not met by a person-level reason with the same code.
 * Any other key of an expected item must be equal too.
 */
export function isSubset(expected: unknown, got: unknown): boolean {
  if (!Array.isArray(expected) || !Array.isArray(got)) return false;
  return expected.every((item) => got.some((candidate) => itemMatches(item, candidate)));
}

function itemMatches(expected: unknown, got: unknown): boolean {
  if (!isRecord(expected) || !isRecord(got)) return false;
  if ((expected['personId'] ?? null) !== (got['personId'] ?? null)) return false;
  return Object.entries(expected).every(
    ([key, value]) => key === 'personId' || deepEqual(value, got[key]),
  );
}

/** Structural equality of JSON values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key in b && deepEqual(a[key], b[key]));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeThrown(thrown: unknown): string {
  if (isClearframeError(thrown)) return `threw ${thrown.code} (${thrown.message})`;
  if (thrown instanceof Error) return `threw ${thrown.name} (${thrown.message})`;
  return `threw ${show(thrown)}`;
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
