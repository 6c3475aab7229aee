// Webhooks: a description per subscription, and the log of every delivery attempt (status,
// error, duration) that the single `response_status`/`last_error` of migration 0001 cannot hold.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const webhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('webhooks').addColumn('description', 'text').execute();
    await db.schema.alterTable('webhook_deliveries').addColumn('attempt_log', 'text').execute();
  },
};
