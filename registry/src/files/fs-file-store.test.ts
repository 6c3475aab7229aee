import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../util/crypto.js';
import { FsFileStore } from './fs-file-store.js';

describe('the filesystem file store', () => {
  const root = mkdtempSync(join(tmpdir(), 'cf-files-'));
  const store = new FsFileStore(root);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('stores bytes under their SHA-256 in two levels of folders', async () => {
    const bytes = new TextEncoder().encode('a consent form');
    const sha256 = await store.put(bytes);
    expect(sha256).toBe(sha256Hex(bytes));
    expect(statSync(join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256)).size).toBe(
      bytes.length,
    );
    expect(await store.has(sha256)).toBe(true);
    expect(await store.get(sha256)).toEqual(bytes);
    expect(await store.put(bytes)).toBe(sha256);
  });

  it('answers null for absent or malformed digests and deletes', async () => {
    const sha256 = await store.put(new Uint8Array([1, 2, 3]));
    expect(await store.delete(sha256)).toBe(true);
    expect(await store.get(sha256)).toBeNull();
    expect(await store.delete(sha256)).toBe(false);
    expect(await store.get('../../etc/passwd')).toBeNull();
  });
});
