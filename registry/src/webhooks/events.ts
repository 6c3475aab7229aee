// `verdicts.changed` events: at the end of every write (db/write.ts), the assets whose verdicts the
// write may have changed are read from that write's own change-feed and audit rows and queued as
// ONE event for each active webhook of the organisation, in the same transaction. So an event
// exists exactly when its write committed, and a rolled-back write notifies nobody.
//
// Only changes of data count, never the passing of time (subscribers follow `nextCheckAt` for
// that). A write is read conservatively: when the audit entry cannot show that only descriptive
// fields changed (titles, comments, names), the change counts.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { REDACTED } from '../audit/minimise.js';
import { IdPrefix, newId } from '../util/ids.js';
import { parseJsonText, parseNullableJsonText, toJsonText } from '../util/json.js';
import { inChunks } from '../verdicts/records.js';

export const VERDICTS_CHANGED = 'verdicts.changed';
export const WEBHOOK_EVENTS = [VERDICTS_CHANGED] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The body of a delivery: ids and an instant, never personal data. */
export interface VerdictsChangedEvent {
  id: string;
  type: typeof VERDICTS_CHANGED;
  occurredAt: string;
  assetIds: string[];
}

/** Where one write's rows start: the counters as the write found them. */
export interface WrittenRange {
  orgId: string;
  /** The write's instant (ISO), recorded on its rows. */
  at: string;
  afterChangeSeq: number;
  afterAuditSeq: number;
}

/** Change-row entity types that feed `evaluate`. */
const VERDICT_ENTITIES = ['policy', 'asset', 'person', 'consent', 'revocation'] as const;
type VerdictEntity = (typeof VERDICT_ENTITIES)[number];

/** Per entity, the stored fields `evaluate` reads: an `.update` touching none of them is not a change. */
const VERDICT_FIELDS: Readonly<Record<VerdictEntity, readonly string[]>> = {
  asset: ['legal_basis', 'license_valid_until', 'license_channels', 'deleted_at'],
  person: ['birth_date', 'deceased_on', 'guardians', 'protected_identity', 'objected_at'],
  consent: [
    'person_id',
    'kind',
    'channels',
    'valid_from',
    'valid_until',
    'asset_ids',
    'signed_by_subject',
    'signed_by_guardians',
  ],
  policy: [
    'time_zone',
    'channels',
    'warn_days',
    'legal_bases',
    'consent_kinds',
    'own_consent_age',
    'guardian_consent_until_age',
    'guardians_required',
    'post_mortem_years',
    'post_mortem_from_year_end',
  ],
  revocation: [],
};

/** Actions that never change a verdict: a new asset has no subscriber yet; erasure keeps what `evaluate` reads. */
const NEUTRAL_ACTIONS = new Set(['asset.create', 'person.create', 'person.erase']);

/**
 * Queues one `verdicts.changed` event per subscribed webhook when the write that wrote the rows
 * after `range` changed any verdict. Called by `writeWithin` inside the write's transaction.
 */
export async function enqueueVerdictEvents(
  trx: Transaction<Database>,
  range: WrittenRange,
): Promise<void> {
  const webhooks = await trx
    .selectFrom('webhooks')
    .select(['id', 'events'])
    .where('org_id', '=', range.orgId)
    .where('active', '=', 1)
    .execute();
  const subscribers = webhooks.filter((webhook) =>
    parseJsonText(webhook.events).includes(VERDICTS_CHANGED),
  );
  if (subscribers.length === 0) return;

  const assetIds = await affectedAssets(trx, range);
  if (assetIds.length === 0) return;
  const event: VerdictsChangedEvent = {
    // Same shape as every registry id, with the prefix contract.md gives events.
    id: `evt_${newId(IdPrefix.webhookDelivery).slice(IdPrefix.webhookDelivery.length + 1)}`,
    type: VERDICTS_CHANGED,
    occurredAt: range.at,
    assetIds,
  };
  const payload = JSON.stringify(event);
  await trx
    .insertInto('webhook_deliveries')
    .values(
      subscribers.map((webhook) => ({
        id: newId(IdPrefix.webhookDelivery),
        org_id: range.orgId,
        webhook_id: webhook.id,
        event: VERDICTS_CHANGED,
        payload,
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: range.at,
        response_status: null,
        last_error: null,
        attempt_log: toJsonText([]),
        created_at: range.at,
        delivered_at: null,
      })),
    )
    .execute();
}

interface Touched {
  type: VerdictEntity;
  id: string;
  /** Change rows naming the entity in this write. */
  changes: number;
  /** Audit entries of it (each also wrote one change row). */
  audits: {
    action: string;
    before: Record<string, unknown> | null;
    after: Record<string, unknown> | null;
  }[];
}

/** The organisation's asset ids whose verdicts the write may have changed, sorted. */
export async function affectedAssets(
  trx: Transaction<Database>,
  range: WrittenRange,
): Promise<string[]> {
  const { orgId } = range;
  const changes = await trx
    .selectFrom('changes')
    .select(['entity_type', 'entity_id'])
    .where('org_id', '=', orgId)
    .where('seq', '>', range.afterChangeSeq)
    .where('entity_type', 'in', VERDICT_ENTITIES)
    .execute();
  if (changes.length === 0) return [];
  const audits = await trx
    .selectFrom('audit_log')
    .select(['action', 'target_type', 'target_id', 'before', 'after'])
    .where('org_id', '=', orgId)
    .where('seq', '>', range.afterAuditSeq)
    .where('target_type', 'in', VERDICT_ENTITIES)
    .execute();

  const touched = new Map<string, Touched>();
  for (const row of changes) {
    const key = `${row.entity_type}:${row.entity_id}`;
    const entry = touched.get(key) ?? {
      type: row.entity_type as VerdictEntity,
      id: row.entity_id,
      changes: 0,
      audits: [],
    };
    entry.changes += 1;
    touched.set(key, entry);
  }
  for (const row of audits) {
    touched.get(`${row.target_type}:${row.target_id}`)?.audits.push({
      action: row.action,
      before: parseRecord(row.before),
      after: parseRecord(row.after),
    });
  }

  const out = new Set<string>();
  const personIds = new Set<string>();
  const consentIds = new Set<string>();
  const revocationIds = new Set<string>();
  const consentAssetIds: (string[] | null)[] = [];
  for (const entry of touched.values()) {
    if (!changesVerdicts(entry)) continue;
    switch (entry.type) {
      case 'policy':
        return allLiveAssets(trx, orgId);
      case 'asset':
        out.add(entry.id);
        break;
      case 'person':
        personIds.add(entry.id);
        break;
      case 'consent':
        consentIds.add(entry.id);
        // A consent moved off some assets changes their verdicts too.
        for (const audit of entry.audits) {
          const before = audit.before?.asset_ids;
          if (typeof before === 'string') consentAssetIds.push(parseNullableJsonText(before));
        }
        break;
      case 'revocation':
        revocationIds.add(entry.id);
        break;
    }
  }

  if (revocationIds.size > 0) {
    const rows = await inChunks([...revocationIds], (ids) =>
      trx
        .selectFrom('revocations')
        .select('consent_id')
        .where('org_id', '=', orgId)
        .where('id', 'in', ids)
        .execute(),
    );
    for (const row of rows) consentIds.add(row.consent_id);
  }
  const consents = await inChunks([...consentIds], (ids) =>
    trx
      .selectFrom('consents')
      .select(['person_id', 'asset_ids'])
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute(),
  );
  for (const consent of consents) {
    const ids = parseNullableJsonText(consent.asset_ids);
    // A consent for every asset of its person reaches all the person's tagged assets.
    if (ids === null) personIds.add(consent.person_id);
    else for (const id of ids) out.add(id);
  }
  for (const ids of consentAssetIds) if (ids !== null) for (const id of ids) out.add(id);

  const tagged = await inChunks([...personIds], (ids) =>
    trx
      .selectFrom('asset_persons')
      .innerJoin('assets', 'assets.id', 'asset_persons.asset_id')
      .select('asset_persons.asset_id')
      .where('asset_persons.org_id', '=', orgId)
      .where('asset_persons.person_id', 'in', ids)
      .where('assets.deleted_at', 'is', null)
      .execute(),
  );
  for (const row of tagged) out.add(row.asset_id);

  // Only the organisation's own assets: a consent's assetIds were checked, but stay defensive.
  const own = await inChunks([...out], (ids) =>
    trx
      .selectFrom('assets')
      .select('id')
      .where('org_id', '=', orgId)
      .where('id', 'in', ids)
      .execute(),
  );
  return own.map((row) => row.id).sort();
}

function changesVerdicts(entry: Touched): boolean {
  // A change row without an audit entry (a side effect, `w.changed`) gives no detail: it counts.
  if (entry.changes > entry.audits.length) return true;
  return entry.audits.some((audit) => {
    if (NEUTRAL_ACTIONS.has(audit.action)) return false;
    if (!audit.action.endsWith('.update') || audit.before === null || audit.after === null)
      return true;
    const { before, after } = audit;
    return VERDICT_FIELDS[entry.type].some((field) => {
      // Minimised fields (birth and death dates) hide their values: assume they changed.
      if (before[field] === REDACTED && after[field] === REDACTED) return true;
      return JSON.stringify(before[field]) !== JSON.stringify(after[field]);
    });
  });
}

async function allLiveAssets(trx: Transaction<Database>, orgId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('assets')
    .select('id')
    .where('org_id', '=', orgId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

function parseRecord(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
}
