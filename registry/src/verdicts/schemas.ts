// The verdict shapes the API serves (docs/api-contract.md), as zod: validation and OpenAPI in one.
import { z } from '@hono/zod-openapi';
import { Coverage, REASON_CODES, Status, WarningCode } from '@clearframe/core';
import type { ReasonCode } from '@clearframe/core';

const StatusSchema = z.enum(Object.values(Status));
const instant = z.string().openapi({ example: '2027-06-30T22:00:00.000Z' });

export const ChannelQuerySchema = z
  .string()
  .min(1)
  .max(32)
  .openapi({ param: { name: 'channel', in: 'query' }, example: 'web' });

/** Spec §6: the verdict of `evaluate`, unchanged. */
export const VerdictSchema = z
  .object({
    status: StatusSchema,
    channels: z.array(z.string()),
    approvedUntil: instant.nullable(),
    nextCheckAt: instant.nullable(),
    coverage: z.enum(Object.values(Coverage)),
    reasons: z.array(
      z.object({
        code: z.enum(REASON_CODES as [ReasonCode, ...ReasonCode[]]),
        personId: z.string().optional(),
      }),
    ),
    warnings: z.array(z.object({ code: z.enum(Object.values(WarningCode)) })),
  })
  .openapi('Verdict');

export const EditorVerdictSchema = z
  .object({
    assetId: z.string(),
    channel: z.string(),
    verdict: VerdictSchema,
    persons: z
      .array(z.object({ id: z.string(), name: z.string() }))
      .openapi({ description: 'The persons tagged in the picture' }),
    usages: z
      .array(z.object({ url: z.string(), source: z.string() }))
      .openapi({ description: 'Where the picture was reported in use' }),
  })
  .openapi('EditorVerdict');

export const PublicMediaSchema = z
  .object({
    src: z.string().min(1),
    srcset: z.string().optional(),
    alt: z.string().optional(),
    width: z.number().int().optional(),
    height: z.number().int().optional(),
  })
  .openapi('PublicMedia');

export const PublicVerdictSchema = z
  .object({
    status: StatusSchema,
    approvedUntil: instant.nullable(),
    nextCheckAt: instant.nullable(),
    media: PublicMediaSchema.optional().openapi({ description: 'Only while approved' }),
  })
  .openapi('PublicVerdict');

export const PublicVerdictsSchema = z
  .object({
    checkedAt: instant,
    verdicts: z.record(z.string(), PublicVerdictSchema),
  })
  .openapi('PublicVerdicts');

export type PublicVerdictDto = z.infer<typeof PublicVerdictSchema>;
export type PublicMediaDto = z.infer<typeof PublicMediaSchema>;

/** At most this many ids per public request (the core client asks in chunks of it). */
export const MAX_PUBLIC_IDS = 100;

export const PublicVerdictsQuerySchema = z.object({
  ids: z
    .string()
    .transform((value) => [...new Set(value.split(',').map((id) => id.trim()))])
    .pipe(
      z
        .array(z.string().min(1).max(64))
        .min(1)
        .max(MAX_PUBLIC_IDS, `at most ${MAX_PUBLIC_IDS} ids`),
    )
    .openapi({
      param: { name: 'ids', in: 'query' },
      type: 'string',
      example: 'ast_1,ast_2',
      description: `Comma-separated asset ids, at most ${MAX_PUBLIC_IDS}`,
    }),
  channel: ChannelQuerySchema,
  key: z
    .string()
    .optional()
    .openapi({ param: { name: 'key', in: 'query' }, description: 'Publishable key `cf_pk_…`' }),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag')
    .optional()
    .openapi({
      param: { name: 'lang', in: 'query' },
      description: "Language of `alt`; default the policy's first",
    }),
});
