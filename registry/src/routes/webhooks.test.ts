import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../test-support/engines.js';
import { testRecords } from '../test-support/records.js';
import { useTestRegistry } from '../test-support/test-registry.js';
import { createDispatcher } from '../webhooks/dispatcher.js';
import type { Dispatcher } from '../webhooks/dispatcher.js';
import { verifySignature } from '../webhooks/signature.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real subscriber on loopback that records what it gets and answers `status`. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { status: 200 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(state.status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(ENGINES)('webhooks on %s', (engine) => {
  const registry = useTestRegistry(engine);
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let clock = new Date();
  let dispatcher: Dispatcher;
  let webhook: { id: string; secret: string };
  const ids = {
    classPhoto: '',
    portrait: '',
    landscape: '',
    person: '',
    other: '',
    consent: '',
    otherConsent: '',
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    dispatcher = createDispatcher({
      db: registry.db,
      now: () => clock,
      timeoutMs: 2_000,
      log: () => undefined,
    });
    const records = testRecords(registry);
    const classPhoto = await records.asset({ title: 'Class photo' });
    const portrait = await records.asset({ title: 'Portrait' });
    const landscape = await records.asset({ title: 'Landscape', legal_basis: 'contract' });
    const person = await records.person({ name: 'Astrid Lindqvist', email: 'astrid@example.se' });
    const other = await records.person({ name: 'Bo Ek' });
    await records.tag(classPhoto.id, person.id);
    await records.tag(portrait.id, person.id);
    await records.tag(classPhoto.id, other.id);
    const consent = await records.consent(person.id, { comment: 'Signed at the open day' });
    const otherConsent = await records.consent(other.id, {
      asset_ids: JSON.stringify([classPhoto.id]),
    });
    Object.assign(ids, {
      classPhoto: classPhoto.id,
      portrait: portrait.id,
      landscape: landscape.id,
      person: person.id,
      other: other.id,
      consent: consent.id,
      otherConsent: otherConsent.id,
    });
  });

  afterAll(async () => {
    await receiver.close();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.state.status = 200;
  });

  const deliveries = async () => {
    const response = await registry.request(`/v1/webhooks/${webhook.id}/deliveries`, {
      headers: registry.as.admin,
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
  };

  // Deliveries not seen before, and one delivery by id: the log's order cannot tell apart two
  // writes in the same millisecond.
  const seen = new Set<string>();
  const takeNew = async () => {
    const fresh = (await deliveries()).filter((delivery) => !seen.has(delivery.id));
    for (const delivery of fresh) seen.add(delivery.id);
    return fresh;
  };
  const byId = async (id: string | undefined) => {
    const found = (await deliveries()).find((delivery) => delivery.id === id);
    if (found === undefined) throw new Error(`no delivery ${id}`);
    return found;
  };

  const pendingCount = async () =>
    (await deliveries()).filter((delivery) => delivery.status === 'pending').length;

  it('creates a webhook for admins only and shows its secret once', async () => {
    const refused = await registry.request('/v1/webhooks', {
      method: 'POST',
      headers: registry.as.editor,
      json: { url: receiver.url },
    });
    expect(refused.status).toBe(403);

    const bad = await registry.request('/v1/webhooks', {
      method: 'POST',
      headers: registry.as.admin,
      json: { url: 'ftp://example.org/hook' },
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ field: 'url' }] });

    const response = await registry.request('/v1/webhooks', {
      method: 'POST',
      headers: registry.as.admin,
      json: { url: receiver.url, description: 'School website' },
    });
    expect(response.status).toBe(201);
    const created = (await response.json()) as {
      webhook: { id: string; url: string; description: string; events: string[] };
      secret: string;
    };
    expect(created.webhook).toMatchObject({
      url: receiver.url,
      description: 'School website',
      events: ['verdicts.changed'],
    });
    expect(created.secret).toMatch(/^whsec_/);
    webhook = { id: created.webhook.id, secret: created.secret };

    const list = await registry.request('/v1/webhooks', { headers: registry.as.admin });
    const listed = JSON.stringify(await list.json());
    expect(listed).toContain(webhook.id);
    expect(listed).not.toContain(webhook.secret);

    const audit = await registry.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('org_id', '=', registry.orgId)
      .where('action', '=', 'webhook.create')
      .execute();
    expect(audit.length).toBe(1);
    expect(audit[0]?.after ?? '').not.toContain(webhook.secret);
  });

  it('sends one signed delivery with the affected asset ids after a revocation', async () => {
    const response = await registry.request(`/v1/consents/${ids.consent}/revocations`, {
      method: 'POST',
      headers: registry.as.admin,
      json: { reason: 'Moved away' },
    });
    expect(response.status).toBe(201);
    const queued = await takeNew();
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ status: 'pending', attempts: 0 });

    clock = new Date();
    expect(await dispatcher.runOnce()).toBe(1);
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    if (request === undefined) throw new Error('no request');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['x-clearframe-event']).toBe('verdicts.changed');
    expect(request.headers['x-clearframe-delivery']).toBe(queued[0]?.id);

    const signature = String(request.headers['x-clearframe-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const nowSeconds = Math.floor(clock.getTime() / 1000);
    expect(verifySignature(signature, request.body, webhook.secret, nowSeconds)).toBe(true);
    expect(verifySignature(signature, `${request.body} `, webhook.secret, nowSeconds)).toBe(false);
    expect(verifySignature(signature, request.body, 'whsec_other', nowSeconds)).toBe(false);
    expect(verifySignature(signature, request.body, webhook.secret, nowSeconds + 301)).toBe(false);

    const event = JSON.parse(request.body) as Record<string, unknown>;
    expect(Object.keys(event).sort()).toEqual(['assetIds', 'id', 'occurredAt', 'type']);
    expect(event).toMatchObject({ type: 'verdicts.changed' });
    expect(event.id).toMatch(/^evt_/);
    expect(event.assetIds).toEqual([ids.classPhoto, ids.portrait].sort());
    // No personal data: no names, e-mails, person or consent ids, no reasons.
    for (const secret of ['Astrid', 'Lindqvist', 'astrid@', 'Moved away', 'open day']) {
      expect(request.body).not.toContain(secret);
    }
    expect(request.body).not.toContain(ids.person);
    expect(request.body).not.toContain(ids.consent);

    const logged = await byId(queued[0]?.id);
    expect(logged).toMatchObject({
      status: 'delivered',
      attempts: 1,
      responseStatus: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(logged?.attemptLog).toEqual([
      { at: clock.toISOString(), status: 200, error: null, durationMs: expect.any(Number) },
    ]);
    expect(await dispatcher.runOnce()).toBe(0);
  });

  it('retries a failing subscriber with growing delays and logs every attempt', async () => {
    receiver.state.status = 500;
    const response = await registry.request(`/v1/consents/${ids.otherConsent}/revocations`, {
      method: 'POST',
      headers: registry.as.admin,
      json: { channels: ['print'] },
    });
    expect(response.status).toBe(201);

    const [queued] = await takeNew();
    const start = new Date();
    clock = start;
    expect(await dispatcher.runOnce()).toBe(1);
    let latest = await byId(queued?.id);
    expect(latest).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 500 });
    expect(latest?.lastError).toBe('HTTP 500');
    expect(latest?.payload.assetIds).toEqual([ids.classPhoto]);
    expect(Date.parse(latest?.nextAttemptAt ?? '') - start.getTime()).toBe(10_000);

    // Not due yet: nothing is sent.
    clock = new Date(start.getTime() + 9_000);
    expect(await dispatcher.runOnce()).toBe(0);

    clock = new Date(start.getTime() + 10_000);
    expect(await dispatcher.runOnce()).toBe(1);
    latest = await byId(queued?.id);
    expect(latest).toMatchObject({ status: 'pending', attempts: 2 });
    expect(Date.parse(latest?.nextAttemptAt ?? '') - clock.getTime()).toBe(60_000);

    receiver.state.status = 204;
    clock = new Date(clock.getTime() + 60_000);
    expect(await dispatcher.runOnce()).toBe(1);
    latest = await byId(queued?.id);
    expect(latest).toMatchObject({ status: 'delivered', attempts: 3, responseStatus: 204 });
    expect(latest?.attemptLog.map((attempt) => attempt.status)).toEqual([500, 500, 204]);
    expect(receiver.received).toHaveLength(3);
    // Every attempt is the same event, signed anew.
    const eventIds = new Set(receiver.received.map((request) => JSON.parse(request.body).id));
    expect(eventIds.size).toBe(1);
  });

  it('gives up after the last attempt and records why', async () => {
    const impatient = createDispatcher({
      db: registry.db,
      now: () => clock,
      backoffMs: [1_000],
      timeoutMs: 2_000,
      log: () => undefined,
    });
    receiver.state.status = 503;
    await registry.request(`/v1/persons/${ids.other}`, {
      method: 'PATCH',
      headers: { ...registry.as.admin, 'if-match': '*' },
      json: { protectedIdentity: true },
    });
    const [queued] = await takeNew();
    clock = new Date();
    expect(await impatient.runOnce()).toBe(1);
    clock = new Date(clock.getTime() + 1_000);
    expect(await impatient.runOnce()).toBe(1);
    const latest = await byId(queued?.id);
    expect(latest).toMatchObject({
      status: 'failed',
      attempts: 2,
      nextAttemptAt: null,
      lastError: 'HTTP 503',
    });
    expect(latest?.payload.assetIds).toEqual([ids.classPhoto]);
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await impatient.runOnce()).toBe(0);
  });

  it('logs a subscriber that does not answer as an error without a status', async () => {
    const unreachable = await startReceiver();
    await unreachable.close();
    const row = await registry.db
      .selectFrom('webhooks')
      .select('id')
      .where('id', '=', webhook.id)
      .executeTakeFirstOrThrow();
    await registry.db
      .updateTable('webhooks')
      .set({ url: unreachable.url })
      .where('id', '=', row.id)
      .execute();
    try {
      await registry.request(`/v1/consents/${ids.consent}`, {
        method: 'PATCH',
        headers: { ...registry.as.admin, 'if-match': '*' },
        json: { channels: ['web'] },
      });
      const [queued] = await takeNew();
      clock = new Date();
      expect(await dispatcher.runOnce()).toBe(1);
      const latest = await byId(queued?.id);
      expect(latest).toMatchObject({ status: 'pending', attempts: 1, responseStatus: null });
      expect(latest?.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    } finally {
      await registry.db
        .updateTable('webhooks')
        .set({ url: receiver.url })
        .where('id', '=', row.id)
        .execute();
    }
  });

  it('delivers on its own once started, and stops', async () => {
    const running = createDispatcher({ db: registry.db, pollMs: 20, log: () => undefined });
    running.start();
    try {
      const response = await registry.request(`/v1/persons/${ids.person}`, {
        method: 'PATCH',
        headers: { ...registry.as.admin, 'if-match': '*' },
        json: { objectedAt: '2020-01-01T00:00:00Z' },
      });
      expect(response.status).toBe(200);
      const [queued] = await takeNew();
      for (let i = 0; i < 100 && receiver.received.length === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(receiver.received).toHaveLength(1);
      expect((await byId(queued?.id)).status).toBe('delivered');
    } finally {
      await running.stop();
    }
  });

  it('queues nothing for writes that change no verdict', async () => {
    await takeNew();
    // A title, a person's e-mail and a consent's comment are not evaluation input.
    const patched = await registry.request(`/v1/assets/${ids.portrait}`, {
      method: 'PATCH',
      headers: { ...registry.as.admin, 'if-match': '*' },
      json: { title: 'Portrait, retouched' },
    });
    expect(patched.status).toBe(200);
    const person = await registry.request(`/v1/persons/${ids.person}`, {
      method: 'PATCH',
      headers: { ...registry.as.admin, 'if-match': '*' },
      json: { email: 'astrid.l@example.se' },
    });
    expect(person.status).toBe(200);
    await registry.request('/v1/usages', {
      method: 'POST',
      headers: registry.as.editor,
      json: { source: 'wordpress', url: 'https://site.example/a', assetIds: [ids.portrait] },
    });
    expect(await takeNew()).toEqual([]);
  });

  it('sends the asset itself after a basis change and every asset after a policy change', async () => {
    await takeNew();
    const basis = await registry.request(`/v1/assets/${ids.landscape}`, {
      method: 'PATCH',
      headers: { ...registry.as.admin, 'if-match': '*' },
      json: { legalBasis: 'unassessed' },
    });
    expect(basis.status).toBe(200);
    const policy = await registry.request('/v1/policy', {
      method: 'PUT',
      headers: { ...registry.as.admin, 'if-match': '*' },
      json: { preset: 'SE', warnDays: 14 },
    });
    expect(policy.status).toBe(200);
    const queued = (await takeNew()).map((delivery) => delivery.payload.assetIds);
    expect(queued).toHaveLength(2);
    expect(queued).toContainEqual([ids.landscape]);
    expect(queued).toContainEqual([ids.classPhoto, ids.portrait, ids.landscape].sort());
    clock = new Date();
    await dispatcher.runOnce();
  });

  it('queues one event per write for a retag, whatever it touches', async () => {
    await takeNew();
    const retag = await registry.request(`/v1/assets/${ids.portrait}/persons`, {
      method: 'PUT',
      headers: { ...registry.as.admin, 'if-match': '*' },
      json: { persons: [{ personId: ids.person }, { personId: ids.other }] },
    });
    expect(retag.status).toBe(200);
    const queued = await takeNew();
    expect(queued).toHaveLength(1);
    expect(queued[0]?.payload.assetIds).toEqual([ids.portrait]);
  });

  it('deletes a webhook: nothing more is queued, pending deliveries fail, others see 404', async () => {
    receiver.state.status = 500;
    await registry.request(`/v1/assets/${ids.portrait}`, {
      method: 'PATCH',
      headers: { ...registry.as.admin, 'if-match': '*' },
      json: { legalBasis: 'contract' },
    });
    expect(await pendingCount()).toBeGreaterThan(0);
    const refused = await registry.request(`/v1/webhooks/${webhook.id}`, {
      method: 'DELETE',
      headers: registry.as.editor,
    });
    expect(refused.status).toBe(403);

    const pending = await registry.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('webhook_id', '=', webhook.id)
      .where('status', '=', 'pending')
      .execute();
    const response = await registry.request(`/v1/webhooks/${webhook.id}`, {
      method: 'DELETE',
      headers: registry.as.admin,
    });
    expect(response.status).toBe(204);
    const after = await registry.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'status', 'last_error'])
      .where(
        'id',
        'in',
        pending.map((row) => row.id),
      )
      .execute();
    expect(
      after.every((row) => row.status === 'failed' && row.last_error === 'webhook deleted'),
    ).toBe(true);
    const count = async () =>
      (
        await registry.db
          .selectFrom('webhook_deliveries')
          .select('id')
          .where('webhook_id', '=', webhook.id)
          .execute()
      ).length;
    const total = await count();
    await registry.request(`/v1/consents/${ids.consent}`, {
      method: 'PATCH',
      headers: { ...registry.as.admin, 'if-match': '*' },
      json: { channels: ['web', 'print'] },
    });
    expect(await count()).toBe(total);

    const list = await registry.request('/v1/webhooks', { headers: registry.as.admin });
    expect(await list.json()).toEqual({ webhooks: [] });
    const log = await registry.request(`/v1/webhooks/${webhook.id}/deliveries`, {
      headers: registry.as.admin,
    });
    expect(log.status).toBe(404);
    expect(
      (
        await registry.request('/v1/webhooks/whk_nope', {
          method: 'DELETE',
          headers: registry.as.admin,
        })
      ).status,
    ).toBe(404);
  });
});

interface Delivery {
  id: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  responseStatus: number | null;
  lastError: string | null;
  payload: { id: string; assetIds: string[] };
  attemptLog: { at: string; status: number | null; error: string | null; durationMs: number }[];
}
