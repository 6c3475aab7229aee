// `pnpm registry backup --out <dir>`: a consistent copy of a running registry's data.
//
// SQLite: `VACUUM INTO` on a connection of its own reads one snapshot of the database (WAL lets
// the server keep writing meanwhile) and writes it as a compact file. PostgreSQL: `pg_dump`, which
// also reads one snapshot, in its custom format (restore with `pg_restore`).
// The file store is copied after the database: a file is stored before the row naming it
// commits, so every file the snapshot names is already there. Each copy's SHA-256 is checked
// against its name, and every digest the snapshot names must have been copied.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { promisify } from 'node:util';
import { SQLITE_FILE, engineOf } from '../db/open.js';
import type { Engine } from '../db/open.js';
import { isSha256 } from '../files/file-store.js';

export const PG_DUMP_FILE = 'clearframe.pgdump';
export const MANIFEST_FILE = 'backup.json';

export interface BackupOptions {
  /** DATA_DIR of the registry: the SQLite file and `files/`. */
  dataDir: string;
  /** `postgres://…` when the registry runs on PostgreSQL. */
  databaseUrl?: string | undefined;
  /** A folder that does not exist yet, or is empty. */
  out: string;
  /** pg_dump to run; default: the first on PATH, then /usr/lib/postgresql/<newest>/bin. */
  pgDump?: string | undefined;
}

export interface BackupManifest {
  engine: Engine;
  startedAt: string;
  finishedAt: string;
  /** The database copy inside the backup folder, with its size and SHA-256. */
  database: { file: string; bytes: number; sha256: string };
  files: { count: number; bytes: number };
}

/** A backup that must not be trusted; the message says why. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

export async function backup(options: BackupOptions): Promise<BackupManifest> {
  const startedAt = new Date().toISOString();
  const engine = engineOf(options.databaseUrl);
  await prepareOut(options.out);

  const file = engine === 'sqlite' ? SQLITE_FILE : PG_DUMP_FILE;
  const target = join(options.out, file);
  if (engine === 'sqlite') copySqlite(join(options.dataDir, SQLITE_FILE), target);
  else await dumpPostgres(options.databaseUrl ?? '', target, options.pgDump);

  const files = await copyFileStore(join(options.dataDir, 'files'), join(options.out, 'files'));
  if (files.corrupt.length > 0) {
    throw new BackupError(
      `backup: ${files.corrupt.length} stored file(s) do not match their SHA-256 name: ` +
        files.corrupt.slice(0, 10).join(', '),
    );
  }
  if (engine === 'sqlite') {
    const missing = referencedDigests(target).filter((digest) => !files.copied.has(digest));
    if (missing.length > 0) {
      throw new BackupError(
        `backup: the database names ${missing.length} file(s) the file store does not hold ` +
          `(removed during the backup? run it again): ${missing.slice(0, 10).join(', ')}`,
      );
    }
  }

  const manifest: BackupManifest = {
    engine,
    startedAt,
    finishedAt: new Date().toISOString(),
    database: { file, bytes: (await stat(target)).size, sha256: await sha256OfFile(target) },
    files: { count: files.copied.size, bytes: files.bytes },
  };
  await writeFile(join(options.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

async function prepareOut(out: string): Promise<void> {
  if (existsSync(out) && (await readdir(out)).length > 0) {
    throw new BackupError(`backup: ${out} is not empty; give a new folder`);
  }
  await mkdir(out, { recursive: true });
}

function copySqlite(source: string, target: string): void {
  if (!existsSync(source)) throw new BackupError(`backup: no database at ${source}`);
  const database = new DatabaseSync(source);
  try {
    database.exec('PRAGMA busy_timeout = 10000');
    // One read transaction: the copy is the database as of one commit, whatever the server does.
    database.prepare('VACUUM INTO ?').run(target);
  } finally {
    database.close();
  }
  const copy = new DatabaseSync(target, { readOnly: true });
  try {
    const result = copy.prepare('PRAGMA integrity_check').get() as Record<string, unknown>;
    if (Object.values(result)[0] !== 'ok') {
      throw new BackupError(`backup: the copy fails integrity_check: ${JSON.stringify(result)}`);
    }
  } finally {
    copy.close();
  }
}

async function dumpPostgres(url: string, target: string, pgDump?: string): Promise<void> {
  const tool = pgDump ?? findPgDump();
  if (tool === undefined) {
    throw new BackupError(
      'backup: pg_dump not found (Debian: apt install postgresql-client, the server’s major ' +
        'version or newer). Without it, back up PostgreSQL with\n' +
        `  pg_dump --format=custom --no-owner --file=<dir>/${PG_DUMP_FILE} "$DATABASE_URL"\n` +
        'and copy DATA_DIR/files next to it.',
    );
  }
  try {
    await promisify(execFile)(
      tool,
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${target}`, `--dbname=${url}`],
      { maxBuffer: 16 * 1024 * 1024 },
    );
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new BackupError(`backup: pg_dump failed: ${String(stderr ?? error).trim()}`, {
      cause: error,
    });
  }
}

/** pg_dump on PATH, else the newest under Debian's /usr/lib/postgresql/<version>/bin. */
export function findPgDump(): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    if (folder !== '' && existsSync(join(folder, 'pg_dump'))) return join(folder, 'pg_dump');
  }
  return findDebianPgTool('pg_dump');
}

export function findDebianPgTool(tool: string): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSyncSafe(base).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const path = join(base, version, 'bin', tool);
    if (existsSync(path)) return path;
  }
  return undefined;
}

function readdirSyncSafe(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

interface CopiedFiles {
  copied: Set<string>;
  bytes: number;
  corrupt: string[];
}

/** Copies `<root>/ab/cd/<sha256>` files (temporaries of writes in progress are skipped). */
async function copyFileStore(root: string, target: string): Promise<CopiedFiles> {
  const result: CopiedFiles = { copied: new Set(), bytes: 0, corrupt: [] };
  if (!existsSync(root)) return result;
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !isSha256(entry.name)) continue;
    const relative = join(entry.name.slice(0, 2), entry.name.slice(2, 4), entry.name);
    const source = join(root, relative);
    if (source !== join(entry.parentPath, entry.name)) continue;
    const destination = join(target, relative);
    await mkdir(join(target, entry.name.slice(0, 2), entry.name.slice(2, 4)), { recursive: true });
    await copyFile(source, destination);
    if ((await sha256OfFile(destination)) !== entry.name) {
      result.corrupt.push(entry.name);
      continue;
    }
    result.copied.add(entry.name);
    result.bytes += (await stat(destination)).size;
  }
  return result;
}

/** Every file digest the database copy names: originals, renditions, consent documents. */
function referencedDigests(databaseFile: string): string[] {
  const database = new DatabaseSync(databaseFile, { readOnly: true });
  try {
    const digests = new Set<string>();
    const column = (sql: string) => {
      for (const row of database.prepare(sql).all()) {
        const value = Object.values(row)[0];
        if (typeof value === 'string') digests.add(value);
      }
    };
    column('SELECT original_sha256 FROM assets WHERE original_sha256 IS NOT NULL');
    column('SELECT sha256 FROM consent_documents');
    for (const row of database.prepare('SELECT renditions FROM assets').all()) {
      const renditions = JSON.parse(String(row.renditions)) as { sha256?: unknown }[];
      for (const rendition of renditions) {
        if (typeof rendition.sha256 === 'string') digests.add(rendition.sha256);
      }
    }
    return [...digests].sort();
  } finally {
    database.close();
  }
}

function sha256OfFile(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
