// kill -9 in the middle of a burst of writes: every acknowledged write survives, none is partial.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from './audit/verify.js';
import { hashPassword } from './auth/passwords.js';
import { createUser } from './auth/users.js';
import { runWrite } from './db/write.js';
import { createOrganisation } from './orgs/create-organisation.js';
import { runCli, startServerProcess } from './test-support/child-process.js';
import type { ServerProcess } from './test-support/child-process.js';
import { ENGINES } from './test-support/engines.js';
import { openTestDatabase } from './test-support/test-database.js';
import type { TestDatabase } from './test-support/test-database.js';

const ADMIN = { email: 'crash@example.org', password: 'crash test password 123' };
const REQUESTS = 400;
const CONCURRENCY = 24;
/** Acknowledged writes after which the server is killed; the rest of the burst is in flight. */
const KILL_AFTER = 60;

type Ack =
  | { kind: 'person'; id: string }
  | { kind: 'key'; id: string }
  | { kind: 'policy'; version: number };

describe.each(ENGINES)('crash safety on %s', (engine) => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  const settings = () => ({ dataDir: database.dataDir, databaseUrl: database.databaseUrl });

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const { id: orgId } = await createOrganisation(database.db, { name: 'Crash organisation' });
    const passwordHash = await hashPassword(ADMIN.password);
    await runWrite(database.db, { orgId, actor: 'system:test', now: new Date() }, (w) =>
      createUser(w, { email: ADMIN.email, name: 'Admin', role: 'admin', passwordHash }),
    );
  });

  afterAll(async () => {
    await server?.kill('SIGKILL');
    await database?.close();
  });

  it('keeps every acknowledged write and no partial one after SIGKILL mid-burst', async () => {
    server = await startServerProcess(settings());
    const cookie = await login(server.url);
    const killed = server;

    const acks: Ack[] = [];
    let failures = 0;
    let inFlightAtKill = -1;
    let inFlight = 0;
    let next = 0;
    let kill: Promise<void> | undefined;
    const killNow = () => {
      if (kill !== undefined) return;
      inFlightAtKill = inFlight;
      kill = killed.kill('SIGKILL');
    };
    const safety = setTimeout(killNow, 20_000);

    const worker = async () => {
      while (next < REQUESTS && kill === undefined) {
        const index = next++;
        inFlight += 1;
        try {
          const ack = await write(killed.url, cookie, index);
          if (ack !== undefined) acks.push(ack);
          if (acks.length >= KILL_AFTER) killNow();
        } catch {
          failures += 1;
        } finally {
          inFlight -= 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    clearTimeout(safety);
    killNow();
    await kill;

    // The kill landed mid-burst: requests were in flight and did not get an answer.
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(failures).toBeGreaterThan(0);
    expect(acks.length).toBeGreaterThanOrEqual(KILL_AFTER);

    // Restarted on the same data, the server serves every acknowledged write.
    server = await startServerProcess(settings());
    const restarted = server;
    const get = (path: string) =>
      fetch(`${restarted.url}${path}`, { headers: { cookie } }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      }));
    for (const ack of acks) {
      if (ack.kind !== 'person') continue;
      expect((await get(`/v1/persons/${ack.id}`)).status, ack.id).toBe(200);
    }
    const keys = (await get('/v1/keys')).body.keys as { id: string }[];
    const keyIds = new Set(keys.map((key) => key.id));
    for (const ack of acks) if (ack.kind === 'key') expect(keyIds.has(ack.id), ack.id).toBe(true);
    const policy = (await get('/v1/policy')).body as { version: number };
    const versions = acks.flatMap((ack) => (ack.kind === 'policy' ? [ack.version] : []));
    expect(policy.version).toBeGreaterThanOrEqual(Math.max(1, ...versions));

    await expectNoPartialWrite(database);
    expect(await verifyAuditChain(database.db)).toMatchObject({ ok: true });
    const cli = await runCli(['audit-verify'], settings());
    expect(cli, cli.stderr).toMatchObject({ code: 0 });
    await restarted.kill('SIGTERM');
    server = undefined;
  }, 120_000);
});

async function login(url: string): Promise<string> {
  const response = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(response.status).toBe(200);
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** One write of the burst: a person, a key or a policy update, by turns. Undefined unless 2xx. */
async function write(url: string, cookie: string, index: number): Promise<Ack | undefined> {
  const headers = { cookie, 'content-type': 'application/json' };
  const send = (method: string, path: string, body: unknown, extra: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: { ...headers, ...extra },
      body: JSON.stringify(body),
    });
  switch (index % 3) {
    case 0: {
      const response = await send('POST', '/v1/persons', { name: `Crash person ${index}` });
      if (!response.ok) return undefined;
      return { kind: 'person', id: ((await response.json()) as { id: string }).id };
    }
    case 1: {
      const response = await send(
        'POST',
        '/v1/keys',
        { kind: 'editor', name: `Crash key ${index}` },
        { 'idempotency-key': `crash-${index}` },
      );
      if (!response.ok) return undefined;
      return { kind: 'key', id: ((await response.json()) as { key: { id: string } }).key.id };
    }
    default: {
      const response = await send(
        'PUT',
        '/v1/policy',
        { preset: 'SE', warnDays: 10 + (index % 50) },
        { 'if-match': '*' },
      );
      if (!response.ok) return undefined;
      return { kind: 'policy', version: ((await response.json()) as { version: number }).version };
    }
  }
}

/** Each write's row, audit entry and change row are all there or all absent. */
async function expectNoPartialWrite(database: TestDatabase): Promise<void> {
  const { db } = database;
  const audit = await db.selectFrom('audit_log').selectAll().execute();
  const changes = await db.selectFrom('changes').selectAll().execute();
  const count = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length;

  const persons = await db.selectFrom('persons').select('id').execute();
  const personAudits = audit.filter((entry) => entry.action === 'person.create');
  expect(new Set(personAudits.map((entry) => entry.target_id))).toEqual(
    new Set(persons.map((person) => person.id)),
  );
  expect(personAudits.length).toBe(persons.length);
  for (const person of persons) {
    expect(
      count(changes, (change) => change.entity_type === 'person' && change.entity_id === person.id),
    ).toBe(1);
  }

  const keys = await db.selectFrom('api_keys').select('id').execute();
  const keyAudits = audit.filter((entry) => entry.action === 'key.create');
  expect(new Set(keyAudits.map((entry) => entry.target_id))).toEqual(
    new Set(keys.map((key) => key.id)),
  );
  // Every key came with an Idempotency-Key, stored in the same transaction as the key.
  expect((await db.selectFrom('idempotency_keys').select('key').execute()).length).toBe(
    keys.length,
  );

  const policies = await db.selectFrom('policies').select(['org_id', 'version']).execute();
  for (const policy of policies) {
    const updates = count(
      audit,
      (entry) => entry.action === 'policy.update' && entry.target_id === policy.org_id,
    );
    expect(policy.version).toBe(1 + updates);
    expect(
      count(
        changes,
        (change) => change.entity_type === 'policy' && change.entity_id === policy.org_id,
      ),
    ).toBe(1 + updates);
  }

  // Sequence numbers are gap-free up to the counters: nothing half-allocated.
  const counters = await db.selectFrom('org_counters').selectAll().execute();
  for (const counter of counters) {
    const seqs = changes
      .filter((change) => change.org_id === counter.org_id)
      .map((change) => change.seq)
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: counter.change_seq }, (_, index) => index + 1));
  }
}
