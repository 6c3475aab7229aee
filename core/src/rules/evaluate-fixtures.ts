// Builders of `evaluate` requests for the rule tests: a valid Swedish request unless told otherwise.
import { DEFAULT_CHANNELS, evaluate } from '../index.js';
import type {
  AssetInput,
  ConsentInput,
  EvaluateInput,
  LegalBasis,
  License,
  PersonInput,
  PersonTag,
  Policy,
  Verdict,
} from '../index.js';

export const ALL_CHANNELS: readonly string[] = [...DEFAULT_CHANNELS];

/** A consent with the given fields; the rest are the smallest valid consent of p1 for the web. */
export type ConsentDraft = Partial<ConsentInput>;

export interface Scenario {
  policy?: Partial<Policy>;
  /** The asset's legal basis; `consent` unless given (null and undefined are told apart). */
  basis?: LegalBasis | null;
  assetId?: string;
  /** Tagged persons; a bare id is a relevant tag. Default: p1. */
  tags?: readonly (string | PersonTag)[];
  license?: License;
  /** Person records; default: one empty record per tagged id. */
  persons?: readonly PersonInput[];
  consents?: readonly ConsentDraft[];
  channel?: string;
  now: string;
}

export function consent(draft: ConsentDraft, index = 0): ConsentInput {
  return {
    id: `c${index + 1}`,
    personId: 'p1',
    channels: ['web'],
    validFrom: '2025-01-01',
    ...draft,
  };
}

export function build(scenario: Scenario): EvaluateInput {
  const tags = (scenario.tags ?? ['p1']).map((tag) =>
    typeof tag === 'string' ? { personId: tag } : tag,
  );
  const asset: AssetInput = {
    id: scenario.assetId ?? 'a1',
    legalBasis: scenario.basis === undefined ? 'consent' : scenario.basis,
    persons: tags,
  };
  if (scenario.license !== undefined) asset.license = scenario.license;
  const ids = [...new Set(tags.map((tag) => tag.personId))];
  return {
    policy: { timeZone: 'Europe/Stockholm', channels: ALL_CHANNELS, ...scenario.policy },
    asset,
    persons: scenario.persons ?? ids.map((id) => ({ id })),
    consents: (scenario.consents ?? []).map((draft, index) => consent(draft, index)),
    channel: scenario.channel ?? 'web',
    now: scenario.now,
  };
}

export function run(scenario: Scenario): Verdict {
  return evaluate(build(scenario));
}

/** The same request evaluated at another instant (and optionally for another channel). */
export function at(input: EvaluateInput, now: string | number, channel?: string): Verdict {
  const instant = typeof now === 'number' ? new Date(now).toISOString() : now;
  return evaluate({ ...input, now: instant, channel: channel ?? input.channel });
}

export const ms = (instant: string): number => Date.parse(instant);

/** An instant normalised to `…Z` with milliseconds, so instants compare as instants. */
export function instant(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** The sorted distinct reason codes, of one person when `personId` is given. */
export function codes(verdict: Verdict, personId?: string): string[] {
  const picked = verdict.reasons.filter(
    (reason) => personId === undefined || reason.personId === personId,
  );
  return [...new Set(picked.map((reason) => reason.code))].sort();
}

export function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

export function isApproved(verdict: Verdict): boolean {
  return verdict.status !== 'blocked';
}
