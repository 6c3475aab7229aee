import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyAuditChain } from '../audit/verify.js';
import { openDatabase } from '../db/open.js';
import type { OpenedDatabase } from '../db/open.js';
import { FsFileStore } from '../files/fs-file-store.js';
import { runCli } from '../test-support/child-process.js';
import { ENGINES } from '../test-support/engines.js';
import { testRecords } from '../test-support/records.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { sha256Hex } from '../util/crypto.js';
import { BackupError, MANIFEST_FILE, PG_DUMP_FILE, backup, findDebianPgTool } from './backup.js';
import type { BackupManifest } from './backup.js';

const folders: string[] = [];
const folder = (name: string) => {
  const path = mkdtempSync(join(tmpdir(), `cf-${name}-`));
  folders.push(path);
  return path;
};
afterAll(() => {
  for (const path of folders) rmSync(path, { recursive: true, force: true });
});

describe.each(ENGINES)('backup on %s', (engine) => {
  const registry = useTestRegistry(engine);
  const settings = () => ({
    dataDir: registry.database.dataDir,
    databaseUrl: registry.database.databaseUrl,
  });

  it('copies a consistent database and the files while writes go on', async () => {
    const records = testRecords(registry);
    const asset = await records.asset();
    const renditions = await records.renditions(asset.id);

    // A writer that never pauses: each acknowledged key id, in commit order.
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let index = 0; writing; index += 1) {
        const response = await registry.request('/v1/keys', {
          method: 'POST',
          headers: registry.as.admin,
          json: { kind: 'editor', name: `burst ${index}` },
        });
        expect(response.status).toBe(201);
        acknowledged.push(((await response.json()) as { key: { id: string } }).key.id);
        // In-process SQLite resolves without ever leaving the microtask queue: let timers and
        // the child process's events run between writes.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await expect.poll(() => acknowledged.length, { timeout: 10_000 }).toBeGreaterThan(5);

    const out = join(folder('backup'), 'out');
    const before = acknowledged.length;
    const result = await runCli(['backup', '--out', out], settings());
    const after = acknowledged.length;
    writing = false;
    await writer;
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(after).toBeGreaterThan(before);

    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_FILE), 'utf8')) as BackupManifest;
    expect(manifest).toMatchObject({ engine, files: { count: renditions.size } });
    expect(sha256Hex(readFileSync(join(out, manifest.database.file)))).toBe(
      manifest.database.sha256,
    );

    const restored = await restore(engine, out);
    try {
      const verdict = await verifyAuditChain(restored.database.db);
      expect(verdict).toMatchObject({ ok: true });
      const cli = await runCli(['audit-verify'], restored.settings);
      expect(cli, cli.stderr).toMatchObject({ code: 0 });

      // Every write acknowledged before the backup began is in it, and what it holds of the
      // burst is exactly its first writes: the snapshot is one moment of a serial history.
      const burst = new Set(acknowledged);
      const present = (
        await restored.database.db.selectFrom('api_keys').select('id').orderBy('id').execute()
      )
        .map((row) => row.id)
        .filter((id) => burst.has(id));
      expect(present.length).toBeGreaterThanOrEqual(before);
      expect(new Set(present)).toEqual(new Set(acknowledged.slice(0, present.length)));

      // The asset's files came along, byte for byte.
      const files = new FsFileStore(join(restored.settings.dataDir, 'files'));
      const restoredAsset = await restored.database.db
        .selectFrom('assets')
        .selectAll()
        .where('id', '=', asset.id)
        .executeTakeFirstOrThrow();
      for (const rendition of JSON.parse(restoredAsset.renditions) as {
        name: string;
        sha256: string;
      }[]) {
        expect(await files.get(rendition.sha256)).toEqual(renditions.get(rendition.name));
      }
    } finally {
      await restored.close();
    }
  });

  it('refuses a folder that is not empty', async () => {
    const out = folder('full');
    writeFileSync(join(out, 'something'), 'x');
    await expect(backup({ ...settings(), out })).rejects.toThrow(/not empty/);
  });

  it('fails, naming the file, when a stored file does not match its SHA-256', async () => {
    const digest = sha256Hex('what the file should hold');
    const path = join(settings().dataDir, 'files', digest.slice(0, 2), digest.slice(2, 4));
    mkdirSync(path, { recursive: true });
    writeFileSync(join(path, digest), 'something else');
    try {
      const result = await runCli(['backup', '--out', join(folder('bad'), 'out')], settings());
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(digest);
    } finally {
      rmSync(join(path, digest));
    }
  });

  if (engine === 'postgres') {
    it('reports a pg_dump that fails', async () => {
      const attempt = backup({
        ...settings(),
        out: join(folder('nodump'), 'out'),
        pgDump: '/nonexistent/pg_dump',
      });
      await expect(attempt).rejects.toBeInstanceOf(BackupError);
      await expect(attempt).rejects.toThrow(/pg_dump failed/);
    });
  }
});

interface Restored {
  database: OpenedDatabase;
  settings: { dataDir: string; databaseUrl: string | undefined };
  close(): Promise<void>;
}

/** Restores a backup folder as the README says: files into DATA_DIR, the database beside them. */
async function restore(engine: string, out: string): Promise<Restored> {
  const dataDir = folder('restored');
  execFileSync('cp', ['-R', join(out, 'files'), join(dataDir, 'files')]);
  if (engine === 'sqlite') {
    execFileSync('cp', [join(out, 'clearframe.sqlite'), join(dataDir, 'clearframe.sqlite')]);
    const database = openDatabase({ dataDir });
    return { database, settings: { dataDir, databaseUrl: undefined }, close: database.close };
  }
  const name = `cf_restored_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: inject('postgresUrl') });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(inject('postgresUrl'));
  url.pathname = `/${name}`;
  const pgRestore = findDebianPgTool('pg_restore') ?? 'pg_restore';
  execFileSync(pgRestore, ['--no-owner', `--dbname=${url.toString()}`, join(out, PG_DUMP_FILE)]);
  const database = openDatabase({ dataDir, databaseUrl: url.toString() });
  return {
    database,
    settings: { dataDir, databaseUrl: url.toString() },
    async close() {
      await database.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
