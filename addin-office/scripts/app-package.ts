// `pnpm package`: the unified manifest's app package, dist/clearframe-office.zip, which is what
// Office on Windows sideloads (the Agents Toolkit's `atk install`, Teams' "Upload a custom app").
// The zip holds manifest.json at its root and every file the manifest names at the same relative
// path: the two icons of "icons" and the files of "localizationInfo". The pane's own files are
// not in it; Office loads them from https://localhost:3000 (`pnpm start`).

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

interface PackagedManifest {
  icons: { color: string; outline: string };
  localizationInfo?: { additionalLanguages?: { file: string }[] };
}

/** The package's files, relative to the manifest's folder, manifest.json first. */
export function packageFiles(manifest: PackagedManifest): string[] {
  return [
    'manifest.json',
    manifest.icons.color,
    manifest.icons.outline,
    ...(manifest.localizationInfo?.additionalLanguages ?? []).map((language) => language.file),
  ];
}

/** Writes the package of `<root>/manifest.json` to `outFile`; returns the names it holds. */
export function writeAppPackage(root: string, outFile: string): string[] {
  const manifest = JSON.parse(
    readFileSync(join(root, 'manifest.json'), 'utf8'),
  ) as PackagedManifest;
  const names = packageFiles(manifest);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(
    outFile,
    zip(names.map((name) => ({ name, data: readFileSync(join(root, name)) }))),
  );
  return names;
}

// ---- A minimal zip (PKWARE APPNOTE 6.3): stored entries, fixed 1980-01-01 timestamps, so the
// same files give the same bytes.

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const UTF8_NAMES = 0x0800;
const DOS_DATE_1980_01_01 = (0 << 9) | (1 << 5) | 1;

export function zip(entries: { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(DOS_DATE_1980_01_01, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(DOS_DATE_1980_01_01, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    // extra, comment, disk, internal and external attributes: 0
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Reads a zip of stored entries (as zip() writes them) through its central directory. */
export function unzipStored(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new TypeError('not a zip: no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i += 1) {
    if (archive.readUInt32LE(at) !== CENTRAL_HEADER) throw new TypeError('bad central header');
    if (archive.readUInt16LE(at + 10) !== 0) throw new TypeError('only stored entries are read');
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extra = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.toString('utf8', at + 46, at + 46 + nameLength);
    const dataStart =
      local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const data = archive.subarray(dataStart, dataStart + size);
    if (crc32(data) !== archive.readUInt32LE(at + 16)) throw new TypeError(`bad CRC: ${name}`);
    files.set(name, data);
    at += 46 + nameLength + extra;
  }
  return files;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const out = join(root, 'dist', 'clearframe-office.zip');
  const names = writeAppPackage(root, out);
  console.log(`${out}: ${names.join(', ')}`);
}
