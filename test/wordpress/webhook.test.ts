// The revocation webhook: signature, timestamp window, replay protection, then the purge.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { deliverWebhook, phpErrors, signature } from '../support/http.ts';
import { logMark, logSince, wpEval } from '../support/wordpress-site.ts';
import { configure, createPost, imageBlock } from './configure.ts';

const site = inject('site');
const SECRET = 'whsec_webhook_e2e_3c9d7e21';
let mark: number;

beforeAll(async () => {
  await configure(site, { webhookSecret: SECRET });
  mark = logMark(site);
});

describe('POST /wp-json/clearframe/v1/webhook', () => {
  it('rejects a signature made with another secret (401)', async () => {
    const response = await deliverWebhook(site, ['ast_w1'], 'whsec_wrong');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe(
      'clearframe_webhook_bad_signature',
    );
  });

  it('rejects a missing or malformed signature header (401)', async () => {
    expect((await deliverWebhook(site, ['ast_w1'], SECRET, { header: '' })).status).toBe(401);
    expect((await deliverWebhook(site, ['ast_w1'], SECRET, { header: 't=1,v1=zz' })).status).toBe(
      401,
    );
  });

  it('rejects a correctly signed notification older than five minutes (401)', async () => {
    const old = Math.floor(Date.now() / 1000) - 301;
    const response = await deliverWebhook(site, ['ast_w1'], SECRET, { timestamp: old });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('clearframe_webhook_stale');
  });

  it('accepts a good one, purges the posts that show the asset, and fires clearframe_purge', async () => {
    const post = await createPost(site, 'Webhook purge', imageBlock({ assetId: 'ast_w2' }));
    const other = await createPost(site, 'Unrelated', imageBlock({ assetId: 'ast_w3' }));
    const response = await deliverWebhook(site, ['ast_w2'], SECRET);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { assets: number; posts: number[] };
    expect(body.assets).toBe(1);
    expect(body.posts).toEqual([post.id]);
    expect(body.posts).not.toContain(other.id);
    expect(await wpEval(site, `return get_option( 'cf_e2e_last_purge' );`)).toEqual({
      assets: ['ast_w2'],
      posts: [post.id],
    });
  });

  it('rejects the same delivery replayed (409), even within the time window', async () => {
    const body = JSON.stringify({
      id: 'evt_replay_1',
      type: 'verdicts.changed',
      assetIds: ['ast_w1'],
    });
    const header = signature(body, SECRET);
    const send = () =>
      fetch(`${site.url}/wp-json/clearframe/v1/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-clearframe-signature': header },
        body,
      });
    expect((await send()).status).toBe(200);
    const replay = await send();
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { code: string }).code).toBe('clearframe_webhook_replay');
  });

  it('keeps the post meta index in step with the blocks of a post', async () => {
    const post = await createPost(
      site,
      'Index',
      `${imageBlock({ assetId: 'ast_i1' })}<!-- wp:group --><div class="wp-block-group">${imageBlock({ assetId: 'ast_i2' })}</div><!-- /wp:group -->`,
    );
    const read = () =>
      wpEval<string[]>(
        site,
        `$v = get_post_meta( ${post.id}, '_clearframe_assets' ); sort( $v ); return $v;`,
      );
    expect(await read()).toEqual(['ast_i1', 'ast_i2']);
    await wpEval(
      site,
      `wp_update_post( array( 'ID' => ${post.id}, 'post_content' => '<!-- wp:clearframe/image {"assetId":"ast_i3"} /-->' ) ); return true;`,
    );
    expect(await read()).toEqual(['ast_i3']);
  });

  it('logged no PHP error', () => {
    expect(phpErrors(logSince(site, mark))).toEqual([]);
  });
});
