// A test double of the registry's HTTP shapes (docs/api-contract.md), built on Hono, served in-process.
// Only what the core client relies on; the end-to-end suite runs against the real registry.
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { evaluate } from '../rules/evaluate.js';
import type { Verdict } from '../rules/types.js';
import type {
  AssetRecord,
  Change,
  ConsentRecord,
  PersonRecord,
  PolicyRecord,
  PublicVerdict,
  RecordType,
} from './types.js';

export const EDITOR_KEY = 'cf_ed_test';
export const PUBLISHABLE_KEY = 'cf_pk_test';
const ORG = 'org_test';

interface RecordOf {
  policy: PolicyRecord;
  asset: AssetRecord;
  person: PersonRecord;
  consent: ConsentRecord;
}

interface Entry {
  seq: number;
  change: Change;
}

export interface SeenRequest {
  path: string;
  search: URLSearchParams;
  authorization: string | null;
}

export interface RegistryDouble {
  /** Pass as the client's `fetch`. */
  fetch: (request: Request) => Promise<Response>;
  requests: SeenRequest[];
  /** Every change served by `/v1/sync`, in order (to show nothing is served twice). */
  served: Change[];
  put<T extends RecordType>(type: T, record: RecordOf[T]): void;
  remove(type: RecordType, id: string): void;
  /** The next `times` requests answer `status` with a problem body. */
  failNext(status: number, times: number): void;
  /** While set, every request answers 503 (the registry is down). */
  down: boolean;
  /** While set, fetch itself rejects as browsers do when offline. */
  offline: boolean;
  /** Answer this body with 200 to the next request, whatever it asked. */
  respondNextWith(body: string, contentType?: string): void;
  /** Wait this long before answering (honours the request's abort signal). */
  delayMs: number;
  pageSize: number;
}

export function createRegistryDouble(options: { now?: () => number } = {}): RegistryDouble {
  const now = options.now ?? (() => Date.now());
  const log = new Map<string, Entry>();
  let seq = 0;
  let failures: { status: number; times: number } | undefined;
  let canned: { body: string; contentType: string } | undefined;

  const double: RegistryDouble = {
    fetch: async (request) => {
      if (double.offline) throw new TypeError('fetch failed');
      return app.request(request);
    },
    requests: [],
    served: [],
    put(type, record) {
      const id = type === 'policy' ? ORG : (record as { id: string }).id;
      log.delete(`${type}:${id}`); // re-inserted at the end: commit order
      log.set(`${type}:${id}`, {
        seq: ++seq,
        change: { type, id, deleted: false, data: structuredClone(record) } as Change,
      });
    },
    remove(type, id) {
      log.delete(`${type}:${id}`);
      log.set(`${type}:${id}`, { seq: ++seq, change: { type, id, deleted: true } });
    },
    failNext(status, times) {
      failures = { status, times };
    },
    respondNextWith(body, contentType = 'application/json') {
      canned = { body, contentType };
    },
    down: false,
    offline: false,
    delayMs: 0,
    pageSize: 500,
  };

  const live = <T extends RecordType>(type: T): RecordOf[T][] =>
    [...log.values()]
      .map((entry) => entry.change)
      .filter((change) => change.type === type && !change.deleted)
      .map((change) => (change as unknown as { data: RecordOf[T] }).data);

  function verdictOf(assetId: string, channel: string): Verdict | undefined {
    const policy = live('policy')[0];
    const asset = live('asset').find((a) => a.id === assetId);
    if (!policy || !asset) return undefined;
    const tagged = new Set((asset.persons ?? []).map((tag) => tag.personId));
    return evaluate({
      policy,
      asset,
      persons: live('person').filter((p) => tagged.has(p.id)),
      consents: live('consent').filter((c) => tagged.has(c.personId)),
      channel,
      now: new Date(now()).toISOString(),
    });
  }

  const app = new Hono();

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    double.requests.push({
      path: url.pathname,
      search: url.searchParams,
      authorization: c.req.header('authorization') ?? null,
    });
    if (double.delayMs > 0) await sleep(double.delayMs, c.req.raw.signal);
    if (double.down) return problem(c, 503, 'unavailable', 'The registry is down for a test');
    if (failures && failures.times > 0) {
      failures.times--;
      return problem(c, failures.status, 'injected', 'A failure injected by the test');
    }
    if (canned) {
      const { body, contentType } = canned;
      canned = undefined;
      return c.body(body, 200, { 'content-type': contentType });
    }
    return next();
  });

  const editorOnly = (c: Context) =>
    c.req.header('authorization') === `Bearer ${EDITOR_KEY}`
      ? undefined
      : problem(c, 401, 'unauthorized', 'An editor credential is required');

  app.get('/v1/sync', (c) => {
    const refused = editorOnly(c);
    if (refused) return refused;
    const since = Number(c.req.query('since') ?? '0');
    const limit = Number(c.req.query('limit') ?? double.pageSize);
    const pending = [...log.values()].filter((entry) => entry.seq > since);
    const page = pending.slice(0, limit);
    double.served.push(...page.map((entry) => entry.change));
    const last = page.at(-1)?.seq ?? Math.max(since, seq);
    return c.json({
      changes: page.map((entry) => entry.change),
      cursor: String(last),
      hasMore: pending.length > page.length,
    });
  });

  app.get('/v1/assets/:id/verdict', (c) => {
    const refused = editorOnly(c);
    if (refused) return refused;
    const channel = c.req.query('channel');
    if (!channel) return problem(c, 400, 'invalid_request', 'channel is required');
    const assetId = c.req.param('id');
    const verdict = verdictOf(assetId, channel);
    if (!verdict) return problem(c, 404, 'not_found', `No asset ${assetId}`);
    return c.json({ assetId, channel, verdict, persons: [], usages: [] });
  });

  app.get('/v1/public/verdicts', (c) => {
    if (c.req.query('key') !== PUBLISHABLE_KEY)
      return problem(c, 401, 'unauthorized', 'A publishable key is required');
    const channel = c.req.query('channel');
    const ids = (c.req.query('ids') ?? '').split(',').filter(Boolean);
    if (!channel || ids.length === 0 || ids.length > 100)
      return problem(c, 400, 'invalid_request', 'channel and 1..100 ids are required');
    const verdicts: Record<string, PublicVerdict> = {};
    for (const id of ids) {
      const verdict = verdictOf(id, channel);
      verdicts[id] =
        verdict && verdict.status !== 'blocked'
          ? {
              status: verdict.status,
              approvedUntil: verdict.approvedUntil,
              nextCheckAt: verdict.nextCheckAt,
              media: {
                src: `https://registry.test/v1/media/${id}/medium?channel=${channel}`,
                srcset: `https://registry.test/v1/media/${id}/thumb 320w`,
                alt: `Picture ${id}`,
                width: 1600,
                height: 1067,
              },
            }
          : { status: 'blocked', approvedUntil: null, nextCheckAt: null };
    }
    return c.json({ checkedAt: new Date(now()).toISOString(), verdicts });
  });

  return double;
}

function problem(c: Context, status: number, code: string, detail: string) {
  const body = { type: 'about:blank', title: detail, status, detail, code };
  return c.body(JSON.stringify(body), status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}

/** Waits, or stops waiting when the client gives up (its answer then goes nowhere). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** 2026-11-23 23:55 in Stockholm, five minutes before the demo consent ends. */
export const DEMO_NOW = Date.parse('2026-11-23T22:55:00.000Z');
/** The end of 2026-11-23 in Stockholm: the first instant the demo consent no longer covers. */
export const DEMO_CONSENT_END = Date.parse('2026-11-23T23:00:00.000Z');

/** A Swedish organisation with one approved picture (consent to the end of the day) and one unassessed. */
export function seedDemo(double: RegistryDouble): void {
  double.put('policy', {
    timeZone: 'Europe/Stockholm',
    channels: ['web', 'intranet', 'print'],
    channelLabels: { web: { sv: 'Webb', en: 'Web' } },
  });
  double.put('person', { id: 'per_1', birthDate: '1990-05-01' });
  double.put('asset', {
    id: 'ast_choir',
    legalBasis: 'consent',
    persons: [{ personId: 'per_1', relevant: true }],
    title: 'The choir on stage',
    alt: { sv: 'Kören på scenen', en: 'The choir on stage' },
    tags: ['music'],
  });
  double.put('consent', {
    id: 'con_1',
    personId: 'per_1',
    kind: 'written',
    channels: ['web', 'print'],
    validFrom: '2026-01-01',
    validUntil: '2026-11-23',
  });
  double.put('asset', { id: 'ast_unassessed', legalBasis: 'unassessed', persons: [] });
}
