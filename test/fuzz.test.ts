/**
 * Fuzzing: every route of the OpenAPI document receives generated bad input (wrong types, huge and
 * unicode strings, injection strings, missing and extra fields, negative numbers, wrong ids) from a
 * logged-in admin and a logged-in case manager. No answer may be a 5xx, and a request answered 4xx
 * must leave the data unchanged. FUZZ_RUNS sets the number of inputs per route (short run in
 * `npm test`, long run with `npm run test:fuzz`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, type TAgent, type TTestApp } from './helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from './helpers/directory-factories.js';
import { buildPerson, buildUser, TEST_PASSWORD } from './helpers/factories.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SKIP = new Set([
  'POST /api/auth/logout',
  'POST /api/account/password',
  'POST /api/account/totp/disable',
  'POST /api/account/totp/setup',
]);

const nasty = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE users; --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '${7*7}',
    '\u0000',
    '\uD800',
    '🙂'.repeat(500),
    'é'.repeat(5000),
    '00000000-0000-0000-0000-000000000000',
    '-1',
    'NaN',
    '',
    ' ',
  ),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 5 }),
  fc.dictionary(nasty, nasty, { maxKeys: 4 }),
);

/** Like encodeURIComponent, but a lone surrogate (not encodable) is sent as U+FFFD. */
const encodePathPart = (value: string) =>
  encodeURIComponent(value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'));

type TOperation = { method: string; path: string; fields: string[] };

/** Bodies: the documented fields with bad values, some missing, some extra. */
const bodyFor = (fields: string[]) =>
  fc.oneof(
    fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }),
    fc.dictionary(fc.string({ maxLength: 20 }), value, { maxKeys: 6 }),
    value,
  );

describe('fuzzing every route', () => {
  let t: TTestApp;
  let agents: TAgent[] = [];
  let operations: TOperation[] = [];
  const fingerprint = async () => {
    const result: unknown = await t.database.db.execute(sql`SELECT
      (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM persons) AS persons,
      (SELECT count(*) FROM care_team_members WHERE until IS NULL) AS team, (SELECT count(*) FROM sharing_objections WHERE withdrawn_at IS NULL) AS objections,
      (SELECT count(*) FROM members) AS members, (SELECT count(*) FROM organisations) AS organisations, (SELECT count(*) FROM services) AS services,
      (SELECT coalesce(sum(version), 0) FROM members) + (SELECT coalesce(sum(version), 0) FROM organisations) + (SELECT coalesce(sum(version), 0) FROM services) AS versions,
      (SELECT count(*) FROM invitations) AS invitations, (SELECT count(*) FROM network_settings) AS settings`);
    return JSON.stringify((result as { rows: Record<string, unknown>[] }).rows[0]);
  };

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const admin = await buildUser(db, { role: 'admin' });
    const manager = await buildUser(db, { role: 'coordinator' });
    await buildPerson(db, { caseManagerId: manager.memberId });
    const organisationId = (await buildOrganisation(db)).id;
    await buildService(db, organisationId);
    await buildDirectoryMember(db);
    agents = [
      await loginAs(t.app, admin.email, TEST_PASSWORD),
      await loginAs(t.app, manager.email, TEST_PASSWORD),
    ];
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: {
              content?: Record<string, { schema?: { properties?: Record<string, unknown> } }>;
            };
          }
        >
      >;
    }>();
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        fields: Object.keys(
          op.requestBody?.content?.['application/json']?.schema?.properties ?? {},
        ),
      })),
    );
  });
  after(() => t.close());

  it(`answers bad input on every route without a 5xx and without changing data (${RUNS} inputs per route and user)`, async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const op of operations) {
      if (SKIP.has(`${op.method} ${op.path}`)) continue;
      const input = fc.record({
        params: fc.array(nasty, { minLength: 3, maxLength: 3 }),
        query: fc.dictionary(
          fc.constantFrom(
            'q',
            'page',
            'pageSize',
            'type',
            'profession',
            'limit',
            'before',
            'commune',
            'x',
          ),
          nasty,
          { maxKeys: 3 },
        ),
        body: bodyFor(op.fields),
        agent: fc.integer({ min: 0, max: agents.length - 1 }),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ params, query, body, agent }) => {
          let i = 0;
          const path = op.path.replace(/\{(\w+)\}/g, () => encodePathPart(params[i++] ?? ''));
          const search = new URLSearchParams(query).toString();
          const before = await fingerprint();
          const response = await agents[agent]!.request(
            op.method,
            `${path}${search ? `?${search}` : ''}`,
            op.method === 'GET' ? undefined : body,
          );
          sent++;
          statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
          assert.ok(
            response.statusCode < 500,
            `${op.method} ${path} → ${response.statusCode} ${response.body}`,
          );
          if (response.statusCode >= 400)
            assert.equal(
              await fingerprint(),
              before,
              `${op.method} ${path} changed data and answered ${response.statusCode}`,
            );
          if (
            response.statusCode >= 400 &&
            response.statusCode !== 404 &&
            response.statusCode !== 405
          ) {
            const error = response.json<{ error?: { code?: string; message?: string } }>().error;
            assert.ok(
              error?.code && error.message,
              `${op.method} ${path}: error without code or message`,
            );
          }
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 42), includeErrorInReport: true },
      );
    }
    process.stdout.write(
      `fuzz: ${sent} requests over ${operations.length} routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    assert.ok(sent >= operations.length);
  });
});
