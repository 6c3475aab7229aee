// Media delivery: each organisation's HMAC secret for signed media URLs (see media/secret.ts).
// Nullable: it is created on first use, so organisations made by any code path get one.
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const mediaDelivery: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('organisations').addColumn('media_secret', 'text').execute();
  },
};
