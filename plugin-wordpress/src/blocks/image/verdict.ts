// Loads editor verdicts through the plugin's REST route (the editor key stays on the server):
// one request per asset and page load, shared by every block and hook that asks.
import apiFetch from '@wordpress/api-fetch';
import { useEffect, useState } from '@wordpress/element';

export interface EditorVerdict {
  assetId: string;
  channel: string;
  behavior: 'block' | 'warn';
  verdict: {
    status: 'approved' | 'expiring' | 'blocked';
    approvedUntil: string | null;
    reasons: { code: string; personId?: string }[];
  };
}

export type VerdictState =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'complete'; value: EditorVerdict }
  | { state: 'error'; message: string };

const settled = new Map<string, VerdictState>();
const listeners = new Set<() => void>();

function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'message' in error
    ? String(error.message)
    : String(error);
}

function load(assetId: string): void {
  if (settled.has(assetId)) return;
  settled.set(assetId, { state: 'pending' });
  apiFetch<EditorVerdict>({ path: `/clearframe/v1/verdict/${encodeURIComponent(assetId)}` })
    .then(
      (value): VerdictState => ({ state: 'complete', value }),
      (error: unknown): VerdictState => ({ state: 'error', message: messageOf(error) }),
    )
    .then((state) => {
      settled.set(assetId, state);
      for (const listener of listeners) listener();
    });
}

function current(assetId: string): VerdictState {
  return assetId === '' ? { state: 'idle' } : (settled.get(assetId) ?? { state: 'pending' });
}

/** The verdicts of some assets, loading the ones not asked for yet; re-renders as they arrive. */
export function useVerdicts(assetIds: readonly string[]): Map<string, VerdictState> {
  const [, setVersion] = useState(0);
  const key = assetIds.join(',');
  useEffect(() => {
    const listener = () => setVersion((version) => version + 1);
    listeners.add(listener);
    for (const id of assetIds) if (id !== '') load(id);
    return () => {
      listeners.delete(listener);
    };
    // The ids' contents (key), not the array's identity, decide.
  }, [key]);
  return new Map(assetIds.map((id) => [id, current(id)]));
}

export function useVerdict(assetId: string): VerdictState {
  return useVerdicts([assetId]).get(assetId) ?? { state: 'idle' };
}

/** The last day a picture approved until `approvedUntil` (an exclusive instant) is shown. */
export function lastDay(approvedUntil: string): string {
  return new Date(Date.parse(approvedUntil) - 1).toLocaleDateString(undefined, {
    dateStyle: 'long',
  });
}

/** The reasons of a blocked verdict in words, each once. */
export function reasonsInWords(
  verdict: EditorVerdict['verdict'],
  words: (code: string) => string,
): string {
  return [...new Set(verdict.reasons.map((reason) => words(reason.code)))].join('; ');
}
