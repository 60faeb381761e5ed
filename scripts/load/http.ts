/**
 * The load generator's HTTP client: node:http over keep-alive connections (one per concurrent
 * caller, as browsers keep theirs), lighter per request than fetch so more of the two shared cores
 * is left to the server under test. Main load and bare-Fastify ceiling both go through it.
 */
import http from 'node:http';

export type THttpResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type THttpClient = {
  send: (
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: unknown },
  ) => Promise<THttpResponse>;
  close: () => void;
};

/** A client of one base URL; a request without an answer after timeoutMs fails. */
export function createHttpClient(baseUrl: string, options: { timeoutMs?: number } = {}) {
  const url = new URL(baseUrl);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const client: THttpClient = {
    send: (method, path, { headers = {}, body } = {}) =>
      new Promise((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const request = http.request(
          {
            host: url.hostname,
            port: url.port,
            method,
            path,
            agent,
            headers: {
              accept: 'application/json',
              ...(payload === undefined
                ? {}
                : {
                    'content-type': 'application/json',
                    'content-length': String(Buffer.byteLength(payload)),
                  }),
              ...headers,
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                headers: response.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          },
        );
        request.setTimeout(timeoutMs, () =>
          request.destroy(new Error(`no answer after ${timeoutMs} ms`)),
        );
        request.on('error', reject);
        request.end(payload);
      }),
    close: () => agent.destroy(),
  };
  return client;
}
