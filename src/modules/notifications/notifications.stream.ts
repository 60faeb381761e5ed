/**
 * GET /api/notifications/stream (decision 025): server-sent events for the signed-in user.
 * Events carry ids, the kind and the link only; the client refetches the list. A reconnecting
 * client sends Last-Event-ID and receives what it missed, read from the table. Every heartbeat
 * re-reads the session (without touching it): a stream ends at the first heartbeat after logout,
 * revocation or expiry.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TContext } from '../../server/context.js';
import { describeForLog } from '../../server/errors.handler.js';
import type { TLiveHub } from './notifications.live.js';
import { listNotificationsAfter, type TLiveEvent } from './notifications.repository.js';
import { sessionStillValid } from './notifications.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** At most this many missed notifications are replayed; beyond, the client is told to refetch. */
const REPLAY_LIMIT = 100;

export function eventText(event: TLiveEvent): string {
  const data = { id: event.id, kind: event.kind, personId: event.personId, link: event.link };
  return `id: ${event.id}\nevent: notification\ndata: ${JSON.stringify(data)}\n\n`;
}

export async function openNotificationStream(
  ctx: TContext,
  hub: TLiveHub,
  request: FastifyRequest,
  reply: FastifyReply,
  tokenHash: string,
): Promise<void> {
  const res = reply.raw;
  reply.hijack();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    // no cache, and no proxy may compress or buffer it (events would wait in a buffer)
    'cache-control': 'no-store, no-transform',
    'x-accel-buffering': 'no',
    connection: 'keep-alive',
    'x-request-id': request.id,
  });
  let open = true;
  let unsubscribe = () => {};
  const heartbeat: { timer?: NodeJS.Timeout } = {};
  const write = (text: string) => {
    if (open) res.write(text);
  };
  const close = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat.timer);
    unsubscribe();
    res.end();
  };
  const end = (reason: string) => {
    write(`event: end\ndata: ${JSON.stringify({ reason })}\n\n`);
    close();
  };
  res.on('close', close);
  write('retry: 3000\n: connected\n\n');

  // A notification committed just before this stream subscribed may reach it live (its NOTIFY
  // arrives late) and be read again by the replay: live events wait until the replay is written
  // and an id already written is never written twice.
  const written = new Set<string>();
  let held: TLiveEvent[] | null = [];
  const deliver = (event: TLiveEvent) => {
    if (held) return void held.push(event);
    if (written.has(event.id)) return;
    write(eventText(event));
  };
  try {
    const stop = await hub.subscribe({
      userId: ctx.actor.userId,
      onEvent: deliver,
      onResync: () => write('event: resync\ndata: {}\n\n'),
      end: () => end('shutdown'),
    });
    if (!open) return stop();
    unsubscribe = stop;
    const last = request.headers['last-event-id'];
    if (typeof last === 'string' && UUID.test(last)) {
      const missed = await listNotificationsAfter(ctx.db, ctx.actor.userId, last, REPLAY_LIMIT);
      for (const event of missed) {
        written.add(event.id);
        write(eventText(event));
      }
      if (missed.length === REPLAY_LIMIT) write('event: resync\ndata: {}\n\n');
    }
    const waiting = held;
    held = null;
    for (const event of waiting) deliver(event);
  } catch (error) {
    request.log.error({ err: describeForLog(error) }, 'notification stream failed to start');
    return end('unavailable');
  }
  write('event: ready\ndata: {}\n\n');

  heartbeat.timer = setInterval(() => {
    write(': ping\n\n');
    sessionStillValid(ctx.db, tokenHash)
      .then((valid) => {
        if (!valid) end('session_ended');
      })
      .catch(() => end('unavailable'));
  }, hub.heartbeatMs);
  heartbeat.timer.unref();
}
