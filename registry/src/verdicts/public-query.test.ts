import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { parsePlainPublicQuery } from './public-query.js';
import { PublicVerdictsQuerySchema } from './schemas.js';

/** What the zod-openapi validator would see: hono's parameters, single values unwrapped. */
async function honoValue(search: string): Promise<Record<string, unknown>> {
  const app = new Hono();
  app.get('/q', (c) => c.json(c.req.queries()));
  const response = await app.request(`http://registry.test/q?${search}`);
  const queries = (await response.json()) as Record<string, string[]>;
  return Object.fromEntries(
    Object.entries(queries).map(([name, values]) => [
      name,
      values.length === 1 ? values[0] : values,
    ]),
  );
}

const long = 'a'.repeat(65);
const many = Array.from({ length: 101 }, (_, i) => `ast_${i}`).join(',');
const hundred = Array.from({ length: 100 }, (_, i) => `ast_${i}`).join(',');

const QUERIES = [
  'ids=ast_1,ast_2&channel=web&key=cf_pk_abc',
  'ids=ast_1,ast_2,ast_1&channel=web',
  'ids=ast_1&channel=web&lang=sv',
  'ids=ast_1&channel=web&lang=pt-BR',
  'ids=ast_1&channel=web&lang=SV',
  'ids=ast_1&channel=web&lang=',
  'ids=ast_1&channel=web&lang',
  'ids=ast_1&channel=web&other=1&&=x',
  'ids=ast_1&channel=',
  'ids=ast_1&channel',
  `ids=ast_1&channel=${'c'.repeat(33)}`,
  `ids=ast_1&channel=${'c'.repeat(32)}`,
  'ids=&channel=web',
  'ids&channel=web',
  'ids=,&channel=web',
  'ids=ast_1,,ast_2&channel=web',
  `ids=${long}&channel=web`,
  `ids=${'a'.repeat(64)}&channel=web`,
  `ids=${many}&channel=web`,
  `ids=${hundred}&channel=web`,
  'ids=ast_1&ids=ast_2&channel=web',
  'ids=ast_1&channel=web&channel=print',
  'ids=ast_1&channel=web&key=a&key=b',
  'ids=ast_1&channel=web&lang=sv&lang=de',
  'channel=web',
  'ids=ast_1',
  'ids=ast%5F1&channel=web',
  'ids=ast_1+ast_2&channel=web',
  '%69ds=ast_1&channel=web',
  'ids=ast_1&channel=web#x',
  'ids=ast_1&channel=web&key=',
  'ids=a=b&channel=web',
  'ids=ast_1%2Cast_2&channel=web&key=cf_pk_abc',
  'ids=ast_1%2C+ast_2&channel=we%62',
  'ids=ast_1&channel=web&lang=s%76',
  'ids=ast_1&channel=%E2%82%AC',
  'ids=ast_1&channel=%E2%82',
  'ids=ast_1%&channel=web',
  'ids=ast_1&channel=web&%6Bey=k',
  'ids=ast_1&channel=web&%69ds=ast_2',
  'ids=ast_1&channel=web&lang=sv+',
  '',
];

describe('the public verdicts query without the validator', () => {
  it.each(QUERIES)('takes %j as the schema does, or leaves it to the schema', async (search) => {
    const fast = parsePlainPublicQuery(search);
    if (fast === undefined) return;
    const result = PublicVerdictsQuerySchema.safeParse(await honoValue(search));
    expect(result.success).toBe(true);
    expect(fast).toEqual(result.data);
  });

  it('takes plain valid queries itself, ids trimmed and once each', () => {
    expect(parsePlainPublicQuery('ids=ast_1,ast_2,ast_1&channel=web&key=k&lang=sv')).toEqual({
      ids: ['ast_1', 'ast_2'],
      channel: 'web',
      key: 'k',
      lang: 'sv',
    });
    expect(parsePlainPublicQuery(`ids=${hundred}&channel=web`)?.ids).toHaveLength(100);
    // As URLSearchParams writes it: the commas encoded.
    expect(parsePlainPublicQuery('ids=ast_1%2C+ast_2&channel=w%65b')).toEqual({
      ids: ['ast_1', 'ast_2'],
      channel: 'web',
    });
  });

  it('leaves repeated, malformed and invalid parameters to the schema', () => {
    for (const search of [
      'ids=ast_1%&channel=web',
      'ids=ast_1&channel=web&%69ds=ast_2',
      'ids=ast_1&channel=web#x',
      'ids=ast_1&ids=ast_2&channel=web',
      `ids=${many}&channel=web`,
      `ids=${long}&channel=web`,
      'ids=ast_1&channel=web&lang=SV',
      'ids=ast_1',
      'channel=web',
    ])
      expect(parsePlainPublicQuery(search)).toBeUndefined();
  });
});
