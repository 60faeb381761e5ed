/**
 * The replay of a reconnecting stream (decision 025) against a notification whose NOTIFY arrives
 * late: committed before the stream subscribed, it reaches the stream live while the replay reads
 * it from the table. The stream writes it once, after what came before it. Runs the stream
 * function itself with a hub that delivers the late event at the worst moments.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { buildUser } from '../../../test/helpers/factories.js';
import type { TLiveHub } from './notifications.live.js';
import { insertNotification, rowsOf, type TLiveEvent } from './notifications.repository.js';
import { openNotificationStream } from './notifications.stream.js';

describe('notification stream replay', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('writes a notification both replayed and delivered live once, in order', async () => {
    const nurse = await buildUser(database.db, { role: 'professional' });
    for (const link of ['/one', '/two', '/three']) {
      await database.db.transaction((tx) =>
        insertNotification(tx, { userId: nurse.id, kind: 'message.new', personId: null, link }),
      );
    }
    const events = rowsOf<TLiveEvent>(
      await database.db.execute(sql`
        SELECT id, user_id AS "userId", kind, person_id AS "personId", link
        FROM notifications WHERE user_id = ${nurse.id} ORDER BY created_at, id`),
    );
    const [one, , three] = events;
    const written: string[] = [];
    const subscribers: { onEvent: (event: TLiveEvent) => void }[] = [];
    const hub: TLiveHub = {
      heartbeatMs: 60_000,
      size: () => subscribers.length,
      close: async () => {},
      subscribe: async (subscriber) => {
        subscribers.push(subscriber);
        // the late NOTIFY of '/three', before the replay has read the table
        subscriber.onEvent(three!);
        return () => {};
      },
    };
    const raw = {
      writeHead: () => raw,
      write: (text: string) => written.push(text),
      end: () => {},
      on: () => raw,
    };
    const reply = { raw, hijack: () => {} } as unknown as FastifyReply;
    const request = {
      id: 'test',
      headers: { 'last-event-id': one!.id },
      log: { error: () => {} },
    } as unknown as FastifyRequest;
    const ctx = {
      db: database.db,
      actor: { userId: nurse.id },
      requestId: 'test',
    } as unknown as TContext;

    await openNotificationStream(ctx, hub, request, reply, 'token-hash');
    // and once more after the replay, as a NOTIFY that took even longer would
    subscribers[0]!.onEvent(three!);

    const links = written
      .filter((text) => text.includes('event: notification'))
      .map((text) => (JSON.parse(text.split('data: ')[1]!) as { link: string }).link);
    assert.deepEqual(links, ['/two', '/three']);
    assert.ok(
      written.findIndex((text) => text.includes('event: ready')) >
        written.findIndex((text) => text.includes('/three')),
      'the replay comes before ready',
    );
  });
});
