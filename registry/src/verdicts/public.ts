// Public verdicts: status and timing only, plus signed media while approved. Built from an
// allow-list of fields so that nothing personal (names, reasons, consents) can slip through.
import type { Verdict } from '@clearframe/core';
import type { Kysely } from 'kysely';
import type { Database, Localised, Rendition, Row } from '../db/schema.js';
import { mediaSecretOf } from '../media/secret.js';
import { mediaExpiry, mediaPath, signMedia } from '../media/signing.js';
import { parseJsonText } from '../util/json.js';
import { assertChannel, loadInputs, verdictsOf } from './inputs.js';
import type { PublicMediaDto, PublicVerdictDto } from './schemas.js';

export interface PublicVerdictsRequest {
  orgId: string;
  ids: readonly string[];
  channel: string;
  now: Date;
  /** Scheme and host the media URLs start with (`https://registry.example`). */
  baseUrl: string;
  lang?: string | undefined;
}

export interface PublicVerdictsResult {
  checkedAt: string;
  verdicts: Record<string, PublicVerdictDto>;
  cacheControl: string;
}

/** Longest a public verdict may be cached: a revocation must reach pages within it. */
export const MAX_PUBLIC_MAX_AGE = 60;

const PRESET_LANGUAGE: Readonly<Record<string, string>> = { SE: 'sv', DE: 'de', NO: 'nb' };

export async function publicVerdicts(
  db: Kysely<Database>,
  request: PublicVerdictsRequest,
): Promise<PublicVerdictsResult> {
  const { orgId, ids, channel, now } = request;
  const loaded = await loadInputs(db, orgId, ids);
  assertChannel(loaded.policy, channel);
  const computed = verdictsOf(loaded, channel, now);
  const secret = await mediaSecretOf(db, orgId, now);
  const languages = languagesOf(loaded.policyRow, request.lang);

  const verdicts: Record<string, PublicVerdictDto> = {};
  const shown: Verdict[] = [];
  for (const id of ids) {
    const verdict = computed.get(id);
    const row = loaded.assets.get(id);
    // Unknown, deleted and other organisations' ids look like any blocked asset.
    if (verdict === undefined || row === undefined) {
      verdicts[id] = { status: 'blocked', approvedUntil: null, nextCheckAt: null };
      continue;
    }
    shown.push(verdict);
    const entry: PublicVerdictDto = {
      status: verdict.status,
      approvedUntil: verdict.approvedUntil,
      nextCheckAt: verdict.nextCheckAt,
    };
    if (verdict.status !== 'blocked') {
      const media = mediaOf(row, verdict, { ...request, secret, languages });
      if (media !== undefined) entry.media = media;
    }
    verdicts[id] = entry;
  }
  return { checkedAt: now.toISOString(), verdicts, cacheControl: cacheControlFor(shown, now) };
}

/**
 * `public, max-age=N`, N at most 60 s and never past the batch's earliest `nextCheckAt` or
 * `approvedUntil` (so no cache serves a status after it changed by itself); `no-store` when
 * that instant is less than a second away: the answer is about to change, a cache would only
 * serve it stale. Blocked assets with no instant (revoked, unknown) do not shorten it: only a
 * write can change them, and writes are what the 60 s bound is for.
 */
export function cacheControlFor(verdicts: readonly Verdict[], now: Date): string {
  let seconds = MAX_PUBLIC_MAX_AGE;
  for (const verdict of verdicts) {
    for (const at of [verdict.nextCheckAt, verdict.approvedUntil]) {
      if (at === null) continue;
      seconds = Math.min(seconds, Math.floor((Date.parse(at) - now.getTime()) / 1000));
    }
  }
  return seconds < 1 ? 'no-store' : `public, max-age=${seconds}`;
}

interface MediaContext extends PublicVerdictsRequest {
  secret: Buffer;
  languages: readonly string[];
}

const SRCSET_RENDITIONS = ['thumb', 'medium', 'large'];

function mediaOf(
  row: Row<'assets'>,
  verdict: Verdict,
  context: MediaContext,
): PublicMediaDto | undefined {
  const renditions = parseJsonText<Rendition[]>(row.renditions);
  const byName = new Map(renditions.map((rendition) => [rendition.name, rendition]));
  const main = byName.get('medium') ?? byName.get('large') ?? renditions[0];
  if (main === undefined) return undefined;
  const exp = mediaExpiry(context.now, verdict.nextCheckAt);
  const urlOf = (rendition: Rendition) => {
    const claim = {
      orgId: row.org_id,
      assetId: row.id,
      rendition: rendition.name,
      channel: context.channel,
      exp,
    };
    return context.baseUrl + mediaPath(claim, signMedia(context.secret, claim));
  };

  const media: PublicMediaDto = { src: urlOf(main) };
  const srcset = SRCSET_RENDITIONS.flatMap((name) => byName.get(name) ?? [])
    .sort((a, b) => a.width - b.width)
    .filter((rendition, i, all) => i === 0 || all[i - 1]?.width !== rendition.width)
    .map((rendition) => `${urlOf(rendition)} ${rendition.width}w`);
  if (srcset.length > 0) media.srcset = srcset.join(', ');
  const alt = altOf(parseJsonText<Localised>(row.alt_text), context.languages);
  if (alt !== undefined) media.alt = alt;
  // The intrinsic size of the largest rendition: the aspect ratio a page reserves.
  const largest = byName.get('large') ?? main;
  media.width = largest.width;
  media.height = largest.height;
  return media;
}

/** The asked language, then the preset's, then those the policy labels its first channel in. */
function languagesOf(policy: Row<'policies'>, lang: string | undefined): string[] {
  const first = parseJsonText(policy.channels)[0];
  const preset = PRESET_LANGUAGE[policy.preset];
  return [lang, preset, ...Object.keys(first?.labels ?? {})].filter(
    (language): language is string => language !== undefined,
  );
}

function altOf(alt: Localised, languages: readonly string[]): string | undefined {
  for (const language of languages) {
    const text = alt[language];
    if (text !== undefined && text !== '') return text;
  }
  return Object.values(alt).find((text) => text !== '');
}
