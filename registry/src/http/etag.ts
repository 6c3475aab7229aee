// ETags from row versions, and the If-Match check that turns a stale write into 412.
import type { Context } from 'hono';
import { PreconditionFailedError } from '../errors/precondition-failed-error.js';
import { PreconditionRequiredError } from '../errors/precondition-required-error.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

export function setEtag(c: Context, version: number): void {
  c.header('ETag', etagOf(version));
}

/**
 * Throws unless `If-Match` names `version` (or is `*`). Call inside writeTx, with the version
 * read in that transaction. A missing header is 428: every update must say what it read.
 */
export function assertIfMatch(c: Context, version: number): void {
  const header = c.req.header('if-match');
  if (header === undefined || header.trim() === '') throw new PreconditionRequiredError();
  if (header.trim() === '*') return;
  // Strong comparison (RFC 9110 §13.1.1): weak tags never match.
  const tags = header.split(',').map((tag) => tag.trim());
  if (!tags.includes(etagOf(version))) {
    throw new PreconditionFailedError(`The current version is ${etagOf(version)}`);
  }
}

/** Whether `If-None-Match` names `etag` (weak comparison, RFC 9110 §13.1.2) or is `*`. */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header
    .split(',')
    .some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}
