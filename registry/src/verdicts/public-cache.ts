// What /v1/public/verdicts keeps in memory between requests: publishable keys and, per
// organisation, a snapshot of evaluation inputs with memoised verdicts.
//
// Why it stays correct across instances: every write runs under its organisation's lock and
// bumps `org_counters.change_seq` (a change-feed row) or `audit_seq` (an audit entry) in its own
// transaction (db/write.ts); a key revocation is audited, a consent, tag, asset, person or
// policy change is both. Each request reads that pair once (one indexed row) before it uses
// anything cached: an unchanged pair means nothing committed since the cached data was read, on
// this instance or any other; a changed pair drops the organisation's snapshot and re-reads the
// key. So a write is seen by the very next request that starts after it commits: the staleness
// bound is zero, and time-driven changes are left to `evaluate` (see `VerdictMemo`).
import type { Policy, Verdict } from '@clearframe/core';
import type { CompiledQuery, Kysely } from 'kysely';
import { lookupPrefixOf } from '../auth/api-keys.js';
import { originAllowed } from '../auth/origins.js';
import type { Database, Localised, Rendition, Row } from '../db/schema.js';
import { hexEquals, sha256Hex } from '../util/crypto.js';
import { parseJsonText, parseNullableJsonText } from '../util/json.js';
import { evaluateAsset, loadInputs } from './inputs.js';
import type { AssetEvaluation } from './inputs.js';

/** An organisation's counters as read at one instant: equal pairs, nothing written between. */
export interface OrgVersion {
  readonly changeSeq: number;
  readonly auditSeq: number;
}

function sameVersion(a: OrgVersion, b: OrgVersion): boolean {
  return a.changeSeq === b.changeSeq && a.auditSeq === b.auditSeq;
}

/** Bounds on what one process keeps: cleared whole when reached (a cold start, not an error). */
const MAX_KEYS = 10_000;
const MAX_ORIGINS_PER_KEY = 64;
const MAX_ASSETS_PER_ORG = 50_000;

export interface PublishableKey {
  row: Row<'api_keys'>;
  /** The key's organisation's counters, read in the same statement as the key (or after). */
  version: OrgVersion;
  originAllowed(origin: string | undefined): boolean;
}

interface KeyEntry {
  row: Row<'api_keys'>;
  version: OrgVersion;
  origins: readonly string[];
  originAnswers: Map<string, boolean>;
  answer?: PublishableKey;
}

/** A verdict for one channel, valid for `now` in [from, until): `evaluate` is a pure function. */
export interface VerdictMemo {
  readonly verdict: Verdict;
  readonly from: number;
  /** The verdict's earliest `nextCheckAt` or `approvedUntil` (ms), else +Infinity. */
  readonly until: number;
  /** Its `nextCheckAt` (ms), or null. */
  readonly nextCheck: number | null;
}

export interface CachedAsset {
  row: Row<'assets'>;
  input: AssetEvaluation;
  renditions: Rendition[];
  alt: Localised;
  verdicts: Map<string, VerdictMemo>;
  /**
   * This asset's `"id":{…}` entry of the public JSON, by what it depends on besides the verdict
   * and the media `exp` (channel, base URL, languages: few keys).
   */
  rendered: Map<string, { verdict: Verdict; exp: number; json: string }>;
}

/** One organisation's inputs, as of `version` or later (loaded lazily, after it was read). */
export class OrgSnapshot {
  policyRow: Row<'policies'> | undefined;
  policy: Policy | undefined;
  /** `null`: not a live asset of this organisation (unknown, deleted, someone else's). */
  readonly assets = new Map<string, CachedAsset | null>();
  readonly languages = new Map<string, readonly string[]>();

  constructor(readonly version: OrgVersion | undefined) {}

  /** Whether the policy and every one of `ids` are loaded (ensure would read nothing). */
  covers(ids: readonly string[]): boolean {
    if (this.policy === undefined) return false;
    for (const id of ids) if (!this.assets.has(id)) return false;
    return true;
  }

  /** Loads what is missing among `ids` (policy included) in one `loadInputs`. */
  async ensure(
    db: Kysely<Database>,
    orgId: string,
    ids: readonly string[],
    stats: PublicCacheStats,
  ): Promise<void> {
    const missing = ids.filter((id) => !this.assets.has(id));
    if (missing.length === 0 && this.policy !== undefined) return;
    stats.inputLoads += 1;
    const loaded = await loadInputs(db, orgId, missing);
    this.policyRow ??= loaded.policyRow;
    this.policy ??= loaded.policy;
    if (this.assets.size + missing.length > MAX_ASSETS_PER_ORG) this.assets.clear();
    for (const id of missing) {
      const row = loaded.assets.get(id);
      const input = loaded.inputs.get(id);
      this.assets.set(
        id,
        row === undefined || input === undefined
          ? null
          : {
              row,
              input,
              renditions: parseJsonText<Rendition[]>(row.renditions),
              alt: parseJsonText<Localised>(row.alt_text),
              verdicts: new Map(),
              rendered: new Map(),
            },
      );
    }
  }
}

/** `asset`'s verdict for `channel` at `now`, evaluated again only when it may have changed. */
export function verdictOf(asset: CachedAsset, channel: string, now: Date): Verdict {
  return verdictMemoOf(asset, channel, now).verdict;
}

/** verdictOf with its instants parsed (valid at `now`). */
export function verdictMemoOf(asset: CachedAsset, channel: string, now: Date): VerdictMemo {
  const at = now.getTime();
  const memo = asset.verdicts.get(channel);
  if (memo !== undefined && memo.from <= at && at < memo.until) return memo;
  const verdict = evaluateAsset(asset.input, channel, now);
  // nextCheckAt is the first instant the status changes without a write (spec §6), and
  // approvedUntil never comes before it; either bounds the memo. Data changes drop it whole.
  const nextCheck = verdict.nextCheckAt === null ? null : Date.parse(verdict.nextCheckAt);
  let until = nextCheck ?? Number.POSITIVE_INFINITY;
  if (verdict.approvedUntil !== null) until = Math.min(until, Date.parse(verdict.approvedUntil));
  const fresh = { verdict, from: at, until, nextCheck };
  asset.verdicts.set(channel, fresh);
  return fresh;
}

export interface PublicCacheStats {
  /** How many times inputs were read from the database (tests check the cache is warm). */
  inputLoads: number;
  /** How many times a publishable key was read from the database. */
  keyLoads: number;
}

type VersionQuery = CompiledQuery<{ change_seq: number; audit_seq: number }>;

class PublicCache {
  readonly stats: PublicCacheStats = { inputLoads: 0, keyLoads: 0 };
  readonly #keys = new Map<string, KeyEntry>();
  readonly #orgs = new Map<string, OrgSnapshot>();
  /** The version query per organisation, compiled once: it runs on every request. */
  readonly #versionQueries = new Map<string, VersionQuery>();

  constructor(readonly db: Kysely<Database>) {}

  /** The organisation's counters now: the one query every public request makes (primary key). */
  async version(orgId: string): Promise<OrgVersion | undefined> {
    let query = this.#versionQueries.get(orgId);
    if (query === undefined) {
      query = this.db
        .selectFrom('org_counters')
        .select(['change_seq', 'audit_seq'])
        .where('org_id', '=', orgId)
        .compile();
      if (this.#versionQueries.size >= MAX_KEYS) this.#versionQueries.clear();
      this.#versionQueries.set(orgId, query);
    }
    const [row] = (await this.db.executeQuery(query)).rows;
    return row === undefined ? undefined : { changeSeq: row.change_seq, auditSeq: row.audit_seq };
  }

  /** The live publishable key for `secret`, checked against its organisation's counters. */
  async publishableKey(secret: string): Promise<PublishableKey | undefined> {
    const cached = this.#keys.get(secret);
    if (cached !== undefined) {
      const version = await this.version(cached.row.org_id);
      if (version !== undefined && sameVersion(version, cached.version))
        return this.#answer(cached);
      this.#keys.delete(secret);
    }
    const entry = await this.#loadKey(secret);
    if (entry === undefined) return undefined;
    if (this.#keys.size >= MAX_KEYS) this.#keys.clear();
    this.#keys.set(secret, entry);
    return this.#answer(entry);
  }

  /** The organisation's snapshot at `version`: the cached one, or a new one that replaces it. */
  snapshot(orgId: string, version: OrgVersion | undefined): OrgSnapshot {
    if (version === undefined) return new OrgSnapshot(undefined);
    const cached = this.#orgs.get(orgId);
    if (cached?.version !== undefined && sameVersion(cached.version, version)) return cached;
    const fresh = new OrgSnapshot(version);
    this.#orgs.set(orgId, fresh);
    return fresh;
  }

  /** Key and counters in one statement: a consistent pair on both engines. */
  async #loadKey(secret: string): Promise<KeyEntry | undefined> {
    const prefix = lookupPrefixOf(secret);
    if (prefix === undefined) return undefined;
    this.stats.keyLoads += 1;
    const found = await this.db
      .selectFrom('api_keys')
      .innerJoin('org_counters', 'org_counters.org_id', 'api_keys.org_id')
      .selectAll('api_keys')
      .select(['org_counters.change_seq', 'org_counters.audit_seq'])
      .where('api_keys.prefix', '=', prefix)
      .where('api_keys.revoked_at', 'is', null)
      .executeTakeFirst();
    if (found === undefined) return undefined;
    const { change_seq: changeSeq, audit_seq: auditSeq, ...row } = found;
    if (row.kind !== 'publishable' || !hexEquals(row.secret_hash, sha256Hex(secret)))
      return undefined;
    return {
      row,
      version: { changeSeq, auditSeq },
      origins: parseNullableJsonText(row.allowed_origins) ?? [],
      originAnswers: new Map(),
    };
  }

  /** The entry as callers see it: built once per entry (row and version never change in it). */
  #answer(entry: KeyEntry): PublishableKey {
    return (entry.answer ??= {
      row: entry.row,
      version: entry.version,
      originAllowed: (origin) => {
        if (origin === undefined) return false;
        let allowed = entry.originAnswers.get(origin);
        if (allowed === undefined) {
          allowed = originAllowed(origin, entry.origins);
          if (entry.originAnswers.size >= MAX_ORIGINS_PER_KEY) entry.originAnswers.clear();
          entry.originAnswers.set(origin, allowed);
        }
        return allowed;
      },
    });
  }
}

const caches = new WeakMap<Kysely<Database>, PublicCache>();

/** The cache of one database (tests open many; a server, one). */
export function publicCacheOf(db: Kysely<Database>): PublicCache {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new PublicCache(db);
    caches.set(db, cache);
  }
  return cache;
}
