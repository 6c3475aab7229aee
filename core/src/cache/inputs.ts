// From cached records to the engine's input: the only place the cache meets `evaluate`.
import { evaluate } from '../rules/evaluate.js';
import type { EvaluateInput, Verdict } from '../rules/types.js';
import type { CachedInputs } from './store.js';

export function toEvaluateInput(inputs: CachedInputs, channel: string, at: number): EvaluateInput {
  return {
    policy: inputs.policy,
    asset: inputs.asset,
    persons: inputs.persons,
    consents: inputs.consents,
    channel,
    now: new Date(at).toISOString(),
  };
}

/** The verdict at `at`; throws InvalidInputError for records the rules refuse. */
export function evaluateCached(inputs: CachedInputs, channel: string, at: number): Verdict {
  return evaluate(toEvaluateInput(inputs, channel, at));
}
