// `pnpm bench` for the registry: one JSON line per bench on stdout, progress on stderr.
//   public-verdicts: the real server (SQLite, 400 assets) against a bare node:http server, both
//                    in child processes, loaded the same way from this process, 127.0.0.1 only,
//                    in alternating rounds (3 × 1 s each, after a warm-up per round).
//   sync-delta:      100 000 assets, 100 changes after a cursor, one /v1/sync timed in-process.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createApiKey } from '../auth/keys.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { runWrite } from '../db/write.js';
import { FsFileStore } from '../files/fs-file-store.js';
import { createApp } from '../http/app.js';
import { createOrganisation } from '../orgs/create-organisation.js';
import { encodeCursor } from '../sync/cursor.js';
import { load } from './load.js';
import type { LoadResult } from './load.js';
import { seedAssets } from './seed.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Starts a bench child (through the same TypeScript loader) and reads its first JSON line. */
async function child<T>(
  script: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ process: ChildProcess; ready: T }> {
  const proc = spawn(process.execPath, [...process.execArgv, join(here, script)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = createInterface({ input: proc.stdout ?? process.stdin });
  const ready = await new Promise<T>((resolve, reject) => {
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    lines.once('line', (line) => resolve(JSON.parse(line) as T));
  });
  return { process: proc, ready };
}

function stop(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });
}

/** Alternating load rounds per server in the public-verdicts bench. */
const ROUNDS = 3;

async function publicVerdicts(): Promise<void> {
  const registry = await child<{ port: number; key: string; ids: string[]; origin: string }>(
    'serve-registry.ts',
  );
  const { ids, key, origin } = registry.ready;
  // A page's worth: ten pictures, some approved (with signed media), some blocked.
  const query = new URLSearchParams({ ids: ids.slice(0, 10).join(','), channel: 'web', key });
  const path = `/v1/public/verdicts?${query.toString()}`;
  // The baseline answers the registry's own answer to this request, byte for byte, so the ratio
  // measures what the registry adds (key, origin, inputs, verdicts), not the size of the answer.
  const answer = await fetch(`http://127.0.0.1:${registry.ready.port}${path}`, {
    headers: { origin },
  });
  if (answer.status !== 200) throw new Error(`bench: the registry answered ${answer.status}`);
  const baseline = await child<{ port: number }>('serve-baseline.ts', {
    CF_BASELINE_BODY: await answer.text(),
  });
  try {
    const headers = { origin };
    const options = { path, headers, concurrency: 16, durationMs: 1000, warmupMs: 300 };
    // Alternating rounds, so that load from elsewhere on the machine weighs on both alike.
    const bare: LoadResult[] = [];
    const real: LoadResult[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      console.error(`bench: round ${round}/${ROUNDS}, bare node:http baseline, then the registry`);
      bare.push(await load({ ...options, port: baseline.ready.port }));
      real.push(await load({ ...options, port: registry.ready.port }));
    }
    const errors = (results: LoadResult[]) => results.reduce((sum, r) => sum + r.errors, 0);
    if (errors(real) > 0 || errors(bare) > 0)
      throw new Error(`bench: ${errors(real)} registry and ${errors(bare)} baseline errors`);
    const rps = (results: LoadResult[]) =>
      Math.round(
        (results.reduce((sum, r) => sum + r.requests, 0) * 1000) /
          results.reduce((sum, r) => sum + r.elapsedMs, 0),
      );
    console.log(
      JSON.stringify({
        bench: 'public-verdicts',
        rps: rps(real),
        baseline_rps: rps(bare),
        ratio: Math.round((rps(real) / rps(bare)) * 1000) / 1000,
        // The worst round's p99: no round may hide behind a quieter one.
        p99_ms: Math.max(...real.map((r) => r.p99Ms)),
      }),
    );
  } finally {
    await Promise.all([stop(registry.process), stop(baseline.process)]);
  }
}

async function syncDelta(): Promise<void> {
  const ASSETS = 100_000;
  const CHANGES = 100;
  const dataDir = mkdtempSync(join(tmpdir(), 'cf-bench-sync-'));
  const database = openDatabase({ dataDir });
  try {
    await migrate(database.db);
    const { id: orgId } = await createOrganisation(database.db, { name: 'Bench' });
    console.error(`bench: seeding ${ASSETS} assets`);
    const { assetIds } = await seedAssets(database.db, orgId, ASSETS, { feed: true });
    const write = <T>(fn: Parameters<typeof runWrite<T>>[2]) =>
      runWrite(database.db, { orgId, actor: 'system:bench', now: new Date() }, fn);
    const { secret } = await write((w) =>
      createApiKey(w, { kind: 'editor', name: 'Bench', createdBy: null }),
    );
    const { change_seq: before } = await database.db
      .selectFrom('org_counters')
      .select('change_seq')
      .where('org_id', '=', orgId)
      .executeTakeFirstOrThrow();
    for (let i = 0; i < CHANGES; i += 1) {
      const id = assetIds[(i * 997) % assetIds.length] ?? '';
      await write(async (w) => {
        await w.db
          .updateTable('assets')
          .set({ title: `Renamed ${i}` })
          .where('id', '=', id)
          .execute();
        await w.changed('asset', id);
      });
    }
    const app = createApp({
      db: database.db,
      engine: database.engine,
      files: new FsFileStore(join(dataDir, 'files')),
      now: () => new Date(),
    });
    const headers = { authorization: `Bearer ${secret}` };
    // Warm the route (first-call compilation), on an empty delta.
    await app.request(`/v1/sync?since=${encodeCursor(before + CHANGES)}`, { headers });
    const started = performance.now();
    const response = await app.request(`/v1/sync?since=${encodeCursor(before)}`, { headers });
    const body = (await response.json()) as { changes: unknown[] };
    const ms = performance.now() - started;
    if (response.status !== 200 || body.changes.length !== CHANGES)
      throw new Error(`bench: sync answered ${response.status} with ${body.changes.length}`);
    console.log(
      JSON.stringify({
        bench: 'sync-delta',
        assets: ASSETS,
        changes: CHANGES,
        ms: Math.round(ms * 100) / 100,
      }),
    );
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await publicVerdicts();
await syncDelta();
