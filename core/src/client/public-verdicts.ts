// The public verdicts response, checked by hand, and the chunking every client of it shares.
// Not zod: this module ships in the public embed, whose whole budget (≈ 10 KB gz) zod would exceed.
import { RegistryResponseError } from '../errors/registry-response-error.js';
import type { Status } from '../rules/vocabulary.js';
import type { PublicMedia, PublicVerdict, PublicVerdicts } from './types.js';

/** The registry answers at most this many ids per public verdicts request. */
export const PUBLIC_VERDICTS_CHUNK = 100;

const STATUSES: ReadonlySet<unknown> = new Set<Status>(['approved', 'expiring', 'blocked']);

type Json = Record<string, unknown>;

/**
 * The body as `PublicVerdicts`, keeping only the contract's fields; throws RegistryResponseError
 * naming the first field that is missing or ill-typed. Instants must parse: an `approvedUntil`
 * that `Date.parse` cannot read would never end an approval.
 */
export function parsePublicVerdicts(body: unknown, url: string): PublicVerdicts {
  const fail = (path: string, message: string): never => {
    throw new RegistryResponseError(url, [{ path, message }]);
  };
  const object = (value: unknown, path: string): Json =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Json)
      : fail(path, 'expected an object');
  const instant = (value: unknown, path: string): string =>
    typeof value === 'string' && !Number.isNaN(Date.parse(value))
      ? value
      : fail(path, 'expected an ISO 8601 instant');
  const nullableInstant = (value: unknown, path: string) =>
    value === null ? null : instant(value, path);
  // Optional fields may be absent, never null (as the editor schemas' exactOptional).
  const optional = <T>(json: Json, name: string, path: string, type: string): T | undefined =>
    !(name in json) || typeof json[name] === type
      ? (json[name] as T | undefined)
      : fail(`${path}.${name}`, `expected a ${type}`);

  const root = object(body, '');
  const checkedAt = instant(root['checkedAt'], 'checkedAt');
  const verdicts = Object.entries(object(root['verdicts'], 'verdicts')).map(
    ([assetId, value]): [string, PublicVerdict] => {
      const path = `verdicts.${assetId}`;
      const json = object(value, path);
      if (!STATUSES.has(json['status'])) fail(`${path}.status`, 'expected a status');
      const verdict: PublicVerdict = {
        status: json['status'] as Status,
        approvedUntil: nullableInstant(json['approvedUntil'], `${path}.approvedUntil`),
        nextCheckAt: nullableInstant(json['nextCheckAt'], `${path}.nextCheckAt`),
      };
      if ('media' in json) verdict.media = parseMedia(json['media'], `${path}.media`);
      return [assetId, verdict];
    },
  );

  function parseMedia(value: unknown, path: string): PublicMedia {
    const json = object(value, path);
    const src = json['src'];
    if (typeof src !== 'string' || src === '') fail(`${path}.src`, 'expected a URL');
    const media: PublicMedia = { src: src as string };
    for (const name of ['srcset', 'alt'] as const) {
      const value = optional<string>(json, name, path, 'string');
      if (value !== undefined) media[name] = value;
    }
    for (const name of ['width', 'height'] as const) {
      const value = optional<number>(json, name, path, 'number');
      if (value !== undefined) media[name] = value;
    }
    return media;
  }

  // fromEntries defines properties: an id such as `__proto__` stays an id.
  return { checkedAt, verdicts: Object.fromEntries(verdicts) };
}

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
