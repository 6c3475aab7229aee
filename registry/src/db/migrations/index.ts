// Every migration, in order, kept in code (no files to find at run time). Append only.
import type { Migration } from 'kysely/migration';
import { initial } from './0001-initial.js';
import { mediaDelivery } from './0002-media-delivery.js';
import { webhooks } from './0004-webhooks.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_initial': initial,
  '0002_media_delivery': mediaDelivery,
  '0004_webhooks': webhooks,
};

/** The schema version this code expects: the number of migrations. */
export const SCHEMA_VERSION = Object.keys(MIGRATIONS).length;
