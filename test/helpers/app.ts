import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { TDatabase } from '../../src/db/client.js';
import { sealAuditLog } from '../../src/modules/audit/audit.seal.js';
import { verifyAuditChain } from '../../src/modules/audit/audit.verify.js';
import { buildApp, type TApp } from '../../src/server/app.js';
import { loadConfig, type TConfig } from '../../src/server/config.js';
import { createTestDatabase } from './database.js';

export type TTestApp = {
  app: TApp;
  database: TDatabase;
  config: TConfig;
  /** For a test that alters the audit log on purpose: close() then skips the chain check. */
  allowBrokenAuditChain: () => void;
  /** Verifies the audit chain of everything the test file did, then closes app and database. */
  close: () => Promise<void>;
};

/**
 * An app on a fresh database, without logs, for app.inject() tests. Closing it walks the audit
 * chain: every API test file thus ends with a check that the chain its requests wrote verifies.
 */
export async function createTestApp(
  prepare?: (app: TApp) => void | Promise<void>,
  options: { poolSize?: number } = {},
): Promise<TTestApp> {
  const database = await createTestDatabase(undefined, options);
  const config = loadConfig({
    DATA_DIR: mkdtempSync(join(tmpdir(), 'maillon-test-')),
    SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
    PUBLIC_URL: 'http://localhost:3000',
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp(
    { db: database.db, driver: database.driver, config },
    { logger: false },
  );
  await prepare?.(app);
  await app.ready();
  let checkChain = true;
  return {
    app,
    database,
    config,
    allowBrokenAuditChain: () => {
      checkChain = false;
    },
    close: async () => {
      try {
        await app.close();
        let chain;
        if (checkChain) {
          // the server's sealer does not run under inject(): seal what the file wrote, then walk
          await sealAuditLog(database.db);
          chain = await verifyAuditChain(database.db);
        }
        if (chain && (!chain.ok || chain.unsealed > 0)) {
          throw new Error(
            `the audit chain of this test file's database does not verify (${String(chain.checked)} rows): ${chain.problems.slice(0, 10).join('; ')}`,
          );
        }
      } finally {
        await database.close();
      }
    },
  };
}

/** A logged-in client: carries the cookie and CSRF token on every call. */
export type TAgent = {
  cookie: string;
  csrfToken: string;
  request: (method: string, url: string, body?: unknown) => Promise<LightMyRequestResponse>;
};

/** Logs in through the API (as a browser would) and returns an agent. */
export async function loginAs(app: TApp, email: string, password: string): Promise<TAgent> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(`login of ${email} failed: ${response.statusCode} ${response.body}`);
  }
  return agentFrom(app, response);
}

/** Builds an agent from a response that set the session cookie. */
export function agentFrom(app: TApp, response: LightMyRequestResponse): TAgent {
  const cookie = response.cookies.find((c) => c.name === 'maillon_session');
  if (!cookie) throw new Error('no session cookie in response');
  const body = response.json<{ session: { csrfToken: string } }>();
  const agent: TAgent = {
    cookie: `maillon_session=${cookie.value}`,
    csrfToken: body.session.csrfToken,
    request: (method, url, payload) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
  };
  return agent;
}
