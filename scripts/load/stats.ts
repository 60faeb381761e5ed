/**
 * What the load test counts: per route, every latency and every outcome. A 409 is a conflict (an
 * optimistic version or a duplicate lost a race), counted apart from errors; any other 4xx the
 * step did not expect is a client error; a 5xx a server error; no answer at all a network error.
 */

export type TOutcome = 'ok' | 'conflict' | 'client_error' | 'server_error' | 'network_error';

type TRouteSamples = {
  latencies: number[];
  counts: Record<TOutcome, number>;
  statuses: Record<string, number>;
  /** The first few unexpected answers, to say what went wrong. */
  examples: string[];
};

/** The samples of one phase (warm-up, main load, capacity, a ceiling). */
export type TRecorder = { routes: Map<string, TRouteSamples> };

export type TRouteReport = {
  route: string;
  count: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  ok: number;
  conflicts: number;
  clientErrors: number;
  serverErrors: number;
  networkErrors: number;
  statuses: Record<string, number>;
  examples: string[];
};

export type TPhaseReport = {
  elapsedMs: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  conflicts: number;
  clientErrors: number;
  serverErrors: number;
  networkErrors: number;
  routes: TRouteReport[];
};

const MAX_EXAMPLES = 5;

/** An empty recorder. */
export function createRecorder(): TRecorder {
  return { routes: new Map() };
}

/** Classifies an HTTP status (null: no answer) against the statuses the step expects. */
export function classifyStatus(status: number | null, expected: readonly number[]): TOutcome {
  if (status === null) return 'network_error';
  if (expected.includes(status)) return 'ok';
  if (status === 409) return 'conflict';
  if (status >= 500) return 'server_error';
  return 'client_error';
}

/** Adds one request's latency and outcome; `detail` is kept for the first few unexpected ones. */
export function recordSample(
  recorder: TRecorder,
  route: string,
  sample: { ms: number; status: number | null; outcome: TOutcome; detail?: string },
): void {
  let samples = recorder.routes.get(route);
  if (!samples) {
    samples = {
      latencies: [],
      counts: { ok: 0, conflict: 0, client_error: 0, server_error: 0, network_error: 0 },
      statuses: {},
      examples: [],
    };
    recorder.routes.set(route, samples);
  }
  samples.latencies.push(sample.ms);
  samples.counts[sample.outcome]++;
  const status = sample.status === null ? 'network' : String(sample.status);
  samples.statuses[status] = (samples.statuses[status] ?? 0) + 1;
  const isUnexpected = sample.outcome !== 'ok' && sample.outcome !== 'conflict';
  if (isUnexpected && sample.detail && samples.examples.length < MAX_EXAMPLES) {
    samples.examples.push(sample.detail);
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Percentiles, rates and counts of a phase, route by route (sorted by route). */
export function summariseRecorder(recorder: TRecorder, elapsedMs: number): TPhaseReport {
  const seconds = Math.max(elapsedMs, 1) / 1000;
  const all: number[] = [];
  const routes = [...recorder.routes.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, samples]): TRouteReport => {
      const sorted = Float64Array.from(samples.latencies).sort();
      for (const ms of samples.latencies) all.push(ms); // (spread would overflow on long runs)
      const sum = samples.latencies.reduce((total, ms) => total + ms, 0);
      return {
        route,
        count: sorted.length,
        perSecond: round(sorted.length / seconds),
        p50: round(percentile(sorted, 50)),
        p95: round(percentile(sorted, 95)),
        p99: round(percentile(sorted, 99)),
        max: round(sorted.at(-1) ?? 0),
        mean: round(sorted.length ? sum / sorted.length : 0),
        ok: samples.counts.ok,
        conflicts: samples.counts.conflict,
        clientErrors: samples.counts.client_error,
        serverErrors: samples.counts.server_error,
        networkErrors: samples.counts.network_error,
        statuses: samples.statuses,
        examples: samples.examples,
      };
    });
  const sortedAll = Float64Array.from(all).sort();
  const total = (pick: (r: TRouteReport) => number) => routes.reduce((n, r) => n + pick(r), 0);
  return {
    elapsedMs: Math.round(elapsedMs),
    requests: sortedAll.length,
    perSecond: round(sortedAll.length / seconds),
    p50: round(percentile(sortedAll, 50)),
    p95: round(percentile(sortedAll, 95)),
    p99: round(percentile(sortedAll, 99)),
    conflicts: total((r) => r.conflicts),
    clientErrors: total((r) => r.clientErrors),
    serverErrors: total((r) => r.serverErrors),
    networkErrors: total((r) => r.networkErrors),
    routes,
  };
}
