// Signed, expiring media URLs: HMAC-SHA256 over (org, asset, rendition, channel, exp) with the
// organisation's secret. The URL names no organisation; the asset row does.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface MediaClaim {
  orgId: string;
  assetId: string;
  rendition: string;
  channel: string;
  /** Unix seconds after which the URL is refused. */
  exp: number;
}

/** Longest life of a media URL, whatever the verdict says. */
export const MAX_MEDIA_URL_SECONDS = 3600;
/** URLs issued within one bucket share their `exp`, so pages and caches see stable URLs. */
const EXP_BUCKET_SECONDS = 900;

// Expiries are bucketed, so the same claims are signed again and again: remember the answers.
const signatures = new WeakMap<Buffer, Map<string, string>>();
const MAX_REMEMBERED = 50_000;

export function signMedia(secret: Buffer, claim: MediaClaim): string {
  const message = [claim.orgId, claim.assetId, claim.rendition, claim.channel, claim.exp].join(
    '\n',
  );
  let known = signatures.get(secret);
  if (known === undefined) {
    known = new Map();
    signatures.set(secret, known);
  }
  let sig = known.get(message);
  if (sig === undefined) {
    sig = createHmac('sha256', secret).update(message).digest('hex');
    if (known.size >= MAX_REMEMBERED) known.clear();
    known.set(message, sig);
  }
  return sig;
}

export function mediaSignatureValid(secret: Buffer, claim: MediaClaim, sig: string): boolean {
  if (!/^[0-9a-f]{64}$/.test(sig)) return false;
  return timingSafeEqual(Buffer.from(signMedia(secret, claim), 'hex'), Buffer.from(sig, 'hex'));
}

/**
 * The `exp` of a URL issued at `now`: at most an hour ahead, never after `nextCheckAt` (a URL
 * must not outlive the verdict it was issued under), rounded down to a bucket when it can be.
 */
export function mediaExpiry(now: Date, nextCheckAt: string | null): number {
  return mediaExpiryAt(now.getTime(), nextCheckAt === null ? null : Date.parse(nextCheckAt));
}

/** mediaExpiry with both instants in milliseconds (`nextCheck` already parsed). */
export function mediaExpiryAt(now: number, nextCheck: number | null): number {
  const nowSeconds = Math.floor(now / 1000);
  const bucket = nowSeconds - (nowSeconds % EXP_BUCKET_SECONDS);
  let exp = bucket + MAX_MEDIA_URL_SECONDS;
  if (nextCheck !== null) exp = Math.min(exp, Math.floor(nextCheck / 1000));
  return exp;
}

export function mediaPath(claim: Omit<MediaClaim, 'orgId'>, sig: string): string {
  const query = new URLSearchParams({ channel: claim.channel, exp: String(claim.exp), sig });
  return `/v1/media/${encodeURIComponent(claim.assetId)}/${encodeURIComponent(claim.rendition)}?${query.toString()}`;
}
