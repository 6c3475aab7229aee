// Assets as the API shows and accepts them (zod: validation and OpenAPI in one).
import { z } from '@hono/zod-openapi';
import { LEGAL_BASES } from '@clearframe/core';
import type { LegalBasis } from '@clearframe/core';
import type { IrrelevanceReason } from '../db/schema.js';

export const LegalBasisSchema = z.enum(LEGAL_BASES as [LegalBasis, ...LegalBasis[]]);

export const IRRELEVANCE_REASONS: readonly IrrelevanceReason[] = [
  'not_recognisable',
  'public_event',
  'background',
  'prominent',
];
const IrrelevanceReasonSchema = z.enum(
  IRRELEVANCE_REASONS as [IrrelevanceReason, ...IrrelevanceReason[]],
);

const LanguageTag = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag');
const Title = z.string().trim().max(200);
const Credit = z.string().trim().max(200).nullable();
const AltText = z.string().trim().max(1000);

const KeywordsSchema = z
  .array(z.string().trim().min(1).max(50))
  .max(50)
  .transform((tags) => [...new Set(tags)])
  .openapi({ description: 'Keywords; duplicates are dropped', example: ['school', 'spring'] });

export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const LicenseSchema = z
  .strictObject({
    validUntil: z
      .string()
      .refine(isCalendarDate, 'a calendar date YYYY-MM-DD')
      .nullable()
      .optional()
      .openapi({ description: 'Last day the licence runs (inclusive)', example: '2027-01-31' }),
    channels: z
      .array(z.string().min(1).max(32))
      .max(50)
      .nullable()
      .optional()
      .openapi({ description: 'Policy channels the licence covers; null: all' }),
  })
  .openapi('AssetLicense');

/** Metadata of a new asset: a multipart `metadata` part (JSON) or the query of a raw upload. */
export const CreateAssetFieldsSchema = z
  .strictObject({
    title: Title.optional(),
    alt: z.record(LanguageTag, AltText).optional(),
    credit: Credit.optional(),
    tags: KeywordsSchema.optional(),
    legalBasis: LegalBasisSchema.optional().openapi({
      description: 'Consent managers and admins only; default `unassessed`',
    }),
    license: LicenseSchema.nullable().optional().openapi({
      description: 'Consent managers and admins only',
    }),
  })
  .openapi('NewAssetFields');
export type CreateAssetFields = z.infer<typeof CreateAssetFieldsSchema>;

export const PatchAssetSchema = z
  .strictObject({
    title: Title.optional(),
    alt: z
      .record(LanguageTag, AltText.nullable())
      .optional()
      .openapi({ description: 'Merged per language; null removes a language' }),
    credit: Credit.optional(),
    tags: KeywordsSchema.optional(),
    legalBasis: LegalBasisSchema.optional().openapi({
      description: 'Consent managers and admins only',
    }),
    license: LicenseSchema.nullable().optional().openapi({
      description: 'Consent managers and admins only; replaces the licence',
    }),
  })
  .openapi('AssetPatch');
export type PatchAsset = z.infer<typeof PatchAssetSchema>;

/** A fraction 0..1 of the picture's width and height, from its top left corner. */
export const RegionSchema = z
  .strictObject({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    w: z.number().gt(0).max(1),
    h: z.number().gt(0).max(1),
  })
  .superRefine((region, ctx) => {
    // A hair of tolerance: clients compute fractions in floating point.
    const EPSILON = 1e-9;
    if (region.x + region.w > 1 + EPSILON)
      ctx.addIssue({ code: 'custom', path: ['w'], message: 'x + w must be at most 1' });
    if (region.y + region.h > 1 + EPSILON)
      ctx.addIssue({ code: 'custom', path: ['h'], message: 'y + h must be at most 1' });
  })
  .openapi('Region');

const PersonTagInputSchema = z
  .strictObject({
    personId: z.string().min(1).max(64),
    region: RegionSchema.nullable().optional(),
    relevant: z.boolean().default(true),
    irrelevanceReason: IrrelevanceReasonSchema.nullable().optional().openapi({
      description: 'Required when relevant is false, absent otherwise',
    }),
  })
  .superRefine((tag, ctx) => {
    const reason = tag.irrelevanceReason ?? null;
    if (!tag.relevant && reason === null)
      ctx.addIssue({
        code: 'custom',
        path: ['irrelevanceReason'],
        message: 'required when relevant is false',
      });
    if (tag.relevant && reason !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['irrelevanceReason'],
        message: 'only when relevant is false',
      });
  })
  .openapi('PersonTagInput');

export const PutPersonTagsSchema = z
  .strictObject({ persons: z.array(PersonTagInputSchema).max(500) })
  .openapi('PersonTags');
export type PutPersonTags = z.infer<typeof PutPersonTagsSchema>;

const PersonTagSchema = z
  .object({
    personId: z.string(),
    name: z.string().optional().openapi({ description: 'Consent managers and admins only' }),
    region: RegionSchema.nullable(),
    relevant: z.boolean(),
    irrelevanceReason: IrrelevanceReasonSchema.nullable(),
  })
  .openapi('PersonTag');

const RenditionSchema = z
  .object({
    name: z.enum(['thumb', 'medium', 'large', 'webp']),
    mime: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    size: z.number().int(),
  })
  .openapi('Rendition');

export const AssetSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    alt: z.record(z.string(), z.string()).openapi({ example: { sv: 'Elever på skolgården' } }),
    credit: z.string().nullable(),
    tags: z.array(z.string()),
    legalBasis: LegalBasisSchema,
    license: z
      .object({ validUntil: z.string().nullable(), channels: z.array(z.string()).nullable() })
      .nullable(),
    width: z.number().int().nullable().openapi({ description: 'Upright width of the original' }),
    height: z.number().int().nullable(),
    original: z
      .object({ mime: z.string(), size: z.number().int(), sha256: z.string() })
      .nullable()
      .openapi({ description: 'Bytes at /v1/assets/{id}/original (editor credentials only)' }),
    renditions: z.array(RenditionSchema),
    persons: z.array(PersonTagSchema),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Asset');
export type AssetDto = z.infer<typeof AssetSchema>;

export const ListAssetsQuery = z.object({
  q: z.string().trim().max(200).optional().openapi({
    description: 'Words in title, keywords or credit; consent managers and admins: person names',
  }),
  legalBasis: LegalBasisSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional().openapi({ description: 'nextCursor of the last page' }),
});

export const AssetListSchema = z
  .object({ assets: z.array(AssetSchema), nextCursor: z.string().nullable() })
  .openapi('AssetList');

export const UploadQuery = z.object({
  title: z.string().optional(),
  credit: z.string().optional(),
  tags: z.string().optional().openapi({ description: 'Comma-separated keywords' }),
  legalBasis: z.string().optional(),
});
