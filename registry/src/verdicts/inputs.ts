// Rows → engine input: the one place where stored records become `evaluate`'s spec-§1 input,
// and `verdictFor`, which evaluates a batch of one organisation's assets in six queries.
import { evaluate, isInvalidInputError } from '@clearframe/core';
import type { ConsentInput, EvaluateInput, PersonInput, Policy, Verdict } from '@clearframe/core';
import type { Kysely } from 'kysely';
import { assetInputOf } from '../assets/asset-input.js';
import type { Database, Row } from '../db/schema.js';
import { InvalidParameterError } from '../errors/invalid-parameter-error.js';
import { toCorePolicy } from '../policy/core-policy.js';
import {
  CONSENT_INPUT_COLUMNS,
  PERSON_INPUT_COLUMNS,
  consentInputOf,
  groupBy,
  inChunks,
  personInputOf,
} from './records.js';

/** Everything but `channel` and `now`: what one asset's verdicts depend on. */
export type AssetEvaluation = Omit<EvaluateInput, 'channel' | 'now'>;

export interface LoadedInputs {
  policyRow: Row<'policies'>;
  policy: Policy;
  /** The live (not deleted) assets of the organisation among those asked for. */
  assets: Map<string, Row<'assets'>>;
  /** Per asset, the tags in stored order (for the persons an editor sees). */
  tags: Map<string, Row<'asset_persons'>[]>;
  inputs: Map<string, AssetEvaluation>;
}

/** Loads the policy, assets, tags, persons, consents and revocations behind `assetIds`. */
export async function loadInputs(
  db: Kysely<Database>,
  orgId: string,
  assetIds: readonly string[],
): Promise<LoadedInputs> {
  const policyRow = await db
    .selectFrom('policies')
    .selectAll()
    .where('org_id', '=', orgId)
    .executeTakeFirstOrThrow();
  const policy = toCorePolicy(policyRow);

  const assetRows = await inChunks([...new Set(assetIds)], (ids) =>
    db
      .selectFrom('assets')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute(),
  );
  const liveIds = assetRows.map((row) => row.id);
  const tagRows = await inChunks(liveIds, (ids) =>
    db
      .selectFrom('asset_persons')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('asset_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  );
  const personIds = [...new Set(tagRows.map((tag) => tag.person_id))];
  const personRows = await inChunks(personIds, (ids) =>
    db
      .selectFrom('persons')
      .select(PERSON_INPUT_COLUMNS)
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute(),
  );
  const consentRows = await inChunks(personIds, (ids) =>
    db
      .selectFrom('consents')
      .select(CONSENT_INPUT_COLUMNS)
      .where('org_id', '=', orgId)
      .where('person_id', 'in', ids)
      .orderBy('id')
      .execute(),
  );
  const revocationRows = await inChunks(
    consentRows.map((row) => row.id),
    (ids) =>
      db
        .selectFrom('revocations')
        .select(['consent_id', 'at', 'channels'])
        .where('org_id', '=', orgId)
        .where('consent_id', 'in', ids)
        .execute(),
  );

  const persons = new Map<string, PersonInput>(
    personRows.map((row) => [row.id, personInputOf(row)]),
  );
  const revocationsOf = groupBy(revocationRows, (row) => row.consent_id);
  const consentsOf = new Map<string, ConsentInput[]>();
  for (const row of consentRows) {
    const consent = consentInputOf(row, revocationsOf.get(row.id) ?? []);
    const list = consentsOf.get(row.person_id);
    if (list === undefined) consentsOf.set(row.person_id, [consent]);
    else list.push(consent);
  }

  const tags = groupBy(tagRows, (row) => row.asset_id);
  const assets = new Map(assetRows.map((row) => [row.id, row]));
  const inputs = new Map<string, AssetEvaluation>();
  for (const row of assetRows) {
    const assetTags = tags.get(row.id) ?? [];
    const tagged = [...new Set(assetTags.map((tag) => tag.person_id))];
    inputs.set(row.id, {
      policy,
      asset: assetInputOf(row, assetTags),
      persons: tagged.flatMap((id) => persons.get(id) ?? []),
      consents: tagged.flatMap((id) => consentsOf.get(id) ?? []),
    });
  }
  return { policyRow, policy, assets, tags, inputs };
}

/** 400 naming `channel` unless the policy lists it (evaluate would refuse every asset). */
export function assertChannel(policy: Policy, channel: string): void {
  if (!policy.channels.includes(channel)) {
    throw new InvalidParameterError([
      { field: 'channel', message: `not a channel of the policy (${policy.channels.join(', ')})` },
    ]);
  }
}

/** A verdict that lets nothing through, for stored data the rules refuse to read. */
export const BLOCKED: Verdict = Object.freeze({
  status: 'blocked',
  channels: [],
  approvedUntil: null,
  nextCheckAt: null,
  coverage: 'none',
  reasons: [],
  warnings: [],
}) as Verdict;

/**
 * Evaluates one asset. Invalid stored data blocks that asset only (fail closed) and is logged
 * with the culprit field; it never fails a whole batch.
 */
export function evaluateAsset(input: AssetEvaluation, channel: string, now: Date): Verdict {
  try {
    return evaluate({ ...input, channel, now: now.toISOString() });
  } catch (error) {
    if (!isInvalidInputError(error)) throw error;
    console.error(
      `registry: asset ${input.asset.id} blocked, its stored data is invalid (${error.field})`,
      error,
    );
    return { ...BLOCKED, channels: [], reasons: [], warnings: [] };
  }
}

/** Verdicts of the organisation's live assets among `assetIds`; others are absent from the map. */
export async function verdictFor(
  db: Kysely<Database>,
  orgId: string,
  assetIds: readonly string[],
  channel: string,
  now: Date,
): Promise<Map<string, Verdict>> {
  const loaded = await loadInputs(db, orgId, assetIds);
  assertChannel(loaded.policy, channel);
  return verdictsOf(loaded, channel, now);
}

export function verdictsOf(loaded: LoadedInputs, channel: string, now: Date): Map<string, Verdict> {
  const verdicts = new Map<string, Verdict>();
  for (const [id, input] of loaded.inputs) verdicts.set(id, evaluateAsset(input, channel, now));
  return verdicts;
}
