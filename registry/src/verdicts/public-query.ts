// The query of /v1/public/verdicts, checked without the general validator on the common path.
//
// The route is the hottest in the registry; the zod-openapi validator decodes every parameter
// into arrays and parses the object asynchronously. Here a query without a repeated name (or a
// `#`, or an encoding that does not decode) whose values all meet PublicVerdictsQuerySchema is
// taken as the schema would take it, decoded as Hono decodes parameters; anything else goes through that schema, with the routes' usual hook, so that every
// invalid query answers the same 400 problem naming its field. The OpenAPI document is still
// built from the schema (routes/public.ts).
import type { Context, MiddlewareHandler } from 'hono';
import type { z } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.js';
import { validationHook } from '../http/validation.js';
import { MAX_PUBLIC_IDS, PublicVerdictsQuerySchema } from './schemas.js';

export type PublicVerdictsQuery = z.output<typeof PublicVerdictsQuerySchema>;

const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** A name or value as Hono's `c.req.queries()` has it (`+` a space, then percent-decoding). */
function decoded(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined; // Malformed: Hono's partial decoding decides, through the schema.
  }
}

/**
 * The query as PublicVerdictsQuerySchema would output it, when `search` (after `?`) is valid;
 * undefined when the schema must decide (repeated, malformed or invalid parameters).
 */
export function parsePlainPublicQuery(search: string): PublicVerdictsQuery | undefined {
  if (search.includes('#')) return undefined;
  let ids: string | undefined;
  let channel: string | undefined;
  let key: string | undefined;
  let lang: string | undefined;
  for (const pair of search.split('&')) {
    const equals = pair.indexOf('=');
    const name = decoded(equals === -1 ? pair : pair.slice(0, equals));
    const value = decoded(equals === -1 ? '' : pair.slice(equals + 1));
    if (name === undefined || value === undefined) return undefined;
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
  // Split, trimmed, each once in first-seen order, as the schema's transform; then its checks.
  const unique: string[] = [];
  const seen = new Set<string>();
  for (const part of ids.split(',')) {
    const id = part.trim();
    if (id.length < 1 || id.length > 64) return undefined;
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push(id);
  }
  if (unique.length > MAX_PUBLIC_IDS) return undefined;
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
