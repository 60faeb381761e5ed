/**
 * A virtual user: one account's own session (cookie + CSRF token), what it has seen so far (to
 * navigate like a person would: open a person from the list, a profile from the results), and
 * `call`, which sends one request and records its latency and outcome under a route name.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TLoadLogin } from './data.js';
import type { THttpClient } from './http.js';
import { classifyStatus, recordSample, type TRecorder } from './stats.js';

export type TEntryType = 'member' | 'organisation' | 'service';
export const ENTRY_PATHS: Record<TEntryType, string> = {
  member: 'members',
  organisation: 'organisations',
  service: 'services',
};

export type TCallResult = { isOk: boolean; status: number | null; json: unknown };

export type TVirtualUser = {
  login: TLoadLogin;
  random: () => number;
  /** What this user has seen: ids to click on next. */
  seen: {
    persons: string[];
    results: { type: TEntryType; id: string; title: string }[];
    communes: string[];
    /** Care-team places this user added and may remove again. */
    added: { personId: string; memberId: string }[];
  };
  /** Members behind the load's own accounts: never put in or taken out of a care team. */
  accountMemberIds: ReadonlySet<string>;
  /** Whether an unexpected answer (not a conflict) came back in the current step. */
  hasFailed: boolean;
  /** Sends one request; a status outside `expect` (default: 200) is counted against the route. */
  call: (
    route: string,
    method: string,
    path: string,
    options?: { body?: unknown; expect?: readonly number[] },
  ) => Promise<TCallResult>;
  /** A pause within a step (reading, filling a form): `factor` times the think time, randomised. */
  pause: (factor?: number) => Promise<void>;
};

/** How each call is recorded and paced; the run swaps the recorder between phases. */
export type TUserControl = {
  recorder: () => TRecorder;
  thinkMs: () => number;
  signal: () => AbortSignal;
};

/** Deterministic random numbers (mulberry32), one stream per virtual user. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A think time around `meanMs`: uniform between half and one and a half times it. */
export function thinkTime(meanMs: number, random: () => number): number {
  return meanMs * (0.5 + random());
}

/** Sleeps unless the phase ends first (then returns early, without error). */
export async function pauseUnlessStopped(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** Logs an account in over HTTP (as the web app does); returns its session cookie and CSRF token. */
export async function logIn(
  client: THttpClient,
  login: TLoadLogin,
  recorder: TRecorder,
): Promise<{ cookie: string; csrfToken: string }> {
  const started = performance.now();
  const response = await client.send('POST', '/api/auth/login', {
    body: { email: login.email, password: login.password },
  });
  const outcome = classifyStatus(response.status, [200]);
  recordSample(recorder, 'POST /api/auth/login', {
    ms: performance.now() - started,
    status: response.status,
    outcome,
  });
  if (outcome !== 'ok') {
    throw new Error(`login of ${login.email} failed: ${response.status} ${response.body}`);
  }
  const setCookie = response.headers['set-cookie']?.find((c) => c.startsWith('maillon_session='));
  if (!setCookie) throw new Error(`login of ${login.email} set no session cookie`);
  const { session } = JSON.parse(response.body) as { session: { csrfToken: string } };
  return { cookie: setCookie.split(';')[0]!, csrfToken: session.csrfToken };
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A virtual user over an open session. */
export function createVirtualUser(options: {
  login: TLoadLogin;
  session: { cookie: string; csrfToken: string };
  client: THttpClient;
  control: TUserControl;
  seed: number;
  accountMemberIds: ReadonlySet<string>;
}): TVirtualUser {
  const { client, control, session } = options;
  const random = seededRandom(options.seed);
  const user: TVirtualUser = {
    login: options.login,
    random,
    seen: { persons: [], results: [], communes: [], added: [] },
    accountMemberIds: options.accountMemberIds,
    hasFailed: false,
    call: async (route, method, path, { body, expect = [200] } = {}) => {
      const recorder = control.recorder();
      const headers: Record<string, string> = { cookie: session.cookie };
      if (WRITES.has(method)) headers['x-csrf-token'] = session.csrfToken;
      const started = performance.now();
      let status: number | null = null;
      let text = '';
      let detail: string | undefined;
      try {
        const response = await client.send(method, path, { headers, body });
        status = response.status;
        text = response.body;
      } catch (error) {
        detail = `${method} ${path}: ${(error as Error).message}`;
      }
      const ms = performance.now() - started;
      const outcome = classifyStatus(status, expect);
      if (status !== null && outcome !== 'ok') detail = `${status} ${method} ${path}: ${text}`;
      recordSample(recorder, route, { ms, status, outcome, detail: detail?.slice(0, 300) });
      if (outcome !== 'ok' && outcome !== 'conflict') user.hasFailed = true;
      const isOk = outcome === 'ok';
      return { isOk, status, json: isOk && text ? (JSON.parse(text) as unknown) : undefined };
    },
    pause: (factor = 1) =>
      pauseUnlessStopped(thinkTime(control.thinkMs() * factor, random), control.signal()),
  };
  return user;
}

/** One of the items, at random. */
export function pickOne<T>(items: readonly T[], random: () => number): T | undefined {
  return items.length ? items[Math.floor(random() * items.length)] : undefined;
}
