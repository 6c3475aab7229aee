// The live verdicts of the post's pictures, for the block's notice and the pre-publish check:
// each asset watched through the picker script's approvals (window.clearframePicker), so a notice
// changes when a sync brings a withdrawal or at the instant an approval ends.
import { useEffect, useState } from '@wordpress/element';
import type {} from '../../picker/global';
import { stateOf, type VerdictState } from './verdict-state';

export type { EditorVerdict, VerdictState } from './verdict-state';

const IDLE: VerdictState = { state: 'idle' };
const PENDING: VerdictState = { state: 'pending' };

/** The verdicts of some assets, watched while the component is mounted; re-renders as they change. */
export function useVerdicts(assetIds: readonly string[]): Map<string, VerdictState> {
  const [states, setStates] = useState<ReadonlyMap<string, VerdictState>>(new Map());
  const key = assetIds.join(',');
  useEffect(() => {
    const ids = [...new Set(assetIds.filter((id) => id !== ''))];
    const set = (id: string, state: VerdictState) =>
      setStates((previous) => new Map(previous).set(id, state));
    const picker = window.clearframePicker;
    if (picker === undefined) {
      for (const id of ids) set(id, { state: 'error', detail: 'the picker script is missing' });
      return undefined;
    }
    const unwatch: (() => void)[] = [];
    for (const id of ids) {
      try {
        unwatch.push(picker.watch(id, (view) => set(id, stateOf(view))));
      } catch (error) {
        set(id, { state: 'error', detail: error instanceof Error ? error.message : String(error) });
      }
    }
    return () => {
      for (const stop of unwatch) stop();
    };
    // The ids' contents (key), not the array's identity, decide.
  }, [key]);
  return new Map(assetIds.map((id) => [id, id === '' ? IDLE : (states.get(id) ?? PENDING)]));
}

export function useVerdict(assetId: string): VerdictState {
  return useVerdicts([assetId]).get(assetId) ?? IDLE;
}

/** The policy's time zone once the picker script knows it (undefined until then). */
export function useTimeZone(): string | undefined {
  const [zone, setZone] = useState<string | undefined>(undefined);
  useEffect(() => {
    try {
      return window.clearframePicker?.timeZone(setZone);
    } catch {
      return undefined;
    }
  }, []);
  return zone;
}
