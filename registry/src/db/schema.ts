// The whole data model, declared once: every query, migration check and row type derives from it.
//
// Conventions (the same on SQLite and PostgreSQL):
// * ids are text with a type prefix (`ast_…`, see util/ids.ts); every table has `org_id`;
// * instants are ISO 8601 UTC text with milliseconds (`2026-11-23T12:00:00.000Z`, from
//   `Date.prototype.toISOString`), so they sort as text; calendar dates are `YYYY-MM-DD` text;
// * booleans are integer flags 0/1 (`Flag`), because SQLite has no boolean type;
// * JSON is stored as text (`JsonText<T>`), parsed by the code that reads it;
// * mutable rows carry `version` (starts at 1, +1 per update): the ETag and the If-Match check.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { ConsentKind, LegalBasis } from '@clearframe/core';
import type { JsonText } from '../util/json.js';

/** ISO 8601 UTC instant with milliseconds. */
export type IsoInstant = string;
/** `YYYY-MM-DD`. */
export type IsoDate = string;
/** A boolean stored as an integer. */
export type Flag = 0 | 1;

export type Role = 'admin' | 'consent_manager' | 'editor';
export type KeyKind = 'editor' | 'publishable';
export type PresetName = 'SE' | 'DE' | 'NO';
/** What a surface does with an asset that is not approved. */
export type SurfaceBehaviour = 'hide' | 'warn' | 'block';
export type Surface = 'office' | 'wordpress' | 'embed';
export type IrrelevanceReason = 'not_recognisable' | 'public_event' | 'background' | 'prominent';
/** A language tag (`sv`, `en`) → text. */
export type Localised = Record<string, string>;

export interface PolicyChannel {
  id: string;
  labels: Localised;
}

export interface Rendition {
  name: string;
  sha256: string;
  mime: string;
  width: number;
  height: number;
  size: number;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  /** HMAC key of signed media URLs; null until first needed (migration 0002). */
  media_secret: string | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: number;
}

/** Per-organisation write counters; its row is the lock every write takes (see db/write.ts). */
export interface OrgCountersTable {
  org_id: string;
  /** Last `changes.seq` handed out. */
  change_seq: number;
  /** Last `audit_log.seq` handed out. */
  audit_seq: number;
  /** `hash` of the last audit entry ('' before the first). */
  audit_head: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  /** Lower-cased; unique across organisations so login needs no organisation. */
  email: string;
  name: string;
  password_hash: string;
  role: Role;
  disabled_at: IsoInstant | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: number;
}

export interface SessionsTable {
  id: string;
  org_id: string;
  user_id: string;
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: string;
  created_at: IsoInstant;
  expires_at: IsoInstant;
}

export interface ApiKeysTable {
  id: string;
  org_id: string;
  kind: KeyKind;
  name: string;
  /** The first characters of the key (`cf_pk_AbC123xy`): the lookup column, safe to show. */
  prefix: string;
  /** SHA-256 of the whole key. */
  secret_hash: string;
  /** Origin patterns a publishable key accepts (`https://example.org`, `http://localhost:*`). */
  allowed_origins: JsonText<string[]> | null;
  created_by: string | null;
  created_at: IsoInstant;
  last_used_at: IsoInstant | null;
  revoked_at: IsoInstant | null;
  version: number;
}

/** One row per organisation: the fields of the spec's `Policy` plus presentation settings. */
export interface PoliciesTable {
  org_id: string;
  preset: PresetName;
  time_zone: string;
  channels: JsonText<PolicyChannel[]>;
  warn_days: number;
  /** Null: every legal basis. */
  legal_bases: JsonText<LegalBasis[]> | null;
  /** Null: every consent kind. */
  consent_kinds: JsonText<ConsentKind[]> | null;
  own_consent_age: number;
  guardian_consent_until_age: number;
  guardians_required: number;
  post_mortem_years: number;
  post_mortem_from_year_end: Flag;
  surfaces: JsonText<Record<Surface, SurfaceBehaviour>>;
  updated_at: IsoInstant;
  version: number;
}

export interface AssetsTable {
  id: string;
  org_id: string;
  title: string;
  alt_text: JsonText<Localised>;
  credit: string | null;
  legal_basis: LegalBasis;
  license_valid_until: IsoDate | null;
  license_channels: JsonText<string[]> | null;
  tags: JsonText<string[]>;
  original_sha256: string | null;
  original_mime: string | null;
  original_size: number | null;
  width: number | null;
  height: number | null;
  renditions: JsonText<Rendition[]>;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  deleted_at: IsoInstant | null;
  version: number;
}

/** A person tagged in an asset; a person may be tagged more than once (several regions). */
export interface AssetPersonsTable {
  id: string;
  org_id: string;
  asset_id: string;
  person_id: string;
  /** Region of the picture, fractions 0..1 of width and height; null when not marked. */
  region_x: number | null;
  region_y: number | null;
  region_w: number | null;
  region_h: number | null;
  relevant: Flag;
  irrelevance_reason: IrrelevanceReason | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: number;
}

export interface PersonsTable {
  id: string;
  org_id: string;
  name: string;
  email: string | null;
  phone: string | null;
  birth_date: IsoDate | null;
  deceased_on: IsoDate | null;
  /** Guardian signatures this person's consents need; null: the policy's number. */
  guardians: number | null;
  protected_identity: Flag;
  objected_at: IsoInstant | null;
  /** Set when the person was anonymised (Art. 17); the row stays so evidence keeps its shape. */
  erased_at: IsoInstant | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: number;
}

export interface FormAuthorsTable {
  id: string;
  org_id: string;
  name: string;
  archived_at: IsoInstant | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: number;
}

/** A group consent: one document, many persons, a set of assets; one consent per person. */
export interface ConsentGroupsTable {
  id: string;
  org_id: string;
  title: string;
  created_by: string | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: number;
}

export interface ConsentsTable {
  id: string;
  org_id: string;
  person_id: string;
  kind: ConsentKind;
  channels: JsonText<string[]>;
  valid_from: IsoDate;
  valid_until: IsoDate | null;
  /** Null: every asset of the person; otherwise only these. */
  asset_ids: JsonText<string[]> | null;
  signed_by_subject: Flag;
  signed_by_guardians: number;
  comment: string | null;
  copyright_notice: string | null;
  form_author_id: string | null;
  group_id: string | null;
  created_by: string | null;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: number;
}

/** Evidence file of a consent, or of a group (then shared by the group's consents). */
export interface ConsentDocumentsTable {
  id: string;
  org_id: string;
  consent_id: string | null;
  group_id: string | null;
  sha256: string;
  mime: string;
  size: number;
  filename: string;
  created_by: string | null;
  created_at: IsoInstant;
}

/** A withdrawal, whole (channels null) or per channel; consents are never deleted. */
export interface RevocationsTable {
  id: string;
  org_id: string;
  consent_id: string;
  at: IsoInstant;
  channels: JsonText<string[]> | null;
  recorded_by: string | null;
  reason: string | null;
  created_at: IsoInstant;
}

/** Append-only, hash-chained per organisation: hash = sha256(prev_hash + canonical entry). */
export interface AuditLogTable {
  org_id: string;
  seq: number;
  /** `user:usr_…`, `key:key_…` or `system:<what>`. */
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  /** Canonical JSON of the record before/after, personal fields minimised; null when none. */
  before: string | null;
  after: string | null;
  at: IsoInstant;
  prev_hash: string;
  hash: string;
}

/** The change feed: one row per touched entity per write, `seq` gap-free per organisation. */
export interface ChangesTable {
  org_id: string;
  seq: number;
  entity_type: string;
  entity_id: string;
  deleted: Flag;
  at: IsoInstant;
}

export interface IdempotencyKeysTable {
  org_id: string;
  /** The caller: `user:usr_…` or `key:key_…`; keys are scoped to it. */
  principal: string;
  key: string;
  /** SHA-256 of method, path and body: the same key with another request is refused. */
  fingerprint: string;
  /** JSON of the response body the first request produced. */
  response: string;
  created_at: IsoInstant;
}

export interface WebhooksTable {
  id: string;
  org_id: string;
  url: string;
  /** What the subscriber is, for people (migration 0004). */
  description: string | null;
  /** HMAC signing secret; needed in clear to sign deliveries. */
  secret: string;
  events: JsonText<string[]>;
  active: Flag;
  created_at: IsoInstant;
  updated_at: IsoInstant;
  version: number;
}

export interface WebhookDeliveriesTable {
  id: string;
  org_id: string;
  webhook_id: string;
  event: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: IsoInstant | null;
  response_status: number | null;
  last_error: string | null;
  /** JSON of every attempt, oldest first (migration 0004). */
  attempt_log: JsonText<DeliveryAttemptLog[]> | null;
  created_at: IsoInstant;
  delivered_at: IsoInstant | null;
}

/** One POST of a webhook delivery, as logged. */
export interface DeliveryAttemptLog {
  at: IsoInstant;
  /** HTTP status of the answer; null when none came (refused, timed out). */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** Where an asset was seen in use (reported by the plugins). */
export interface AssetUsagesTable {
  id: string;
  org_id: string;
  asset_id: string;
  url: string;
  source: string;
  first_seen_at: IsoInstant;
  last_seen_at: IsoInstant;
}

export interface Database {
  organisations: OrganisationsTable;
  org_counters: OrgCountersTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  policies: PoliciesTable;
  assets: AssetsTable;
  asset_persons: AssetPersonsTable;
  persons: PersonsTable;
  form_authors: FormAuthorsTable;
  consent_groups: ConsentGroupsTable;
  consents: ConsentsTable;
  consent_documents: ConsentDocumentsTable;
  revocations: RevocationsTable;
  audit_log: AuditLogTable;
  changes: ChangesTable;
  idempotency_keys: IdempotencyKeysTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  asset_usages: AssetUsagesTable;
}

export type TableName = keyof Database;
/** A row as read. */
export type Row<T extends TableName> = Selectable<Database[T]>;
/** A row as inserted. */
export type NewRow<T extends TableName> = Insertable<Database[T]>;
/** A partial row as updated. */
export type RowPatch<T extends TableName> = Updateable<Database[T]>;
