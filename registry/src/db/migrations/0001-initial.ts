// The whole data model in one migration, so that the resources built on it never race to
// add tables. Portable SQL only: text, integer, bigint, double precision; no engine branches.
import type { CreateTableBuilder, Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Migrations see the database as it was then, not as schema.ts says today.
type AnyDb = Kysely<unknown>;

const ID = 'text';
const INSTANT = 'text';

/** `id` primary key and `org_id` referencing its organisation. */
function owned<T extends string>(table: CreateTableBuilder<T>) {
  return table
    .addColumn('id', ID, (col) => col.primaryKey())
    .addColumn('org_id', ID, (col) => col.notNull().references('organisations.id'));
}

/** `created_at`, `updated_at` and `version` of a mutable row. */
function mutable<T extends string>(table: CreateTableBuilder<T>) {
  return table
    .addColumn('created_at', INSTANT, (col) => col.notNull())
    .addColumn('updated_at', INSTANT, (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1));
}

export const initial: Migration = {
  async up(db: AnyDb) {
    const schema = db.schema;

    await mutable(
      schema
        .createTable('organisations')
        .addColumn('id', ID, (col) => col.primaryKey())
        .addColumn('name', 'text', (col) => col.notNull()),
    ).execute();

    await schema
      .createTable('org_counters')
      .addColumn('org_id', ID, (col) => col.primaryKey().references('organisations.id'))
      .addColumn('change_seq', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('audit_seq', 'bigint', (col) => col.notNull().defaultTo(0))
      .addColumn('audit_head', 'text', (col) => col.notNull().defaultTo(''))
      .execute();

    await mutable(
      owned(schema.createTable('users'))
        .addColumn('email', 'text', (col) => col.notNull().unique())
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('password_hash', 'text', (col) => col.notNull())
        .addColumn('role', 'text', (col) => col.notNull())
        .addColumn('disabled_at', INSTANT),
    ).execute();

    await owned(schema.createTable('sessions'))
      .addColumn('user_id', ID, (col) => col.notNull().references('users.id'))
      .addColumn('token_hash', 'text', (col) => col.notNull().unique())
      .addColumn('created_at', INSTANT, (col) => col.notNull())
      .addColumn('expires_at', INSTANT, (col) => col.notNull())
      .execute();
    await schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

    await owned(schema.createTable('api_keys'))
      .addColumn('kind', 'text', (col) => col.notNull())
      .addColumn('name', 'text', (col) => col.notNull())
      .addColumn('prefix', 'text', (col) => col.notNull().unique())
      .addColumn('secret_hash', 'text', (col) => col.notNull())
      .addColumn('allowed_origins', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', INSTANT, (col) => col.notNull())
      .addColumn('last_used_at', INSTANT)
      .addColumn('revoked_at', INSTANT)
      .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
      .execute();
    await schema.createIndex('api_keys_org').on('api_keys').column('org_id').execute();

    await schema
      .createTable('policies')
      .addColumn('org_id', ID, (col) => col.primaryKey().references('organisations.id'))
      .addColumn('preset', 'text', (col) => col.notNull())
      .addColumn('time_zone', 'text', (col) => col.notNull())
      .addColumn('channels', 'text', (col) => col.notNull())
      .addColumn('warn_days', 'integer', (col) => col.notNull())
      .addColumn('legal_bases', 'text')
      .addColumn('consent_kinds', 'text')
      .addColumn('own_consent_age', 'integer', (col) => col.notNull())
      .addColumn('guardian_consent_until_age', 'integer', (col) => col.notNull())
      .addColumn('guardians_required', 'integer', (col) => col.notNull())
      .addColumn('post_mortem_years', 'integer', (col) => col.notNull())
      .addColumn('post_mortem_from_year_end', 'integer', (col) => col.notNull())
      .addColumn('surfaces', 'text', (col) => col.notNull())
      .addColumn('updated_at', INSTANT, (col) => col.notNull())
      .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
      .execute();

    await mutable(
      owned(schema.createTable('assets'))
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('alt_text', 'text', (col) => col.notNull())
        .addColumn('credit', 'text')
        .addColumn('legal_basis', 'text', (col) => col.notNull())
        .addColumn('license_valid_until', 'text')
        .addColumn('license_channels', 'text')
        .addColumn('tags', 'text', (col) => col.notNull())
        .addColumn('original_sha256', 'text')
        .addColumn('original_mime', 'text')
        .addColumn('original_size', 'bigint')
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('renditions', 'text', (col) => col.notNull())
        .addColumn('deleted_at', INSTANT),
    ).execute();
    await schema.createIndex('assets_org').on('assets').column('org_id').execute();

    await mutable(
      owned(schema.createTable('persons'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('email', 'text')
        .addColumn('phone', 'text')
        .addColumn('birth_date', 'text')
        .addColumn('deceased_on', 'text')
        .addColumn('guardians', 'integer')
        .addColumn('protected_identity', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('objected_at', INSTANT)
        .addColumn('erased_at', INSTANT),
    ).execute();
    await schema.createIndex('persons_org').on('persons').column('org_id').execute();

    await mutable(
      owned(schema.createTable('asset_persons'))
        .addColumn('asset_id', ID, (col) => col.notNull().references('assets.id'))
        .addColumn('person_id', ID, (col) => col.notNull().references('persons.id'))
        .addColumn('region_x', 'double precision')
        .addColumn('region_y', 'double precision')
        .addColumn('region_w', 'double precision')
        .addColumn('region_h', 'double precision')
        .addColumn('relevant', 'integer', (col) => col.notNull().defaultTo(1))
        .addColumn('irrelevance_reason', 'text'),
    ).execute();
    await schema
      .createIndex('asset_persons_asset')
      .on('asset_persons')
      .column('asset_id')
      .execute();
    await schema
      .createIndex('asset_persons_person')
      .on('asset_persons')
      .column('person_id')
      .execute();

    await mutable(
      owned(schema.createTable('form_authors'))
        .addColumn('name', 'text', (col) => col.notNull())
        .addColumn('archived_at', INSTANT),
    ).execute();

    await mutable(
      owned(schema.createTable('consent_groups'))
        .addColumn('title', 'text', (col) => col.notNull())
        .addColumn('created_by', 'text'),
    ).execute();

    await mutable(
      owned(schema.createTable('consents'))
        .addColumn('person_id', ID, (col) => col.notNull().references('persons.id'))
        .addColumn('kind', 'text', (col) => col.notNull())
        .addColumn('channels', 'text', (col) => col.notNull())
        .addColumn('valid_from', 'text', (col) => col.notNull())
        .addColumn('valid_until', 'text')
        .addColumn('asset_ids', 'text')
        .addColumn('signed_by_subject', 'integer', (col) => col.notNull().defaultTo(1))
        .addColumn('signed_by_guardians', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('comment', 'text')
        .addColumn('copyright_notice', 'text')
        .addColumn('form_author_id', ID, (col) => col.references('form_authors.id'))
        .addColumn('group_id', ID, (col) => col.references('consent_groups.id'))
        .addColumn('created_by', 'text'),
    ).execute();
    await schema.createIndex('consents_person').on('consents').column('person_id').execute();
    await schema.createIndex('consents_group').on('consents').column('group_id').execute();

    await owned(schema.createTable('consent_documents'))
      .addColumn('consent_id', ID, (col) => col.references('consents.id'))
      .addColumn('group_id', ID, (col) => col.references('consent_groups.id'))
      .addColumn('sha256', 'text', (col) => col.notNull())
      .addColumn('mime', 'text', (col) => col.notNull())
      .addColumn('size', 'bigint', (col) => col.notNull())
      .addColumn('filename', 'text', (col) => col.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', INSTANT, (col) => col.notNull())
      .execute();
    await schema
      .createIndex('consent_documents_consent')
      .on('consent_documents')
      .column('consent_id')
      .execute();
    await schema
      .createIndex('consent_documents_group')
      .on('consent_documents')
      .column('group_id')
      .execute();

    await owned(schema.createTable('revocations'))
      .addColumn('consent_id', ID, (col) => col.notNull().references('consents.id'))
      .addColumn('at', INSTANT, (col) => col.notNull())
      .addColumn('channels', 'text')
      .addColumn('recorded_by', 'text')
      .addColumn('reason', 'text')
      .addColumn('created_at', INSTANT, (col) => col.notNull())
      .execute();
    await schema
      .createIndex('revocations_consent')
      .on('revocations')
      .column('consent_id')
      .execute();

    await schema
      .createTable('audit_log')
      .addColumn('org_id', ID, (col) => col.notNull().references('organisations.id'))
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('actor', 'text', (col) => col.notNull())
      .addColumn('action', 'text', (col) => col.notNull())
      .addColumn('target_type', 'text', (col) => col.notNull())
      .addColumn('target_id', 'text', (col) => col.notNull())
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .addColumn('at', INSTANT, (col) => col.notNull())
      .addColumn('prev_hash', 'text', (col) => col.notNull())
      .addColumn('hash', 'text', (col) => col.notNull())
      .addPrimaryKeyConstraint('audit_log_pk', ['org_id', 'seq'])
      .execute();

    await schema
      .createTable('changes')
      .addColumn('org_id', ID, (col) => col.notNull().references('organisations.id'))
      .addColumn('seq', 'bigint', (col) => col.notNull())
      .addColumn('entity_type', 'text', (col) => col.notNull())
      .addColumn('entity_id', 'text', (col) => col.notNull())
      .addColumn('deleted', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('at', INSTANT, (col) => col.notNull())
      .addPrimaryKeyConstraint('changes_pk', ['org_id', 'seq'])
      .execute();
    await schema
      .createIndex('changes_entity')
      .on('changes')
      .columns(['org_id', 'entity_type', 'entity_id'])
      .execute();

    await schema
      .createTable('idempotency_keys')
      .addColumn('org_id', ID, (col) => col.notNull().references('organisations.id'))
      .addColumn('principal', 'text', (col) => col.notNull())
      .addColumn('key', 'text', (col) => col.notNull())
      .addColumn('fingerprint', 'text', (col) => col.notNull())
      .addColumn('response', 'text', (col) => col.notNull())
      .addColumn('created_at', INSTANT, (col) => col.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['org_id', 'principal', 'key'])
      .execute();

    await mutable(
      owned(schema.createTable('webhooks'))
        .addColumn('url', 'text', (col) => col.notNull())
        .addColumn('secret', 'text', (col) => col.notNull())
        .addColumn('events', 'text', (col) => col.notNull())
        .addColumn('active', 'integer', (col) => col.notNull().defaultTo(1)),
    ).execute();

    await owned(schema.createTable('webhook_deliveries'))
      .addColumn('webhook_id', ID, (col) => col.notNull().references('webhooks.id'))
      .addColumn('event', 'text', (col) => col.notNull())
      .addColumn('payload', 'text', (col) => col.notNull())
      .addColumn('status', 'text', (col) => col.notNull())
      .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
      .addColumn('next_attempt_at', INSTANT)
      .addColumn('response_status', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', INSTANT, (col) => col.notNull())
      .addColumn('delivered_at', INSTANT)
      .execute();
    await schema
      .createIndex('webhook_deliveries_due')
      .on('webhook_deliveries')
      .columns(['status', 'next_attempt_at'])
      .execute();

    await owned(schema.createTable('asset_usages'))
      .addColumn('asset_id', ID, (col) => col.notNull().references('assets.id'))
      .addColumn('url', 'text', (col) => col.notNull())
      .addColumn('source', 'text', (col) => col.notNull())
      .addColumn('first_seen_at', INSTANT, (col) => col.notNull())
      .addColumn('last_seen_at', INSTANT, (col) => col.notNull())
      .addUniqueConstraint('asset_usages_unique', ['org_id', 'asset_id', 'url'])
      .execute();
  },
};
