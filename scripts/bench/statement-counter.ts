/**
 * Counts the statements Maillon's server sends to PostgreSQL without touching the server: a TCP
 * relay between the server and PostgreSQL that reads the frontend protocol messages going up and
 * counts each simple query ('Q') and each extended-protocol execution ('E'). Bytes are passed on
 * unchanged. Used for a counting pass only (the relay's hop would slow the throughput runs).
 */
import net from 'node:net';

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;

export type TStatementCounter = {
  url: string;
  count: () => number;
  /**
   * The text of the queries sent since the last call (simple queries, unnamed parses, and binds
   * of named statements as "[name] text"), then cleared.
   */
  takeTexts: () => string[];
  close: () => Promise<void>;
};

/** The NUL-terminated string at `start`. */
const cstring = (body: Buffer, start: number) =>
  body.subarray(start, body.indexOf(0, start)).toString('utf8');

/**
 * Counts 'Q' and 'E' messages in one connection's frontend stream; keeps the text of each simple
 * query, of each unnamed statement parsed, and of each named statement bound.
 */
function createParser(onStatement: () => void, onText: (text: string) => void) {
  const prepared = new Map<string, string>();
  let pending: Buffer = Buffer.alloc(0);
  let isStarted = false;
  return (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    for (;;) {
      if (!isStarted) {
        // Untyped startup-phase packets: length, then a code (SSL/GSS requests come before it).
        if (pending.length - at < 8) break;
        const length = pending.readInt32BE(at);
        if (pending.length - at < length) break;
        const code = pending.readInt32BE(at + 4);
        if (code !== SSL_REQUEST && code !== GSS_REQUEST) isStarted = true;
        at += length;
        continue;
      }
      if (pending.length - at < 5) break;
      const length = pending.readInt32BE(at + 1);
      if (pending.length - at < 1 + length) break;
      const type = String.fromCharCode(pending[at]!);
      if (type === 'Q' || type === 'E') onStatement();
      const body = pending.subarray(at + 5, at + 1 + length);
      if (type === 'Q') onText(cstring(body, 0));
      if (type === 'P') {
        // Parse: statement name, then the query. A named (prepared) statement is parsed once per
        // connection and then only bound: its text is kept and shown at each bind instead.
        const name = cstring(body, 0);
        const query = cstring(body, Buffer.byteLength(name) + 1);
        if (name) prepared.set(name, query);
        else onText(query);
      }
      if (type === 'B') {
        // Bind: portal name, then statement name.
        const portal = cstring(body, 0);
        const name = cstring(body, Buffer.byteLength(portal) + 1);
        if (name) onText(`[${name}] ${prepared.get(name) ?? ''}`);
      }
      at += 1 + length;
    }
    pending = pending.subarray(at);
  };
}

/** A relay to the PostgreSQL server of `databaseUrl`; `url` is the same database through it. */
export async function startStatementCounter(databaseUrl: string): Promise<TStatementCounter> {
  const target = new URL(databaseUrl);
  let statements = 0;
  let texts: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(client).add(upstream);
    const parse = createParser(
      () => statements++,
      (text) => texts.length < 10_000 && texts.push(text),
    );
    client.on('data', (chunk: Buffer) => {
      parse(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayed = new URL(databaseUrl);
  relayed.hostname = '127.0.0.1';
  relayed.port = String((server.address() as net.AddressInfo).port);
  return {
    url: relayed.toString(),
    count: () => statements,
    takeTexts: () => {
      const taken = texts;
      texts = [];
      return taken;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
