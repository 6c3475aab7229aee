// The query of /v1/public/verdicts, checked without the general validator on the common path.
//
// The route is the hottest in the registry; the zod-openapi validator decodes every parameter
// into arrays and parses the object asynchronously. Here a plain query (no `%`, `+` or `#`, no
// repeated name) whose values all meet PublicVerdictsQuerySchema is taken as the schema would
// take it; anything else goes through that schema, with the routes' usual hook, so that every
// invalid query answers the same 400 problem naming its field. The OpenAPI document is still
// built from the schema (routes/public.ts).
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { validationHook } from '../http/validation.js';
import { MAX_PUBLIC_IDS, PublicVerdictsQuerySchema } from './schemas.js';

export type PublicVerdictsQuery = z.output<typeof PublicVerdictsQuerySchema>;

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const NEEDS_DECODING = /[%+#]/;

/**
 * The query as PublicVerdictsQuerySchema would output it, when `search` (after `?`) is plain
 * and valid; undefined when the schema must decide (encoded, repeated or invalid parameters).
 */
export function parsePlainPublicQuery(search: string): PublicVerdictsQuery | undefined {
  if (NEEDS_DECODING.test(search)) return undefined;
  let ids: string | undefined;
  let channel: string | undefined;
  let key: string | undefined;
  let lang: string | undefined;
  for (const pair of search.split('&')) {
    const equals = pair.indexOf('=');
    const name = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    // Repeated names reach the schema as arrays: let it refuse them.
    if (name === 'ids') {
      if (ids !== undefined) return undefined;
      ids = value;
    } else if (name === 'channel') {
      if (channel !== undefined) return undefined;
      channel = value;
    } else if (name === 'key') {
      if (key !== undefined) return undefined;
      key = value;
    } else if (name === 'lang') {
      if (lang !== undefined) return undefined;
      lang = value;
    }
    // Any other name (or none) is stripped by the schema too.
  }
  if (ids === undefined || channel === undefined) return undefined;
  if (channel.length < 1 || channel.length > 32) return undefined;
  if (lang !== undefined && !LANGUAGE_TAG.test(lang)) return undefined;
  const unique = [...new Set(ids.split(',').map((id) => id.trim()))];
  if (unique.length < 1 || unique.length > MAX_PUBLIC_IDS) return undefined;
  for (const id of unique) if (id.length < 1 || id.length > 64) return undefined;
  const query: PublicVerdictsQuery = { ids: unique, channel };
  if (key !== undefined) query.key = key;
  if (lang !== undefined) query.lang = lang;
  return query;
}

/** What the zod-openapi query validator does: hono's parameters, the schema, the routes' hook. */
async function parseWithSchema(c: Context<AppEnv>): Promise<PublicVerdictsQuery> {
  const value = Object.fromEntries(
    Object.entries(c.req.queries()).map(([name, values]) => [
      name,
      values.length === 1 ? values[0] : values,
    ]),
  );
  const result = await PublicVerdictsQuerySchema.safeParseAsync(value);
  // Throws the 400 problem naming the field when the query is invalid.
  await validationHook({ data: value, ...result, target: 'query' }, c);
  if (!result.success) throw result.error;
  return result.data;
}

/** Middleware: the validated query, as `c.req.valid('query')`. */
export function publicVerdictsQuery(): MiddlewareHandler<
  AppEnv,
  string,
  { in: { query: z.input<typeof PublicVerdictsQuerySchema> }; out: { query: PublicVerdictsQuery } }
> {
  return async (c, next) => {
    const url = c.req.url;
    const mark = url.indexOf('?', 8);
    const query =
      (mark === -1 ? undefined : parsePlainPublicQuery(url.slice(mark + 1))) ??
      (await parseWithSchema(c));
    c.req.addValidatedData('query', query);
    await next();
  };
}
