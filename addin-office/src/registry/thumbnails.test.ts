import { describe, expect, it } from 'vitest';
import { fetchThumbnail, thumbnailUrl } from './thumbnails.js';

const PROXY = 'https://localhost:3000/registry-proxy/0/';
const KEY = 'cf_ed_0123456789';

describe('where a thumbnail is', () => {
  it('is the synced thumbUrl under the registry’s base, its proxy prefix kept', () => {
    expect(thumbnailUrl({ id: 'ast_1', thumbUrl: 'v1/assets/ast_1/thumb' }, PROXY)?.href).toBe(
      'https://localhost:3000/registry-proxy/0/v1/assets/ast_1/thumb',
    );
    expect(
      thumbnailUrl({ id: 'ast_1', thumbUrl: 'v1/assets/ast_1/thumb' }, 'http://r.example/')?.href,
    ).toBe('http://r.example/v1/assets/ast_1/thumb');
  });

  it('is the editor route built from the id for a record synced before thumbUrl existed', () => {
    expect(thumbnailUrl({ id: 'ast_2' }, PROXY)?.href).toBe(`${PROXY}v1/assets/ast_2/thumb`);
  });

  it('is nowhere when the record has none, or names a place outside the registry', () => {
    expect(thumbnailUrl({ id: 'ast_3', thumbUrl: null }, PROXY)).toBeNull();
    for (const elsewhere of [
      'https://elsewhere.example/v1/assets/ast_3/thumb',
      '//elsewhere.example/v1/assets/ast_3/thumb',
      '/v1/assets/ast_3/thumb',
      '../1/v1/assets/ast_3/thumb',
    ]) {
      expect(thumbnailUrl({ id: 'ast_3', thumbUrl: elsewhere }, PROXY), elsewhere).toBeNull();
    }
  });
});

describe('fetching a thumbnail', () => {
  function recordingFetch(answer: () => Response) {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
      calls.push({ url: String(input), init });
      return answer();
    }) as typeof fetch;
    return { calls, fetchFn };
  }
  const jpeg = () =>
    new Response(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]), {
      headers: { 'content-type': 'image/jpeg' },
    });

  it('sends the editor key in a header and gives the bytes', async () => {
    const { calls, fetchFn } = recordingFetch(jpeg);
    const signal = new AbortController().signal;
    const blob = await fetchThumbnail(
      { id: 'ast_1', thumbUrl: 'v1/assets/ast_1/thumb' },
      { baseUrl: PROXY, credential: { kind: 'editor', key: KEY }, signal, fetch: fetchFn },
    );

    expect(blob?.type).toBe('image/jpeg');
    expect(blob?.size).toBe(4);
    expect(calls).toEqual([
      {
        url: `${PROXY}v1/assets/ast_1/thumb`,
        init: { credentials: 'omit', headers: { authorization: `Bearer ${KEY}` }, signal },
      },
    ]);
  });

  it('lets the browser send the session cookie, and no key', async () => {
    const { calls, fetchFn } = recordingFetch(jpeg);
    const signal = new AbortController().signal;
    await fetchThumbnail(
      { id: 'ast_1', thumbUrl: 'v1/assets/ast_1/thumb' },
      { baseUrl: PROXY, credential: { kind: 'session' }, signal, fetch: fetchFn },
    );

    expect(calls[0]?.init).toEqual({ credentials: 'include', headers: {}, signal });
  });

  it('gives null for a refusal or an answer that is no image, and asks nothing for none', async () => {
    const options = (fetchFn: typeof fetch) => ({
      baseUrl: PROXY,
      credential: { kind: 'editor', key: KEY } as const,
      signal: new AbortController().signal,
      fetch: fetchFn,
    });
    const problem = recordingFetch(
      () =>
        new Response('{"status":404}', {
          status: 404,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    await expect(fetchThumbnail({ id: 'ast_1' }, options(problem.fetchFn))).resolves.toBeNull();
    const html = recordingFetch(
      () => new Response('<html>', { headers: { 'content-type': 'text/html' } }),
    );
    await expect(fetchThumbnail({ id: 'ast_1' }, options(html.fetchFn))).resolves.toBeNull();

    const none = recordingFetch(jpeg);
    await expect(
      fetchThumbnail({ id: 'ast_1', thumbUrl: null }, options(none.fetchFn)),
    ).resolves.toBeNull();
    await expect(
      fetchThumbnail(
        { id: 'ast_1', thumbUrl: 'https://elsewhere.example/t' },
        options(none.fetchFn),
      ),
    ).resolves.toBeNull();
    expect(none.calls).toEqual([]);
  });
});
