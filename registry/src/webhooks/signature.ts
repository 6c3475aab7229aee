// The webhook signature: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with
// the webhook's secret (api-contract.md). Subscribers reject old timestamps and seen event ids.
import { createHmac } from 'node:crypto';
import { hexEquals, randomToken } from '../util/crypto.js';

export const SIGNATURE_HEADER = 'X-Clearframe-Signature';
export const EVENT_HEADER = 'X-Clearframe-Event';
export const DELIVERY_HEADER = 'X-Clearframe-Delivery';

/** How far a subscriber may trust a timestamp either way, in seconds. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new signing secret, shown once to the admin who creates the webhook. */
export function newWebhookSecret(): string {
  return `whsec_${randomToken(32)}`;
}

export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header value for `body` signed at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signPayload(secret, timestamp, body)}`;
}

/**
 * Checks a header against the raw body as a subscriber would: a v1 entry matches and the
 * timestamp is within the tolerance of `nowSeconds`.
 */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  nowSeconds: number,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): boolean {
  let timestamp: number | undefined;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const [name, value = ''] = part.trim().split('=', 2);
    if (name === 't' && /^\d+$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === undefined || candidates.length === 0) return false;
  const expected = signPayload(secret, timestamp, body);
  const matches = candidates.some((candidate) => hexEquals(candidate, expected));
  return matches && Math.abs(nowSeconds - timestamp) <= toleranceSeconds;
}
