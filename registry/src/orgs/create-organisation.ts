// A new organisation with its write counters and a policy from a country preset, audited.
import type { Kysely } from 'kysely';
import type { Database, PresetName } from '../db/schema.js';
import { writeWithin } from '../db/write.js';
import { presetPolicyFields } from '../policy/defaults.js';
import { IdPrefix, newId } from '../util/ids.js';

export interface NewOrganisation {
  name: string;
  preset?: PresetName;
  /** Who creates it, for the audit log. Default `system`. */
  actor?: string;
  now?: Date;
}

export async function createOrganisation(
  db: Kysely<Database>,
  { name, preset = 'SE', actor = 'system', now = new Date() }: NewOrganisation,
): Promise<{ id: string; name: string }> {
  const id = newId(IdPrefix.organisation);
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const organisation = { id, name, created_at: at, updated_at: at, version: 1 };
    await trx.insertInto('organisations').values(organisation).execute();
    await trx
      .insertInto('org_counters')
      .values({ org_id: id, change_seq: 0, audit_seq: 0, audit_head: '' })
      .execute();
    return writeWithin(trx, { orgId: id, actor, now }, async (w) => {
      const policy = { org_id: id, ...presetPolicyFields(preset), updated_at: at, version: 1 };
      await w.db.insertInto('policies').values(policy).execute();
      await w.record({
        action: 'organisation.create',
        targetType: 'organisation',
        targetId: id,
        after: organisation,
        feed: false,
      });
      await w.record({
        action: 'policy.create',
        targetType: 'policy',
        targetId: id,
        after: policy,
      });
      return { id, name };
    });
  });
}
