// The public verdicts response, checked by hand, and the chunking every client of it shares.
// Not zod, which would outweigh the rest of the public embed this module ships in (see public.ts).
import { RegistryResponseError } from '../errors/registry-response-error.js';
import type { Status } from '../rules/vocabulary.js';
import type { PublicMedia, PublicVerdict, PublicVerdicts } from './types.js';

/** The registry answers at most this many ids per public verdicts request. */
export const PUBLIC_VERDICTS_CHUNK = 100;

const STATUSES: ReadonlySet<unknown> = new Set<Status>(['approved', 'expiring', 'blocked']);

/** What media may hold besides `src`, with the type of each; nothing else is kept. */
const MEDIA_FIELDS = { srcset: 'string', alt: 'string', width: 'number', height: 'number' };

type Json = Record<string, unknown>;

/**
 * The body as `PublicVerdicts`, keeping only the contract's fields; throws RegistryResponseError
 * naming the first field that is missing or ill-typed. Instants must parse: an `approvedUntil`
 * that `Date.parse` cannot read would never end an approval. Optional media fields may be absent,
 * never null (as the editor schemas' exactOptional).
 */
export function parsePublicVerdicts(body: unknown, url: string): PublicVerdicts {
  /** `value` when `valid`, else the error naming `path`. */
  const checked = <T>(value: unknown, valid: boolean, path: string, expected: string): T => {
    if (!valid) throw new RegistryResponseError(url, [{ path, message: `expected ${expected}` }]);
    return value as T;
  };
  const object = (value: unknown, path: string) =>
    checked<Json>(value, isObject(value), path, 'an object');
  const instant = (value: unknown, path: string) =>
    checked<string>(
      value,
      typeof value === 'string' && !Number.isNaN(Date.parse(value)),
      path,
      'an ISO 8601 instant',
    );
  const nullableInstant = (value: unknown, path: string) =>
    value === null ? null : instant(value, path);

  const root = object(body, '');
  const checkedAt = instant(root['checkedAt'], 'checkedAt');
  const verdicts = Object.entries(object(root['verdicts'], 'verdicts')).map(([assetId, value]) => {
    const path = `verdicts.${assetId}`;
    const json = object(value, path);
    const verdict: PublicVerdict = {
      status: checked(json['status'], STATUSES.has(json['status']), `${path}.status`, 'a status'),
      approvedUntil: nullableInstant(json['approvedUntil'], `${path}.approvedUntil`),
      nextCheckAt: nullableInstant(json['nextCheckAt'], `${path}.nextCheckAt`),
    };
    if ('media' in json) {
      const given = object(json['media'], `${path}.media`);
      const src = given['src'];
      const media: PublicMedia & Json = {
        src: checked<string>(
          src,
          typeof src === 'string' && src !== '',
          `${path}.media.src`,
          'a URL',
        ),
      };
      for (const [name, type] of Object.entries(MEDIA_FIELDS)) {
        const field = given[name];
        if (name in given)
          media[name] = checked(field, typeof field === type, `${path}.media.${name}`, `a ${type}`);
      }
      verdict.media = media;
    }
    return [assetId, verdict] as const;
  });
  // fromEntries defines properties: an id such as `__proto__` stays an id.
  return { checkedAt, verdicts: Object.fromEntries(verdicts) };
}

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Public verdicts for any number of ids, asked in chunks of the registry's maximum, merged. */
export async function publicVerdictsInChunks(
  assetIds: readonly string[],
  ask: (chunk: string[]) => Promise<PublicVerdicts>,
): Promise<PublicVerdicts> {
  const ids = [...new Set(assetIds)];
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += PUBLIC_VERDICTS_CHUNK)
    chunks.push(ids.slice(i, i + PUBLIC_VERDICTS_CHUNK));
  if (chunks.length === 0) return { checkedAt: new Date().toISOString(), verdicts: {} };
  const answers = await Promise.all(chunks.map(ask));
  // The oldest check is the one a caller may rely on for every id.
  const checkedAt = answers
    .map((answer) => answer.checkedAt)
    .reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  return {
    checkedAt,
    verdicts: Object.fromEntries(answers.flatMap((answer) => Object.entries(answer.verdicts))),
  };
}
