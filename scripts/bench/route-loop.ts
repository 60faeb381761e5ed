/**
 * The measuring loop shared by the route benchmarks (bench:caseload, bench:logbook): each caller
 * sends one route for a given time with its own session, and the recorder keeps every sample.
 *
 * Two ways of loading the server, both reported:
 * - closed loop (`thinkMs` 0): each caller sends its next request as soon as the last answered —
 *   a saturation test, whose latency is the callers' queue (latency ≈ callers / throughput);
 * - users (`thinkMs` > 0): each caller is a person at a screen who waits a think time (uniform
 *   between half and one and a half times `thinkMs`, first wait random so that the users do not
 *   march in step) between an answer and the next request, as the region load test does: the
 *   latency a user sees with that many users at once.
 */
import type { THttpClient, THttpResponse } from '../load/http.js';
import {
  classifyStatus,
  createRecorder,
  recordSample,
  summariseRecorder,
  type TPhaseReport,
} from '../load/stats.js';

export type TBenchCaller = { cookie: string; csrfToken?: string; persons: readonly string[] };

export type TBenchRoute<TCaller extends TBenchCaller> = {
  name: string;
  method?: 'GET' | 'POST';
  path: (caller: TCaller, n: number) => string;
  body?: (n: number) => unknown;
  /** The success status (200 unless said). */
  ok?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measureRoute<TCaller extends TBenchCaller>(
  route: TBenchRoute<TCaller>,
  client: THttpClient,
  callers: readonly TCaller[],
  durationMs: number,
  thinkMs = 0,
): Promise<TPhaseReport> {
  const recorder = createRecorder();
  const method = route.method ?? 'GET';
  const started = performance.now();
  const deadline = started + durationMs;
  const loop = async (caller: TCaller, i: number) => {
    if (thinkMs > 0) await sleep(Math.random() * thinkMs);
    for (let n = i; performance.now() < deadline; n++) {
      const t = performance.now();
      let response: THttpResponse | null = null;
      let detail: string | undefined;
      try {
        response = await client.send(method, route.path(caller, n), {
          headers: {
            cookie: caller.cookie,
            ...(method !== 'GET' && caller.csrfToken ? { 'x-csrf-token': caller.csrfToken } : {}),
          },
          ...(route.body ? { body: route.body(n) } : {}),
        });
        detail = `${response.status} ${response.body.slice(0, 200)}`;
      } catch (error) {
        detail = (error as Error).message;
      }
      const status = response?.status ?? null;
      recordSample(recorder, route.name, {
        ms: performance.now() - t,
        status,
        outcome: classifyStatus(status, [route.ok ?? 200]),
        detail,
      });
      if (thinkMs > 0) await sleep(thinkMs * (0.5 + Math.random()));
    }
  };
  await Promise.all(callers.map((caller, i) => loop(caller, i)));
  return summariseRecorder(recorder, performance.now() - started);
}
