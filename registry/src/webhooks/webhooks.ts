// Webhook subscriptions and their delivery log: the writes (inside a write scope) and the shapes
// the API shows. The secret is shown once, at creation; the log holds ids, statuses and errors.
import { z } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { Database, Row } from '../db/schema.js';
import type { WriteScope } from '../db/write.js';
import { NotFoundError } from '../errors/not-found-error.js';
import { IdPrefix, newId } from '../util/ids.js';
import { parseJsonText, toJsonText } from '../util/json.js';
import { WEBHOOK_EVENTS } from './events.js';
import { newWebhookSecret } from './signature.js';

const HttpUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .openapi({ example: 'https://www.example.org/wp-json/clearframe/v1/webhook' });

export const CreateWebhookSchema = z
  .strictObject({
    url: HttpUrlSchema,
    description: z.string().trim().max(200).nullable().default(null),
    events: z
      .array(z.enum(WEBHOOK_EVENTS))
      .min(1)
      .default([...WEBHOOK_EVENTS])
      .openapi({ description: 'Event types to receive; default every type' }),
  })
  .openapi('NewWebhook');
export type NewWebhook = z.infer<typeof CreateWebhookSchema>;

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(z.string()),
    createdAt: z.string(),
  })
  .openapi('Webhook');

export const CreatedWebhookSchema = z
  .object({
    webhook: WebhookSchema,
    secret: z.string().nullable().openapi({
      description:
        'The signing secret, shown once; null when an idempotent retry replays the creation',
    }),
  })
  .openapi('CreatedWebhook');

export const DeliveryStatusSchema = z.enum(['pending', 'delivered', 'failed']);

export const DeliverySchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    event: z.string(),
    payload: z
      .object({
        id: z.string(),
        type: z.string(),
        occurredAt: z.string(),
        assetIds: z.array(z.string()),
      })
      .openapi({ description: 'The body sent, as sent' }),
    status: DeliveryStatusSchema,
    attempts: z.number().int(),
    nextAttemptAt: z.string().nullable(),
    responseStatus: z.number().int().nullable(),
    lastError: z.string().nullable(),
    attemptLog: z.array(
      z.object({
        at: z.string(),
        status: z.number().int().nullable(),
        error: z.string().nullable(),
        durationMs: z.number(),
      }),
    ),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
  })
  .openapi('WebhookDelivery');

export async function createWebhook(
  w: WriteScope,
  fields: NewWebhook,
): Promise<{ row: Row<'webhooks'>; secret: string }> {
  const secret = newWebhookSecret();
  const row: Row<'webhooks'> = {
    id: newId(IdPrefix.webhook),
    org_id: w.orgId,
    url: fields.url,
    description: fields.description,
    secret,
    events: toJsonText([...new Set(fields.events)]),
    active: 1,
    created_at: w.now,
    updated_at: w.now,
    version: 1,
  };
  await w.db.insertInto('webhooks').values(row).execute();
  // The audit log never holds the secret (audit/minimise.ts drops `secret`).
  await w.record({
    action: 'webhook.create',
    targetType: 'webhook',
    targetId: row.id,
    after: row,
    feed: false,
  });
  return { row, secret };
}

/**
 * Deactivates the webhook: it gets nothing more and leaves the lists; its delivery log stays as
 * a record of what was sent, and what was still pending fails.
 */
export async function deleteWebhook(w: WriteScope, id: string): Promise<void> {
  const before = await findWebhook(w.db, w.orgId, id);
  const after = { ...before, active: 0 as const, updated_at: w.now, version: before.version + 1 };
  await w.db
    .updateTable('webhooks')
    .set({ active: 0, updated_at: w.now, version: after.version })
    .where('org_id', '=', w.orgId)
    .where('id', '=', id)
    .execute();
  await w.db
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: 'webhook deleted' })
    .where('org_id', '=', w.orgId)
    .where('webhook_id', '=', id)
    .where('status', '=', 'pending')
    .execute();
  await w.record({
    action: 'webhook.delete',
    targetType: 'webhook',
    targetId: id,
    before,
    after: null,
    feed: false,
  });
}

/** An active webhook of the organisation, or 404. */
export async function findWebhook(
  db: Kysely<Database>,
  orgId: string,
  id: string,
): Promise<Row<'webhooks'>> {
  const row = await db
    .selectFrom('webhooks')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError('webhook', id);
  return row;
}

export function toWebhookDto(row: Row<'webhooks'>): z.infer<typeof WebhookSchema> {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: parseJsonText(row.events),
    createdAt: row.created_at,
  };
}

export function toDeliveryDto(row: Row<'webhook_deliveries'>): z.infer<typeof DeliverySchema> {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event,
    payload: JSON.parse(row.payload) as z.infer<typeof DeliverySchema>['payload'],
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    responseStatus: row.response_status,
    lastError: row.last_error,
    attemptLog: row.attempt_log === null ? [] : parseJsonText(row.attempt_log),
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}
