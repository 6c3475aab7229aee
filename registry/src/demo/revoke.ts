// The demo page's button: withdraw, now, every active consent that lets one picture be used in a
// channel. Revocations are recorded as a consent manager's would be (revokeConsent inside the
// caller's write: audit entry, change feed, webhook event, one transaction).
import { findAsset } from '../assets/queries.js';
import { revokeConsent } from '../consents/commands.js';
import { clockOf, searchConsents } from '../consents/records.js';
import type { Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import { parseJsonText } from '../util/json.js';

/** More consents than any one picture has: the search is paged, and this is one page. */
const MAX_CONSENTS = 10_000;

/**
 * Revokes, whole, each active consent behind the asset that grants `channel` and is not already
 * withdrawn for it; returns the revocations (none when nothing was left to withdraw). 404 for an
 * asset that is not the write's organisation's.
 */
export async function withdrawConsentsBehind(
  w: WriteScope,
  assetId: string,
  channel: string,
  reason: string,
): Promise<Row<'revocations'>[]> {
  await findAsset(w.db, w.orgId, assetId);
  const clock = await clockOf(w.db, w.orgId, new Date(w.now));
  const { rows } = await searchConsents(
    w.db,
    w.orgId,
    { assetId, status: 'active', limit: MAX_CONSENTS },
    clock,
  );
  const granting = rows.filter((row) => parseJsonText(row.channels).includes(channel));
  if (granting.length === 0) return [];
  const revocations = await w.db
    .selectFrom('revocations')
    .select(['consent_id', 'channels'])
    .where('org_id', '=', w.orgId)
    .where(
      'consent_id',
      'in',
      granting.map((row) => row.id),
    )
    .where('at', '<=', clock.now)
    .execute();
  const withdrawn = new Set(
    revocations
      .filter((r) => r.channels === null || parseJsonText(r.channels).includes(channel))
      .map((r) => r.consent_id),
  );
  const recorded: Row<'revocations'>[] = [];
  for (const consent of granting) {
    if (withdrawn.has(consent.id)) continue;
    recorded.push(await revokeConsent(w, consent, { channels: null, reason }));
  }
  return recorded;
}
