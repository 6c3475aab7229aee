// Server-side rendering of clearframe/image: the figure only while approved, escaped; nothing
// (and no PHP error) when the registry cannot be reached; gone after a webhook or cache expiry.
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { deliverWebhook, phpErrors } from '../support/http.ts';
import { closedUrl } from '../support/ports.ts';
import {
  startRegistryDouble,
  type PublicVerdict,
  type RegistryDouble,
} from '../support/registry-double.ts';
import { logMark, logSince } from '../support/wordpress-site.ts';
import { configure, createPost, expireVerdicts, imageBlock } from './configure.ts';

const site = inject('site');
const SECRET = 'whsec_render_e2e_8d1f';
const FIGURE = /<figure[^>]*wp-block-clearframe-image/;
let registry: RegistryDouble;

function approved(registryUrl: string, id: string, nextCheckInSeconds = 86_400): PublicVerdict {
  const now = Date.now();
  return {
    status: 'approved',
    approvedUntil: new Date(now + 30 * 86_400_000).toISOString(),
    nextCheckAt: new Date(now + nextCheckInSeconds * 1000).toISOString(),
    media: {
      src: `${registryUrl}/v1/media/${id}/medium?channel=web&exp=1900000000&sig=ab12`,
      srcset: `${registryUrl}/v1/media/${id}/thumb?sig=1 320w, ${registryUrl}/v1/media/${id}/large?sig=2 1600w`,
      alt: 'From the registry',
      width: 1600,
      height: 1067,
    },
  };
}

const blocked: PublicVerdict = { status: 'blocked', approvedUntil: null, nextCheckAt: null };

async function page(link: string): Promise<string> {
  const response = await fetch(link);
  expect(response.status).toBe(200);
  return response.text();
}

beforeAll(async () => {
  registry = await startRegistryDouble();
});

afterAll(async () => {
  await registry.close();
});

beforeEach(async () => {
  await configure(site, {
    registryUrl: registry.url,
    publishableKey: registry.publishableKey,
    editorKey: registry.editorKey,
    webhookSecret: SECRET,
    channel: 'web',
  });
  await expireVerdicts(site);
});

describe('clearframe/image on a published page', () => {
  it('shows an approved picture with the registry media and the escaped alt and caption', async () => {
    registry.verdicts.set('ast_r1', approved(registry.url, 'ast_r1'));
    const post = await createPost(
      site,
      'Approved',
      imageBlock({
        assetId: 'ast_r1',
        alt: 'Kids "at" <school> & play',
        caption: 'Photo: <strong>Ana</strong><script>alert(1)</script>',
        linkUrl: 'https://example.org/story?a=1&b=2',
      }),
    );
    const html = await page(post.link);
    const figure = html.match(/<figure[^>]*wp-block-clearframe-image[\s\S]*?<\/figure>/)?.[0] ?? '';
    expect(figure).not.toBe('');
    expect(figure).toContain('alt="Kids &quot;at&quot; &lt;school&gt; &amp; play"');
    expect(figure).toContain(
      `src="${registry.url}/v1/media/ast_r1/medium?channel=web&#038;exp=1900000000&#038;sig=ab12"`,
    );
    expect(figure).toContain('width="1600"');
    expect(figure).toContain('height="1067"');
    expect(figure).toContain('320w');
    expect(figure).toContain('href="https://example.org/story?a=1&#038;b=2"');
    expect(figure).toContain('<strong>Ana</strong>');
    expect(figure).not.toContain('<script>');
    expect(figure).toContain('data-clearframe-until=');
    // The <cf-image> script module comes with the block.
    expect(html).toMatch(/blocks\/image\/view\.js/);
    expect(
      registry.requests.some((r) => r.includes('ids=ast_r1') && r.includes('channel=web')),
    ).toBe(true);
  });

  it('uses the registry alt text when the block has none', async () => {
    registry.verdicts.set('ast_r2', approved(registry.url, 'ast_r2'));
    const post = await createPost(site, 'Registry alt', imageBlock({ assetId: 'ast_r2' }));
    expect(await page(post.link)).toContain('alt="From the registry"');
  });

  it('shows nothing for a blocked or unknown picture', async () => {
    registry.verdicts.set('ast_r3', blocked);
    const post = await createPost(
      site,
      'Blocked',
      `${imageBlock({ assetId: 'ast_r3', caption: 'secret caption' })}${imageBlock({ assetId: 'ast_unknown' })}`,
    );
    const html = await page(post.link);
    expect(html).not.toMatch(FIGURE);
    expect(html).not.toContain('secret caption');
  });

  it('drops the picture after a signed webhook, without waiting for the cache', async () => {
    registry.verdicts.set('ast_r4', approved(registry.url, 'ast_r4'));
    const post = await createPost(site, 'Revoked', imageBlock({ assetId: 'ast_r4' }));
    expect(await page(post.link)).toMatch(FIGURE);
    registry.verdicts.set('ast_r4', blocked);
    // Still cached: the registry is not asked again before nextCheckAt or a webhook.
    expect(await page(post.link)).toMatch(FIGURE);
    const response = await deliverWebhook(site, ['ast_r4'], SECRET);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { posts: number[] }).posts).toContain(post.id);
    expect(await page(post.link)).not.toMatch(FIGURE);
  });

  it('asks again once nextCheckAt has passed', async () => {
    registry.verdicts.set('ast_r5', approved(registry.url, 'ast_r5', 2));
    const post = await createPost(site, 'Expiring cache', imageBlock({ assetId: 'ast_r5' }));
    expect(await page(post.link)).toMatch(FIGURE);
    registry.verdicts.set('ast_r5', blocked);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await page(post.link)).not.toMatch(FIGURE);
  });

  it('fails closed: registry unreachable and no fresh verdict → no figure, one log line, no PHP error', async () => {
    registry.verdicts.set('ast_r6', approved(registry.url, 'ast_r6'));
    const post = await createPost(
      site,
      'Registry down',
      `${imageBlock({ assetId: 'ast_r6', alt: 'should not appear' })}${imageBlock({ assetId: 'ast_r7' })}`,
    );
    await configure(site, { registryUrl: await closedUrl() });
    await expireVerdicts(site);
    const mark = logMark(site);
    const html = await page(post.link);
    expect(html).not.toMatch(FIGURE);
    expect(html).not.toContain('should not appear');
    expect(html).not.toMatch(/Fatal error|Warning:|Notice:/);
    const lines = logSince(site, mark);
    expect(phpErrors(lines)).toEqual([]);
    expect(lines.filter((line) => line.includes('Clearframe:'))).toHaveLength(1);
    expect(lines[0]).toMatch(/fail closed/);
  });

  it('keeps showing a picture whose cached verdict is still fresh while the registry is down', async () => {
    registry.verdicts.set('ast_r8', approved(registry.url, 'ast_r8'));
    const post = await createPost(site, 'Fresh cache', imageBlock({ assetId: 'ast_r8' }));
    expect(await page(post.link)).toMatch(FIGURE);
    await configure(site, { registryUrl: await closedUrl() });
    expect(await page(post.link)).toMatch(FIGURE);
  });
});
