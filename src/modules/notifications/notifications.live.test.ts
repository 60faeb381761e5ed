/**
 * Live notifications (decision 025) on a listening server: the stream refuses without a session,
 * carries ids/kind/link only, only the user's own, only what commits, replays after Last-Event-ID,
 * ends once the session is gone; on PostgreSQL the listener comes back after losing its
 * connection, and a notification written by one server process reaches a client of another.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import type pg from 'pg';
import type { TDatabase } from '../../db/client.js';
import { buildApp, type TApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createTestDatabase, TEST_DRIVER } from '../../../test/helpers/database.js';
import { buildPerson, buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import {
  spawnServer,
  stopServer,
  waitHealthy,
  type TServerProcess,
} from '../../../test/helpers/server-process.js';
import { openSse } from '../../../test/helpers/sse.js';
import { insertNotification, rowsOf } from './notifications.repository.js';

type TLogin = { cookie: string; csrf: string };

async function login(baseUrl: string, email: string): Promise<TLogin> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('maillon_session='));
  const body = (await response.json()) as { session: { csrfToken: string } };
  return { cookie: cookie!.split(';')[0]!, csrf: body.session.csrfToken };
}

const streamOf = (baseUrl: string, who: TLogin | null, headers: Record<string, string> = {}) =>
  openSse(`${baseUrl}/api/notifications/stream`, {
    ...(who ? { cookie: who.cookie } : {}),
    ...headers,
  });

describe(`live notifications (${TEST_DRIVER})`, () => {
  let database: TDatabase;
  let app: TApp;
  let baseUrl: string;

  before(async () => {
    database = await createTestDatabase();
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'maillon-test-')),
      SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
      PUBLIC_URL: 'http://localhost:3000',
      LOG_LEVEL: 'silent',
    });
    app = await buildApp(
      { db: database.db, driver: database.driver, config },
      { logger: false, liveHeartbeatMs: 150 },
    );
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await app.close();
    await database.close();
  });

  it('refuses the stream without a session, or with an unknown one (401)', async () => {
    const tries: Record<string, string>[] = [{}, { cookie: 'maillon_session=not-a-session' }];
    for (const headers of tries) {
      const response = await fetch(`${baseUrl}/api/notifications/stream`, { headers });
      assert.equal(response.status, 401);
      assert.match(response.headers.get('content-type') ?? '', /json/);
      await response.body?.cancel();
    }
  });

  it("delivers the user's own committed notifications, ids/kind/link only, nobody else's", async () => {
    const nurse = await buildUser(database.db, { role: 'professional' });
    const other = await buildUser(database.db, { role: 'professional' });
    const person = await buildPerson(database.db);
    const stream = await streamOf(baseUrl, await login(baseUrl, nurse.email));
    try {
      assert.equal(stream.status, 200);
      assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
      assert.match(stream.headers.get('cache-control') ?? '', /no-transform/);
      assert.match(stream.headers.get('content-security-policy') ?? '', /connect-src 'self'/);
      await stream.waitFor((e) => e.event === 'ready');

      await database.db.transaction(async (tx) => {
        await insertNotification(tx, {
          userId: other.id,
          kind: 'referral.received',
          personId: person.id,
          link: '/x',
        });
      });
      // rolled back: never delivered
      await assert.rejects(
        database.db.transaction(async (tx) => {
          await insertNotification(tx, {
            userId: nurse.id,
            kind: 'message.new',
            personId: null,
            link: '/rolled-back',
          });
          throw new Error('rollback');
        }),
      );
      await database.db.transaction((tx) =>
        insertNotification(tx, {
          userId: nurse.id,
          kind: 'logbook.urgent',
          personId: person.id,
          link: `/persons/${person.id}`,
        }),
      );
      const event = await stream.waitFor((e) => e.event === 'notification');
      assert.deepEqual(Object.keys(JSON.parse(event.data) as object).sort(), [
        'id',
        'kind',
        'link',
        'personId',
      ]);
      assert.equal((JSON.parse(event.data) as { kind: string }).kind, 'logbook.urgent');
      assert.doesNotMatch(event.data, new RegExp(person.lastName));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(stream.events.filter((e) => e.event === 'notification').length, 1);
      assert.ok(stream.comments() > 0, 'heartbeats are sent');
    } finally {
      stream.close();
    }
  });

  it('replays what a reconnecting client missed after its Last-Event-ID', async () => {
    const nurse = await buildUser(database.db, { role: 'professional' });
    const who = await login(baseUrl, nurse.email);
    const notify = (link: string) =>
      database.db.transaction((tx) =>
        insertNotification(tx, { userId: nurse.id, kind: 'message.new', personId: null, link }),
      );
    const first = await streamOf(baseUrl, who);
    await first.waitFor((e) => e.event === 'ready');
    await notify('/one');
    const seen = await first.waitFor((e) => e.event === 'notification');
    first.close();
    await notify('/two');
    await notify('/three');
    const again = await streamOf(baseUrl, who, { 'last-event-id': seen.id! });
    try {
      await again.waitFor((e) => e.event === 'ready');
      assert.deepEqual(
        again.events
          .filter((e) => e.event === 'notification')
          .map((e) => (JSON.parse(e.data) as { link: string }).link),
        ['/two', '/three'],
      );
    } finally {
      again.close();
    }
  });

  it("fuzzes Last-Event-ID: junk, SQL, another user's id — the stream opens and replays nothing", async () => {
    const nurse = await buildUser(database.db, { role: 'professional' });
    const other = await buildUser(database.db, { role: 'professional' });
    await database.db.transaction((tx) =>
      insertNotification(tx, { userId: other.id, kind: 'message.new', personId: null, link: '/o' }),
    );
    const [theirs] = rowsOf<{ id: string }>(
      await database.db.execute(sql`SELECT id FROM notifications WHERE user_id = ${other.id}`),
    );
    const who = await login(baseUrl, nurse.email);
    const samples = [
      theirs!.id,
      "' OR 1=1 --",
      '00000000-0000-0000-0000-000000000000',
      'x'.repeat(4000),
      ...fc.sample(fc.string({ unit: 'grapheme-ascii', maxLength: 80 }), 8),
    ].map((value) => value.replace(/[\r\n\0]/g, ' ').trim() || 'x');
    for (const value of samples) {
      const stream = await streamOf(baseUrl, who, { 'last-event-id': value });
      try {
        assert.equal(stream.status, 200, value);
        await stream.waitFor((e) => e.event === 'ready');
        assert.equal(stream.events.filter((e) => e.event === 'notification').length, 0, value);
      } finally {
        stream.close();
      }
    }
  });

  it('ends the stream at the next heartbeat once the user has logged out', async () => {
    const nurse = await buildUser(database.db, { role: 'professional' });
    const who = await login(baseUrl, nurse.email);
    const stream = await streamOf(baseUrl, who);
    await stream.waitFor((e) => e.event === 'ready');
    const out = await fetch(`${baseUrl}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
    });
    assert.equal(out.status, 204);
    const end = await stream.waitFor((e) => e.event === 'end', 5_000);
    assert.deepEqual(JSON.parse(end.data), { reason: 'session_ended' });
    await stream.ended;
  });

  it('keeps the stream open for the heartbeat without extending an idle session', async () => {
    const nurse = await buildUser(database.db, { role: 'professional' });
    const who = await login(baseUrl, nurse.email);
    const before_ = await database.db.execute(sql`SELECT last_seen_at FROM sessions s
      JOIN users u ON u.id = s.user_id WHERE u.id = ${nurse.id}`);
    const stream = await streamOf(baseUrl, who);
    await stream.waitFor((e) => e.event === 'ready');
    await new Promise((r) => setTimeout(r, 400));
    const after_ = await database.db.execute(sql`SELECT last_seen_at FROM sessions s
      JOIN users u ON u.id = s.user_id WHERE u.id = ${nurse.id}`);
    assert.deepEqual((after_ as { rows: unknown[] }).rows, (before_ as { rows: unknown[] }).rows);
    stream.close();
  });

  it(
    'listens again after losing its PostgreSQL connection, and tells clients to refetch',
    {
      skip: TEST_DRIVER !== 'postgres' && 'PostgreSQL only (PGlite has no connection to lose)',
    },
    async () => {
      const nurse = await buildUser(database.db, { role: 'professional' });
      const stream = await streamOf(baseUrl, await login(baseUrl, nurse.email));
      try {
        await stream.waitFor((e) => e.event === 'ready');
        await database.db.execute(
          sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
            WHERE application_name = 'maillon-live' AND datname = current_database()`,
        );
        await stream.waitFor((e) => e.event === 'resync', 10_000);
        await database.db.transaction((tx) =>
          insertNotification(tx, {
            userId: nurse.id,
            kind: 'alert.raised',
            personId: null,
            link: null,
          }),
        );
        await stream.waitFor((e) => e.event === 'notification');
      } finally {
        stream.close();
      }
    },
  );
});

describe(
  'live notifications across two server processes on one PostgreSQL',
  {
    skip: TEST_DRIVER !== 'postgres' && 'PostgreSQL only',
  },
  () => {
    let database: TDatabase;
    const servers: TServerProcess[] = [];

    before(async () => {
      if (TEST_DRIVER !== 'postgres') return;
      database = await createTestDatabase('postgres', { poolSize: 2 });
      const url = (database.db as unknown as { $client: pg.Pool }).$client.options
        .connectionString!;
      for (let i = 0; i < 2; i++) {
        servers.push(
          await spawnServer({
            DATABASE_URL: url,
            DATA_DIR: mkdtempSync(join(tmpdir(), 'maillon-live-')),
            SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
            LOG_LEVEL: 'warn',
            SEED_DEMO: 'false',
          }),
        );
      }
      await Promise.all(servers.map((server) => waitHealthy(server)));
    });
    after(async () => {
      await Promise.all(servers.map((server) => stopServer(server)));
      await database?.close();
    });

    it("a member added to a care team on server A sees it live on server B's stream", async () => {
      const [a, b] = servers as [TServerProcess, TServerProcess];
      const manager = await buildUser(database.db, { role: 'coordinator' });
      const nurse = await buildUser(database.db, { role: 'professional' });
      const person = await buildPerson(database.db, { caseManagerId: manager.memberId });
      const onB = await streamOf(b.url, await login(b.url, nurse.email));
      try {
        await onB.waitFor((e) => e.event === 'ready');
        const managerOnA = await login(a.url, manager.email);
        const added = await fetch(`${a.url}/api/persons/${person.id}/care-team`, {
          method: 'POST',
          headers: {
            cookie: managerOnA.cookie,
            'x-csrf-token': managerOnA.csrf,
            'content-type': 'application/json',
          },
          body: JSON.stringify({ memberId: nurse.memberId, role: 'home_nurse' }),
        });
        assert.equal(added.status, 204, await added.text());
        const event = await onB.waitFor((e) => e.event === 'notification');
        assert.deepEqual(JSON.parse(event.data), {
          id: event.id,
          kind: 'care_team.joined',
          personId: person.id,
          link: `/persons/${person.id}`,
        });
      } finally {
        onB.close();
      }
    });
  },
);
