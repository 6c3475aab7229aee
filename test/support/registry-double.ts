// A test double of the Clearframe registry: answers the public verdicts shape of
// docs/api-contract.md (and the editor calls the plugin makes) from verdicts the test sets.
// Kept only for what the real registry cannot do on cue here: verdicts chosen by the test
// (a nextCheckAt seconds away, media URLs made to test escaping) and a count of the requests the
// plugin makes (render.test.ts). Everything else runs against the real registry
// (wordpress/real-registry.ts).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PublicVerdict {
  status: 'approved' | 'expiring' | 'blocked';
  approvedUntil: string | null;
  nextCheckAt: string | null;
  media?: { src: string; srcset?: string; alt?: string; width?: number; height?: number };
}

export interface RegistryDouble {
  url: string;
  publishableKey: string;
  editorKey: string;
  /** Verdicts by asset id; unknown ids answer blocked, as the contract says. */
  verdicts: Map<string, PublicVerdict>;
  /** Every request received, as path with query. */
  requests: string[];
  close(): Promise<void>;
}

const blocked: PublicVerdict = { status: 'blocked', approvedUntil: null, nextCheckAt: null };

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json') {
  response.writeHead(status, { 'content-type': type });
  response.end(JSON.stringify(body));
}

function problem(response: ServerResponse, status: number, title: string) {
  send(response, status, { type: 'about:blank', title, status }, 'application/problem+json');
}

export async function startRegistryDouble(): Promise<RegistryDouble> {
  const state = {
    publishableKey: 'cf_pk_e2e_public_7f3a9c1d',
    editorKey: 'cf_ed_e2e_editor_5b8e2f40',
    verdicts: new Map<string, PublicVerdict>(),
    requests: [] as string[],
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://registry.invalid');
    state.requests.push(url.pathname + url.search);
    const bearer = request.headers.authorization?.replace(/^Bearer /, '');

    if (request.method === 'GET' && url.pathname === '/v1/public/verdicts') {
      if ((url.searchParams.get('key') ?? bearer) !== state.publishableKey) {
        return problem(response, 401, 'Unknown publishable key');
      }
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      if (ids.length === 0 || ids.length > 100) {
        return problem(response, 400, 'ids must list 1 to 100 asset ids');
      }
      return send(response, 200, {
        checkedAt: new Date().toISOString(),
        verdicts: Object.fromEntries(ids.map((id) => [id, state.verdicts.get(id) ?? blocked])),
      });
    }
    if (bearer !== state.editorKey) {
      return problem(response, 401, 'Unknown editor key');
    }
    if (request.method === 'GET' && url.pathname === '/v1/sync') {
      return send(response, 200, { changes: [], cursor: 'c0', hasMore: false });
    }
    const editorVerdict = url.pathname.match(/^\/v1\/assets\/([^/]+)\/verdict$/);
    if (request.method === 'GET' && editorVerdict?.[1]) {
      const id = decodeURIComponent(editorVerdict[1]);
      const verdict = state.verdicts.get(id) ?? blocked;
      return send(response, 200, {
        assetId: id,
        channel: url.searchParams.get('channel') ?? 'web',
        verdict: {
          status: verdict.status,
          channels: verdict.status === 'blocked' ? [] : ['web'],
          approvedUntil: verdict.approvedUntil,
          nextCheckAt: verdict.nextCheckAt,
          coverage: 'complete',
          reasons:
            verdict.status === 'blocked' ? [{ code: 'consent_revoked', personId: 'per_1' }] : [],
          warnings: [],
        },
        persons: [],
        usages: [],
      });
    }
    return problem(response, 404, 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
