// Public verdicts: status and timing only, plus signed media while approved. Built from an
// allow-list of fields so that nothing personal (names, reasons, consents) can slip through.
import type { Kysely } from 'kysely';
import type { Database, Localised, Rendition, Row } from '../db/schema.js';
import { knownMediaSecret, mediaSecretOf } from '../media/secret.js';
import { mediaExpiryAt, mediaPath, signMedia } from '../media/signing.js';
import { parseJsonText } from '../util/json.js';
import { assertChannel } from './inputs.js';
import { publicCacheOf, verdictMemoOf } from './public-cache.js';
import type { CachedAsset, OrgSnapshot, OrgVersion, VerdictMemo } from './public-cache.js';
import type { PublicMediaDto, PublicVerdictDto } from './schemas.js';

export interface PublicVerdictsRequest {
  orgId: string;
  ids: readonly string[];
  channel: string;
  now: Date;
  /** Scheme and host the media URLs start with (`https://registry.example`). */
  baseUrl: string;
  lang?: string | undefined;
  /** The organisation's counters as the key check read them this request; else read here. */
  version?: OrgVersion | undefined;
}

export interface PublicVerdictsResult {
  checkedAt: string;
  /** The response body, `{ checkedAt, verdicts }` (PublicVerdictsSchema) as JSON text. */
  body: string;
  cacheControl: string;
}

/** Longest a public verdict may be cached: a revocation must reach pages within it. */
export const MAX_PUBLIC_MAX_AGE = 60;

const PRESET_LANGUAGE: Readonly<Record<string, string>> = { SE: 'sv', DE: 'de', NO: 'nb' };

const BLOCKED_JSON = JSON.stringify({
  status: 'blocked',
  approvedUntil: null,
  nextCheckAt: null,
} satisfies PublicVerdictDto);

/**
 * The verdicts from the organisation's in-memory snapshot (public-cache.ts), which is only used
 * while the organisation's counters are those read at the start of this request.
 */
export async function publicVerdicts(
  db: Kysely<Database>,
  request: PublicVerdictsRequest,
): Promise<PublicVerdictsResult> {
  const { orgId, ids, channel, now } = request;
  const cache = publicCacheOf(db);
  const version = request.version ?? (await cache.version(orgId));
  const snapshot = cache.snapshot(orgId, version);
  // Warm snapshots and secrets are used as they are: no promise to wait for on every request.
  if (!snapshot.covers(ids)) await snapshot.ensure(db, orgId, ids, cache.stats);
  const { policy, policyRow } = snapshot;
  if (policy === undefined || policyRow === undefined) throw new Error('policy not loaded');
  assertChannel(policy, channel);
  const secret = knownMediaSecret(db, orgId) ?? (await mediaSecretOf(db, orgId, now));
  const languages = languagesOf(snapshot, policyRow, request.lang);
  const context: MediaContext = {
    ...request,
    secret,
    languages,
    // What every entry depends on besides its verdict and `exp`: one string for the batch.
    renderKey: `${channel}\n${request.baseUrl}\n${languages.join(',')}`,
  };

  const at = now.getTime();
  const entries: string[] = [];
  let changesAt = Number.POSITIVE_INFINITY;
  for (const id of ids) {
    const asset = snapshot.assets.get(id);
    // Unknown, deleted and other organisations' ids look like any blocked asset.
    if (asset === undefined || asset === null) {
      entries.push(`${JSON.stringify(id)}:${BLOCKED_JSON}`);
      continue;
    }
    const memo = verdictMemoOf(asset, channel, now);
    if (memo.until < changesAt) changesAt = memo.until;
    entries.push(entryJson(asset, memo, at, context));
  }
  const checkedAt = now.toISOString();
  return {
    checkedAt,
    body: `{"checkedAt":${JSON.stringify(checkedAt)},"verdicts":{${entries.join(',')}}}`,
    cacheControl: cacheControlUntil(changesAt, at),
  };
}

/**
 * `public, max-age=N`, N at most 60 s and never past the batch's earliest `nextCheckAt` or
 * `approvedUntil` (so no cache serves a status after it changed by itself); `no-store` when
 * that instant is less than a second away: the answer is about to change, a cache would only
 * serve it stale. Blocked assets with no instant (revoked, unknown) do not shorten it: only a
 * write can change them, and writes are what the 60 s bound is for. `earliest` is that instant
 * (ms), +Infinity when there is none.
 */
function cacheControlUntil(earliest: number, now: number): string {
  const seconds = Math.min(MAX_PUBLIC_MAX_AGE, Math.floor((earliest - now) / 1000));
  return seconds < 1 ? 'no-store' : `public, max-age=${seconds}`;
}

interface MediaContext extends PublicVerdictsRequest {
  secret: Buffer;
  languages: readonly string[];
  /** Channel, base URL and languages: the key of an asset's rendered entries. */
  renderKey: string;
}

const SRCSET_RENDITIONS = ['thumb', 'medium', 'large'];

/** One asset's `"id":{…}` entry: status and timing, and signed media unless blocked. */
function entryJson(
  asset: CachedAsset,
  memo: VerdictMemo,
  at: number,
  context: MediaContext,
): string {
  const { verdict } = memo;
  const exp = verdict.status === 'blocked' ? 0 : mediaExpiryAt(at, memo.nextCheck);
  const known = asset.rendered.get(context.renderKey);
  if (known !== undefined && known.verdict === verdict && known.exp === exp) return known.json;
  const entry: PublicVerdictDto = {
    status: verdict.status,
    approvedUntil: verdict.approvedUntil,
    nextCheckAt: verdict.nextCheckAt,
  };
  if (verdict.status !== 'blocked') {
    const media = buildMedia(asset, exp, context);
    if (media !== undefined) entry.media = media;
  }
  const json = `${JSON.stringify(asset.row.id)}:${JSON.stringify(entry)}`;
  if (asset.rendered.size >= 8) asset.rendered.clear();
  asset.rendered.set(context.renderKey, { verdict, exp, json });
  return json;
}

function buildMedia(
  { row, renditions, alt: altText }: CachedAsset,
  exp: number,
  context: MediaContext,
): PublicMediaDto | undefined {
  const byName = new Map(renditions.map((rendition) => [rendition.name, rendition]));
  const main = byName.get('medium') ?? byName.get('large') ?? renditions[0];
  if (main === undefined) return undefined;
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
  const alt = altOf(altText, context.languages);
  if (alt !== undefined) media.alt = alt;
  // The intrinsic size of the largest rendition: the aspect ratio a page reserves.
  const largest = byName.get('large') ?? main;
  media.width = largest.width;
  media.height = largest.height;
  return media;
}

/** The asked language, then the preset's, then those the policy labels its first channel in. */
function languagesOf(
  snapshot: OrgSnapshot,
  policy: Row<'policies'>,
  lang: string | undefined,
): readonly string[] {
  const known = snapshot.languages.get(lang ?? '');
  if (known !== undefined) return known;
  const first = parseJsonText(policy.channels)[0];
  const preset = PRESET_LANGUAGE[policy.preset];
  const languages = [lang, preset, ...Object.keys(first?.labels ?? {})].filter(
    (language): language is string => language !== undefined,
  );
  // `lang` is a validated tag; few distinct ones are asked, but bound them anyway.
  if (snapshot.languages.size >= 32) snapshot.languages.clear();
  snapshot.languages.set(lang ?? '', languages);
  return languages;
}

function altOf(alt: Localised, languages: readonly string[]): string | undefined {
  for (const language of languages) {
    const text = alt[language];
    if (text !== undefined && text !== '') return text;
  }
  return Object.values(alt).find((text) => text !== '');
}
