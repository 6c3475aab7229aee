// Image intake: sniff, size-check and decode an upload, store the original untouched and the
// renditions (upright, metadata stripped, never upscaled) in the content-addressed file store.
import sharp from 'sharp';
import type { Metadata, OutputInfo, SharpOptions } from 'sharp';
import type { FileStore } from '../files/file-store.js';
import type { Rendition } from '../db/schema.js';
import { PayloadTooLargeError } from '../errors/payload-too-large-error.js';
import { UnsupportedMediaTypeError } from '../errors/unsupported-media-type-error.js';
import { ValidationError } from '../errors/validation-error.js';
import { IMAGE_TYPES, sniffImageType } from './sniff.js';
import type { ImageType } from './sniff.js';

/** Largest original accepted, in bytes. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;
/** Largest original accepted, in pixels: a small file can decode to gigabytes (a "bomb"). */
export const MAX_IMAGE_PIXELS = 100_000_000;

export const RenditionName = {
  thumb: 'thumb',
  medium: 'medium',
  large: 'large',
  webp: 'webp',
} as const;
export type RenditionName = (typeof RenditionName)[keyof typeof RenditionName];

interface RenditionSpec {
  name: RenditionName;
  width: number;
  format: 'jpeg' | 'webp';
}

/** What media delivery serves; widths are maxima, a smaller picture keeps its own width. */
export const RENDITIONS: readonly RenditionSpec[] = [
  { name: 'thumb', width: 320, format: 'jpeg' },
  { name: 'medium', width: 800, format: 'jpeg' },
  { name: 'large', width: 1600, format: 'jpeg' },
  { name: 'webp', width: 1600, format: 'webp' },
];

export interface StoredOriginal {
  sha256: string;
  mime: ImageType;
  size: number;
  /** Upright dimensions: EXIF orientation applied. */
  width: number;
  height: number;
}

export interface IngestedImage {
  original: StoredOriginal;
  renditions: Rendition[];
}

export interface IngestDeps {
  files: FileStore;
}

const SHARP_FORMATS: Readonly<Record<ImageType, string>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const INPUT_OPTIONS: SharpOptions = {
  limitInputPixels: MAX_IMAGE_PIXELS,
  // Decode what a browser would show: a slightly damaged JPEG from a phone is still a picture.
  failOn: 'error',
};

/**
 * Takes an image upload (JPEG, PNG or WebP by its bytes) and stores it with its renditions.
 * Throws 415 (`file` of another type), 413 (over MAX_IMAGE_BYTES) or 422 (undecodable).
 * Files are written before any database row names them; content addressing makes a retry or
 * an abandoned upload harmless.
 */
export async function ingestImage(deps: IngestDeps, bytes: Uint8Array): Promise<IngestedImage> {
  if (bytes.length > MAX_IMAGE_BYTES) throw new PayloadTooLargeError('file', MAX_IMAGE_BYTES);
  const mime = sniffImageType(bytes);
  if (mime === null) throw new UnsupportedMediaTypeError('file', IMAGE_TYPES);

  const { width, height } = await uprightSize(bytes, mime);
  const renditions = await Promise.all(
    RENDITIONS.map((spec) => renderAndStore(deps.files, bytes, spec)),
  );
  const sha256 = await deps.files.put(bytes);
  return { original: { sha256, mime, size: bytes.length, width, height }, renditions };
}

async function uprightSize(
  bytes: Uint8Array,
  mime: ImageType,
): Promise<{ width: number; height: number }> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, INPUT_OPTIONS).metadata();
  } catch (error) {
    throw undecodable(error);
  }
  // The signature said one type, the decoder found another (a polyglot file): refuse it.
  if (metadata.format !== SHARP_FORMATS[mime])
    throw new UnsupportedMediaTypeError('file', IMAGE_TYPES);
  if (metadata.width * metadata.height > MAX_IMAGE_PIXELS) throw tooManyPixels();
  return metadata.autoOrient;
}

async function renderAndStore(
  files: FileStore,
  bytes: Uint8Array,
  spec: RenditionSpec,
): Promise<Rendition> {
  // sharp writes no metadata unless asked (no EXIF, so no GPS, no camera serial, no XMP).
  let pipeline = sharp(bytes, INPUT_OPTIONS)
    .autoOrient()
    .resize({ width: spec.width, withoutEnlargement: true });
  pipeline =
    spec.format === 'jpeg'
      ? pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 82, progressive: true })
      : pipeline.webp({ quality: 80 });
  let output: { data: Buffer; info: OutputInfo };
  try {
    output = await pipeline.toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw undecodable(error);
  }
  const sha256 = await files.put(output.data);
  return {
    name: spec.name,
    sha256,
    mime: spec.format === 'jpeg' ? 'image/jpeg' : 'image/webp',
    width: output.info.width,
    height: output.info.height,
    size: output.data.length,
  };
}

function undecodable(error: unknown): ValidationError {
  const message = error instanceof Error ? error.message : '';
  if (/pixel limit/i.test(message)) return tooManyPixels(error);
  return new ValidationError([{ field: 'file', message: 'the image could not be decoded' }], {
    cause: error,
  });
}

function tooManyPixels(cause?: unknown): ValidationError {
  return new ValidationError(
    [{ field: 'file', message: `more than ${MAX_IMAGE_PIXELS} pixels` }],
    cause === undefined ? undefined : { cause },
  );
}
