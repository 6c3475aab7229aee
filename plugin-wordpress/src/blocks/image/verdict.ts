// Loads the editor verdict through the plugin's REST route (the editor key stays on the server).
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

export function useVerdict(assetId: string): VerdictState {
  const [result, setResult] = useState<VerdictState>({ state: 'idle' });
  useEffect(() => {
    if (assetId === '') {
      setResult({ state: 'idle' });
      return undefined;
    }
    const controller = new AbortController();
    setResult({ state: 'pending' });
    apiFetch<EditorVerdict>({
      path: `/clearframe/v1/verdict/${encodeURIComponent(assetId)}`,
      signal: controller.signal,
    }).then(
      (value) => setResult({ state: 'complete', value }),
      (error: unknown) => {
        if (controller.signal.aborted) {
          return;
        }
        const message =
          typeof error === 'object' && error !== null && 'message' in error
            ? String(error.message)
            : String(error);
        setResult({ state: 'error', message });
      },
    );
    return () => controller.abort();
  }, [assetId]);
  return result;
}
