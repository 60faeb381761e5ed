/**
 * Live notifications (decision 025). Each server process holds ONE listening connection on
 * LIVE_CHANNEL: on PostgreSQL a dedicated client outside the pool (LISTEN needs a session of its
 * own), reconnected with backoff after a loss; on PGlite the embedded database's own listen().
 * insertNotification sends pg_notify in the change's transaction, so every process hears of a
 * notification when — and only if — it commits, whichever process wrote it. The hub only keeps
 * who is connected to THIS process (the open streams); a notification lives in its table, and
 * a stream that missed something (reconnect, listener lost) catches up from there.
 */
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { TDb } from '../../db/client.js';
import { describeForLog } from '../../server/errors.handler.js';
import { LIVE_CHANNEL, type TLiveEvent } from './notifications.repository.js';

type TSubscriber = {
  userId: string;
  onEvent: (event: TLiveEvent) => void;
  /** The listener was lost for a while: events may have been missed, the client refetches. */
  onResync: () => void;
  /** The process stops: end the stream. */
  end: () => void;
};

export type TLiveHub = {
  /** Registers a stream; resolves once the process listens (so nothing committed after is missed). */
  subscribe: (subscriber: TSubscriber) => Promise<() => void>;
  /** How often open streams send a heartbeat and check their session. */
  heartbeatMs: number;
  /** Open streams in this process (tests, health). */
  size: () => number;
  /** Ends every stream and stops listening. */
  close: () => Promise<void>;
};

type TListener = { stop: () => Promise<void> };

/** Parses a payload of LIVE_CHANNEL; null when it is not one of ours. */
function parseEvent(payload: string | undefined): TLiveEvent | null {
  try {
    const value = JSON.parse(payload ?? '') as Partial<TLiveEvent>;
    if (typeof value.userId !== 'string' || typeof value.id !== 'string') return null;
    return {
      userId: value.userId,
      id: value.id,
      kind: String(value.kind),
      personId: value.personId ?? null,
      link: value.link ?? null,
    };
  } catch {
    return null;
  }
}

/** Listens on PostgreSQL through one dedicated connection, reconnecting after a loss. */
async function listenPostgres(
  pool: pg.Pool,
  onPayload: (payload: string | undefined) => void,
  onReconnected: () => void,
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>,
): Promise<TListener> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let delay = 500;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ ...pool.options, application_name: 'maillon-live' });
    next.on('notification', (message) => {
      if (message.channel === LIVE_CHANNEL) onPayload(message.payload);
    });
    const lost = (error?: Error) => {
      if (stopped || client !== next) return;
      client = null;
      log.warn(
        { err: error ? describeForLog(error) : undefined },
        'live listener lost; reconnecting',
      );
      next.removeAllListeners('end');
      next.end().catch(() => undefined);
      schedule();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    await next.connect();
    await next.query(`LISTEN ${LIVE_CHANNEL}`);
    if (stopped) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    delay = 500;
  };
  const schedule = () => {
    retry = setTimeout(() => {
      connect()
        .then(() => {
          log.info('live listener reconnected');
          onReconnected();
        })
        .catch((error: unknown) => {
          log.warn({ err: describeForLog(error) }, 'live listener could not reconnect');
          delay = Math.min(delay * 2, 30_000);
          schedule();
        });
    }, delay);
    retry.unref();
  };

  await connect();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(retry);
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
    },
  };
}

/** Listens on PGlite: the one process hears its own pg_notify at commit. */
async function listenPglite(
  client: {
    listen: (channel: string, cb: (payload: string) => void) => Promise<() => Promise<void>>;
  },
  onPayload: (payload: string | undefined) => void,
): Promise<TListener> {
  const unlisten = await client.listen(LIVE_CHANNEL, onPayload);
  return { stop: () => unlisten().catch(() => undefined) };
}

/**
 * The hub of one server process. It starts listening when the first stream opens (a process
 * nobody streams from holds no extra connection) and keeps listening until closed.
 */
export function createLiveHub(
  db: TDb,
  log: Pick<FastifyBaseLogger, 'warn' | 'info'>,
  options: { heartbeatMs?: number } = {},
): TLiveHub {
  const subscribers = new Map<string, Set<TSubscriber>>();
  let listener: Promise<TListener> | null = null;
  let closed = false;

  const dispatch = (payload: string | undefined) => {
    const event = parseEvent(payload);
    if (!event) return;
    for (const subscriber of subscribers.get(event.userId) ?? []) subscriber.onEvent(event);
  };
  const resyncAll = () => {
    for (const set of subscribers.values()) for (const subscriber of set) subscriber.onResync();
  };
  const startListening = (): Promise<TListener> => {
    const client = (db as unknown as { $client: unknown }).$client;
    const started =
      client instanceof pg.Pool
        ? listenPostgres(client, dispatch, resyncAll, log)
        : listenPglite(client as Parameters<typeof listenPglite>[0], dispatch);
    // a failed start is tried again by the next stream
    started.catch(() => {
      if (listener === started) listener = null;
    });
    return started;
  };

  return {
    heartbeatMs: options.heartbeatMs ?? 20_000,
    subscribe: async (subscriber) => {
      if (closed) throw new Error('the live hub is closed');
      let set = subscribers.get(subscriber.userId);
      if (!set) subscribers.set(subscriber.userId, (set = new Set()));
      set.add(subscriber);
      const unsubscribe = () => {
        set.delete(subscriber);
        if (set.size === 0 && subscribers.get(subscriber.userId) === set) {
          subscribers.delete(subscriber.userId);
        }
      };
      try {
        await (listener ??= startListening());
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    size: () => [...subscribers.values()].reduce((sum, set) => sum + set.size, 0),
    close: async () => {
      closed = true;
      for (const set of subscribers.values()) for (const subscriber of set) subscriber.end();
      subscribers.clear();
      const started = listener;
      listener = null;
      if (started) await (await started.catch(() => null))?.stop();
    },
  };
}
