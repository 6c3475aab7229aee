import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipStored, writeAppPackage, zip } from './app-package.js';
import { validateUnifiedManifest } from './manifests.js';
import { pngSize } from './png.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

describe('the unified manifest’s app package', () => {
  let scratch: string;
  let files: Map<string, Buffer>;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'clearframe-app-package-'));
    writeAppPackage(root, join(scratch, 'clearframe-office.zip'));
    files = unzipStored(readFileSync(join(scratch, 'clearframe-office.zip')));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('holds the manifest at its root and the files it names at their relative paths', () => {
    expect([...files.keys()]).toEqual([
      'manifest.json',
      'assets/color-192.png',
      'assets/outline-32.png',
      'sv-se.json',
    ]);
    for (const [name, data] of files) {
      expect(data.equals(readFileSync(join(root, name))), name).toBe(true);
    }
    expect(pngSize(files.get('assets/color-192.png') ?? Buffer.alloc(0))).toEqual({
      width: 192,
      height: 192,
    });
    expect(pngSize(files.get('assets/outline-32.png') ?? Buffer.alloc(0))).toEqual({
      width: 32,
      height: 32,
    });
  });

  it('unpacks into a manifest that passes the offline validation', async () => {
    const unpacked = join(scratch, 'unpacked');
    for (const [name, data] of files) {
      mkdirSync(dirname(join(unpacked, name)), { recursive: true });
      writeFileSync(join(unpacked, name), data);
    }

    expect(await validateUnifiedManifest(join(unpacked, 'manifest.json'))).toEqual([]);
  });

  it('gives the same bytes for the same files', () => {
    const entries = [{ name: 'a/b.txt', data: Buffer.from('same') }];

    expect(zip(entries).equals(zip(entries))).toBe(true);
    expect(unzipStored(zip(entries)).get('a/b.txt')?.toString()).toBe('same');
  });
});
