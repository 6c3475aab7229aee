// The content-addressed store on the local disk: `<root>/ab/cd/<sha256>`, written atomically.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256Hex } from '../util/crypto.js';
import { isSha256 } from './file-store.js';
import type { FileStore } from './file-store.js';

export class FsFileStore implements FileStore {
  /** @param root a folder outside any public path, e.g. `DATA_DIR/files`. */
  constructor(readonly root: string) {}

  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const path = this.#path(sha256);
    if (await exists(path)) return sha256;
    await mkdir(dirname(path), { recursive: true });
    // Write beside, then rename: a reader never sees a half-written file, even after a crash.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, bytes, { flush: true });
    await rename(temporary, path);
    return sha256;
  }

  async get(sha256: string): Promise<Uint8Array | null> {
    if (!isSha256(sha256)) return null;
    try {
      return new Uint8Array(await readFile(this.#path(sha256)));
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    return isSha256(sha256) && exists(this.#path(sha256));
  }

  async delete(sha256: string): Promise<boolean> {
    if (!(await this.has(sha256))) return false;
    await rm(this.#path(sha256), { force: true });
    return true;
  }

  #path(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}
