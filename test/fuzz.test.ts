/**
 * Fuzzing: every route of the OpenAPI document receives bad input from a logged-in admin and a
 * logged-in case manager, on junk ids and on real ones. Two parts:
 * - random: fast-check generates wrong types, unicode and injection strings, missing and extra
 *   fields (FUZZ_RUNS inputs per route: a short run in `npm test`, a long one in `npm run test:fuzz`);
 * - edges: every field, path and query parameter of every route, one at a time in an otherwise
 *   valid request, receives each edge value (lone surrogates, a megabyte string, 10,000-deep JSON,
 *   numbers at the edges), and every body is also sent with duplicate keys and as deep JSON.
 * No answer may be a 5xx; an error answer has the project's shape; a request answered 4xx leaves
 * every table as it was (a digest per table, before and after; the audit log may only grow).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import {
  alerts,
  assessments,
  attachments,
  conversationParticipants,
  conversations,
  hospitalStays,
  logbookEntries,
  outbox,
} from '../src/db/schema/index.js';
import { runStatement, statement, type TStatement } from '../src/db/statements.js';
import { createTestApp, loginAs, type TAgent, type TTestApp } from './helpers/app.js';
import {
  buildDirectoryMember,
  buildOrganisation,
  buildService,
} from './helpers/directory-factories.js';
import { buildMember, buildPerson, buildUser, TEST_PASSWORD } from './helpers/factories.js';
import { buildSupportRequest } from './helpers/request-factories.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** What an audit row says, as one digest: a refused request may append rows, never change one. */
const AUDIT_ROW_DIGEST = statement(
  'fuzz_audit_row_digest',
  'SELECT md5(to_jsonb(a)::text) AS digest FROM audit_log a WHERE seq = $1',
);
/** The long run (npm run test:fuzz) sends every edge value; the short one a few of each class. */
const LONG = RUNS >= 100;

/**
 * Routes that end or change the caller's own sign-in: fuzzed like the others, but each request
 * from a fresh account of its own (else the first success would log the fuzzing agent out).
 */
const OWN_SIGN_IN = new Set([
  'POST /api/auth/logout',
  'POST /api/account/password',
  'POST /api/account/totp/disable',
  'POST /api/account/totp/setup',
  'POST /api/account/totp/enable',
  'PATCH /api/account',
]);
/** Routes not fuzzed here, each with its reason. */
const SKIP = new Map<string, string>([
  [
    'GET /api/notifications/stream',
    'a stream that stays open (inject would wait forever); it takes no parameter or body, and ' +
      'its one input, the Last-Event-ID header, is fuzzed in notifications.live.test.ts',
  ],
]);

/**
 * Tables a refused request may change, and why. Every other table must read the same after a 4xx.
 * audit_log is checked apart: its existing rows must not change (refusals are audited, so new
 * rows may appear).
 */
const MAY_CHANGE: Record<string, string> = {
  login_throttle: 'counts failed sign-ins: a refused login must count',
  audit_head: 'moves with each appended audit row; the chain walk at close checks it',
  audit_log: 'checked apart: existing rows unchanged, refusals may append',
  audit_unsealed: 'the rows refusals append wait there for their seal',
  audit_seal: 'the seals of audit rows; the chain walk at close checks them',
};
/** Columns a refused request may change: any authenticated request refreshes its session. */
const VOLATILE_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at'] };

// The second is long enough to pass length checks (reasons, names) and reach the database.
const LONE_SURROGATES = [
  '\uD800',
  'Texte assez long \uDC00 pour passer',
  '\uDBFF\uDBFF',
  'x'.repeat(20) + '\uD83D',
];
const MEGABYTE = 'é'.repeat(500_000);
const DEEP = 10_000;
/** Raw JSON texts of numbers at the edges (some are not representable as a double). */
const EDGE_NUMBERS = [
  '9007199254740993',
  '-0',
  '1e308',
  '1e400',
  '2147483648',
  '-9223372036854775809',
  '5e-324',
  '0.1e-7',
];

const nasty = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE users; --',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    '${7*7}',
    '\u0000',
    ...LONE_SURROGATES,
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
  fc.string({ unit: 'binary', maxLength: 30 }), // any code unit, lone surrogates included
);
const value: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 31, -(2 ** 31) - 1, -0),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 5 }),
  fc.dictionary(nasty, nasty, { maxKeys: 4 }),
);

/** Like encodeURIComponent, but a lone surrogate is sent as the bytes a broken client would send. */
const encodePathPart = (text: string) =>
  text
    .split(/([\uD800-\uDFFF])/u)
    .map((part) => (/^[\uD800-\uDFFF]$/u.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');

type TSchema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  minLength?: number;
  minimum?: number;
  minItems?: number;
  items?: TSchema;
  anyOf?: TSchema[];
  properties?: Record<string, TSchema>;
  required?: string[];
  default?: unknown;
};
type TOperation = {
  method: string;
  path: string;
  route: string;
  body?: TSchema;
  query: Record<string, TSchema>;
};
type TRealIds = Record<
  | 'person'
  | 'member'
  | 'organisation'
  | 'service'
  | 'user'
  | 'mail'
  | 'request'
  | 'assessment'
  | 'conversation'
  | 'attachment'
  | 'referral'
  | 'recipient'
  | 'stay'
  | 'alert',
  string
>;

/** A valid-looking value for a schema; uuids named after what they point at get a real id. */
function sampleOf(schema: TSchema, name: string, ids: TRealIds): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.anyOf) return sampleOf(schema.anyOf[0]!, name, ids);
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'string') {
    if (schema.format === 'uuid') {
      if (/person/i.test(name)) return ids.person;
      if (/organisation/i.test(name)) return ids.organisation;
      if (/service/i.test(name)) return ids.service;
      if (/user/i.test(name)) return ids.user;
      if (/conversation/i.test(name)) return ids.conversation;
      return ids.member;
    }
    if (schema.format === 'email') return 'fuzz@test.fr';
    if (schema.format === 'date') return '1950-01-01';
    if (schema.format === 'date-time') return new Date().toISOString();
    return 'Texte de fuzz '.padEnd(Math.max(schema.minLength ?? 0, 16), 'x');
  }
  if (schema.type === 'integer' || schema.type === 'number')
    return Math.max(schema.minimum ?? 1, 1);
  if (schema.type === 'boolean') return false;
  if (schema.type === 'array')
    return Array.from({ length: schema.minItems ?? 0 }, () =>
      sampleOf(schema.items ?? {}, name, ids),
    );
  if (schema.type === 'object')
    return Object.fromEntries(
      (schema.required ?? []).map((key) => [
        key,
        sampleOf(schema.properties?.[key] ?? {}, key, ids),
      ]),
    );
  return null;
}

/** A short name for an edge value, for the failure list. */
const edgeName = (text: string) =>
  /[\uD800-\uDFFF]/u.test(text)
    ? 'lone surrogate'
    : text.length > 1000
      ? `${String(text.length)}-character string`
      : `number ${text}`;

/** The schema of one body field allows a string (so string edge values belong in it). */
const takesText = (schema: TSchema): boolean =>
  schema.type === 'string' ||
  (schema.type === 'array' && takesText(schema.items ?? {})) ||
  (schema.anyOf ?? []).some(takesText);

describe('fuzzing every route', () => {
  let t: TTestApp;
  let agents: TAgent[] = [];
  let operations: TOperation[] = [];
  let ids: TRealIds;
  let tables: string[] = [];

  /**
   * A digest of each table's content, and the audit log's last row. The log's older rows need no
   * digest: each row's hash covers the one before it, and close() walks the whole chain.
   *
   * In two steps, the first cheap: each table's row versions (count, and an xor of a 64-bit hash
   * of each row's xmin and ctid) in one statement prepared once. Any insert, update or delete
   * moves it: a new row version has a new xmin and place. Only the tables whose row versions
   * moved get their content digest computed again (a sort of every row as JSON: most of the
   * time this test took), so a session's refreshed last_seen_at or a no-op update still reads
   * as unchanged, as before.
   */
  let versionsStatement: TStatement | undefined;
  const digestStatements = new Map<string, TStatement>();
  const known = new Map<string, { versions: string; digest: string }>();
  const digestOf = async (table: string) => {
    let digestStatement = digestStatements.get(table);
    if (!digestStatement) {
      const drop = (VOLATILE_COLUMNS[table] ?? []).map((c) => ` - '${c}'`).join('');
      const row = `(to_jsonb(x)${drop})::text`;
      digestStatement = statement(
        `fuzz_digest_${table}`,
        `SELECT md5(coalesce(string_agg(${row}, ',' ORDER BY ${row}), '')) AS digest FROM "${table}" x`,
      );
      digestStatements.set(table, digestStatement);
    }
    return (await runStatement<{ digest: string }>(t.database.db, digestStatement, []))[0]!.digest;
  };
  const snapshot = async () => {
    versionsStatement ??= statement(
      'fuzz_row_versions',
      `SELECT ${tables
        .map(
          (table) =>
            `(SELECT count(*)::text || ':' || coalesce(bit_xor(hashtextextended(xmin::text || ctid::text, 0)), 0)::text FROM "${table}") AS "${table}"`,
        )
        .join(', ')}, (SELECT coalesce(max(seq), 0) FROM audit_log) AS audit_seq`,
    );
    const [row] = await runStatement<Record<string, string | number>>(
      t.database.db,
      versionsStatement,
      [],
    );
    const digests: Record<string, string> = {};
    for (const table of tables) {
      const versions = String(row![table]);
      let entry = known.get(table);
      if (entry?.versions !== versions) {
        entry = { versions, digest: await digestOf(table) };
        known.set(table, entry);
      }
      digests[table] = entry.digest;
    }
    const auditSeq = Number(row!.audit_seq);
    return { tables: digests, auditSeq, auditHash: await auditHashAt(auditSeq) };
  };
  const auditHashAt = async (seq: number) =>
    (await runStatement<{ digest: string }>(t.database.db, AUDIT_ROW_DIGEST, [seq]))[0]?.digest ??
    null;
  type TSnapshot = Awaited<ReturnType<typeof snapshot>>;
  let current: TSnapshot | undefined;
  /** What a refused request changed (empty when nothing); the new state is kept for the next. */
  const changedSince = (before: TSnapshot, now: TSnapshot) => {
    const changed = tables.filter((table) => now.tables[table] !== before.tables[table]);
    if (now.auditSeq < before.auditSeq) changed.push('audit_log (rows removed)');
    return changed;
  };

  before(async () => {
    t = await createTestApp();
    const db = t.database.db;
    const admin = await buildUser(db, { role: 'admin' });
    const manager = await buildUser(db, { role: 'coordinator' });
    const member = await buildMember(db);
    const person = await buildPerson(db, {
      caseManagerId: manager.memberId,
      team: [{ memberId: member.id }],
    });
    const organisationId = (await buildOrganisation(db)).id;
    const [mail] = await db
      .insert(outbox)
      .values({ toAddress: 'a@test.fr', subject: 'Essai', body: 'x', error: 'refused' })
      .returning();
    ids = {
      conversation: '',
      person: person.id,
      member: (await buildDirectoryMember(db)).id,
      organisation: organisationId,
      service: (await buildService(db, organisationId)).id,
      // never one of the fuzzing agents: disabling it would end its session
      user: (await buildUser(db, { role: 'professional', totpSecret: 'JBSWY3DPEHPK3PXP' })).id,
      mail: mail!.id,
      request: (await buildSupportRequest(db, { personId: person.id })).id,
      // a draft, so the answer and completion routes meet a real one
      assessment: (
        await db
          .insert(assessments)
          .values({
            personId: person.id,
            instrumentId: 'aggir',
            instrumentVersion: 1,
            state: 'draft',
            startedBy: manager.id,
          })
          .returning()
      )[0]!.id,
      attachment: '',
      referral: '',
      recipient: '',
      stay: '',
      alert: '',
    };
    // a conversation about the person that the case manager takes part in (decision 022)
    const [conversation] = await db
      .insert(conversations)
      .values({ kind: 'group', title: 'Équipe', personId: person.id, createdBy: manager.id })
      .returning();
    await db
      .insert(conversationParticipants)
      .values({ conversationId: conversation!.id, userId: manager.id });
    ids.conversation = conversation!.id;
    // A logbook entry with a file, so the download route meets a real one.
    const [entry] = await db
      .insert(logbookEntries)
      .values({
        personId: person.id,
        category: 'social',
        text: 'Passage',
        authorUserId: manager.id,
      })
      .returning();
    ids.attachment = (
      await db
        .insert(attachments)
        .values({
          personId: person.id,
          ownerTable: 'logbook_entries',
          ownerId: entry!.id,
          fileName: 'courrier.pdf',
          mimeType: 'application/pdf',
          size: 8,
          sha256: 'x',
          content: Buffer.from('%PDF-1.4'),
          uploadedByUserId: manager.id,
        })
        .returning()
    )[0]!.id;
    // an open stay and an open alert of the person, for the discharge and alert routes
    ids.stay = (
      await db
        .insert(hospitalStays)
        .values({
          personId: person.id,
          facilityName: 'CHU',
          admittedAt: new Date(Date.now() - 86_400_000),
          admissionPlanned: false,
        })
        .returning()
    )[0]!.id;
    ids.alert = (
      await db
        .insert(alerts)
        .values({
          personId: person.id,
          kind: 'unplanned_stay',
          ownerUserId: manager.id,
          sourceTable: 'hospital_stays',
          sourceId: ids.stay,
          episode: ids.stay,
          raisedAt: new Date(),
          data: {},
        })
        .returning()
    )[0]!.id;
    agents = [
      await loginAs(t.app, admin.email, TEST_PASSWORD),
      await loginAs(t.app, manager.email, TEST_PASSWORD),
    ];
    // a referral about the person, so its routes meet a real one (decision 023)
    const referred = await agents[1]!.request('POST', `/api/persons/${person.id}/referrals`, {
      reason: 'Soins infirmiers à domicile',
      urgency: 'within_7d',
      recipients: [{ serviceId: ids.service }],
    });
    const referral = referred.json<{ id: string; recipients: { id: string }[] }>();
    ids.referral = referral.id;
    ids.recipient = referral.recipients[0]!.id;
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { in: string; name: string; schema: TSchema }[];
            requestBody?: { content?: Record<string, { schema?: TSchema }> };
          }
        >
      >;
    }>();
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        route: `${method.toUpperCase()} ${path}`,
        ...(op.requestBody?.content?.['application/json']?.schema
          ? { body: op.requestBody.content['application/json'].schema }
          : {}),
        query: Object.fromEntries(
          (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema]),
        ),
      })),
    );
    const listed = (await db.execute(
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )) as { rows: { table_name: string }[] };
    tables = listed.rows.map((r) => r.table_name).filter((name) => !(name in MAY_CHANGE));
  });
  after(() => t.close());

  /** A real value for each path parameter, by its name and the route. */
  const realParam = (name: string, path: string): string => {
    if (name === 'personId') return ids.person;
    if (name === 'memberId') return ids.member;
    if (name === 'userId') return ids.user;
    if (name === 'mailId') return ids.mail;
    if (name === 'requestId') return ids.request;
    if (name === 'assessmentId') return ids.assessment;
    if (name === 'conversationId') return ids.conversation;
    if (name === 'attachmentId') return ids.attachment;
    if (name === 'referralId') return ids.referral;
    if (name === 'recipientId') return ids.recipient;
    if (name === 'stayId') return ids.stay;
    if (name === 'alertId') return ids.alert;
    if (name === 'version' || name === 'from' || name === 'to') return '1';
    if (name === 'token') return 'x'.repeat(43);
    if (name === 'kind') return path.includes('import') ? 'organisations' : 'members';
    if (path.includes('/organisations/')) return ids.organisation;
    if (path.includes('/services/')) return ids.service;
    return ids.member;
  };

  /** A fresh account's agent, for the routes that change their caller's own sign-in. */
  const throwaway = async () => {
    const agent = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'professional' })).email,
      TEST_PASSWORD,
    );
    current = undefined; // a new account and session: take the state again
    return agent;
  };

  /** Sends a raw JSON text (duplicate keys and deep nesting cannot be built as objects). */
  const send = async (
    agent: TAgent,
    method: string,
    url: string,
    payload: string | undefined,
  ): Promise<LightMyRequestResponse> =>
    t.app.inject({
      method: method as 'GET',
      url,
      headers: {
        cookie: agent.cookie,
        'x-csrf-token': agent.csrfToken,
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(payload === undefined ? {} : { payload }),
    });

  const statuses = new Map<number, number>();
  let sent = 0;
  /** Sends one request and checks: no 5xx, the error shape, and no change when refused. */
  const check = async (
    op: TOperation,
    label: string,
    agent: TAgent,
    url: string,
    payload: string | undefined,
  ) => {
    const before = current ?? (await snapshot());
    const response = await send(agent, op.method, url, payload);
    sent++;
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    const now = await snapshot();
    current = now;
    const what = `${op.route} [${label}] → ${String(response.statusCode)}`;
    assert.ok(response.statusCode < 500, `${what} ${response.body.slice(0, 200)}`);
    if (response.statusCode >= 400) {
      assert.deepEqual(changedSince(before, now), [], `${what} changed data`);
      if ((await auditHashAt(before.auditSeq)) !== before.auditHash)
        assert.fail(`${what} altered the audit log`);
      if (response.statusCode !== 404 && response.statusCode !== 405) {
        const error = (JSON.parse(response.body) as { error?: { code?: string; message?: string } })
          .error;
        assert.ok(error?.code && error.message, `${what}: error without code or message`);
      }
    }
  };

  it(`answers random bad input on every route without a 5xx and without changing data (${String(RUNS)} inputs per route and user)`, async () => {
    for (const op of operations) {
      if (SKIP.has(op.route)) continue;
      const fields = Object.keys(op.body?.properties ?? {});
      const input = fc.record({
        params: fc.array(fc.option(nasty, { freq: 2, nil: undefined }), {
          minLength: 3,
          maxLength: 3,
        }),
        query: fc.dictionary(
          fc.constantFrom(...Object.keys(op.query), 'page', 'limit', 'before', 'x'),
          nasty,
          { maxKeys: 3 },
        ),
        body: fc.oneof(
          fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }),
          fc.dictionary(fc.string({ maxLength: 20 }), value, { maxKeys: 6 }),
          value,
        ),
        agent: fc.integer({ min: 0, max: agents.length - 1 }),
      });
      await fc.assert(
        fc.asyncProperty(input, async ({ params, query, body, agent }) => {
          let i = 0;
          // undefined: the real id of a record (so rules beyond validation are reached)
          const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
            const junk = params[i++];
            return junk === undefined ? realParam(name, op.path) : encodePathPart(junk);
          });
          const search = new URLSearchParams(query).toString();
          const who = OWN_SIGN_IN.has(op.route) ? await throwaway() : agents[agent]!;
          await check(
            op,
            'random',
            who,
            `${path}${search ? `?${search}` : ''}`,
            op.method === 'GET' ? undefined : (JSON.stringify(body) ?? 'null'),
          );
        }),
        { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 42), includeErrorInReport: true },
      );
    }
    process.stdout.write(
      `fuzz (random): ${String(sent)} requests over ${String(operations.length - SKIP.size)} routes (${String(SKIP.size)} skipped); statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    assert.ok(sent >= (operations.length - SKIP.size) * RUNS);
  });

  it('answers edge values in every field, path and query parameter of every route without a 5xx and without changing data', async () => {
    const before = sent;
    const failures: string[] = [];
    statuses.clear();
    const deepText = '['.repeat(DEEP) + ']'.repeat(DEEP);
    const surrogates = LONG ? LONE_SURROGATES : LONE_SURROGATES.slice(0, 2);
    const numbers = LONG ? EDGE_NUMBERS : ['9007199254740993', '1e400'];
    const textEdges = [
      ...surrogates.map((text) => ({ name: 'lone surrogate', raw: JSON.stringify(text) })),
      { name: 'megabyte string', raw: JSON.stringify(MEGABYTE) },
    ];
    const anyEdges = [
      { name: `${String(DEEP)}-deep JSON`, raw: deepText },
      ...numbers.map((raw) => ({ name: `number ${raw}`, raw })),
    ];
    for (const op of operations) {
      if (SKIP.has(op.route)) continue;
      const agentsFor = LONG && op.path.startsWith('/api/persons') ? agents : [agents[0]!];
      const base = (op.body ? sampleOf(op.body, '', ids) : undefined) as
        Record<string, unknown> | undefined;
      const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      const pathWith = (edited?: string, edge?: string) =>
        op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === edited ? encodePathPart(edge!) : realParam(name, op.path),
        );
      /** The valid body with one field's value replaced by a raw JSON text. */
      const bodyWith = (field: string, raw: string) =>
        `{${Object.entries({ ...base, [field]: '\u0000PLACEHOLDER' })
          .map(([key, v]) => `${JSON.stringify(key)}:${key === field ? raw : JSON.stringify(v)}`)
          .join(',')}}`;
      const cases: { label: string; url: string; payload?: string }[] = [];
      const validBody = op.body ? JSON.stringify(base ?? {}) : undefined;
      for (const name of params)
        for (const edge of [...surrogates, MEGABYTE.slice(0, 10_000), ...numbers])
          cases.push({
            label: `path ${name}: ${edgeName(edge)}`,
            url: pathWith(name, edge),
            payload: validBody,
          });
      for (const [name, schema] of Object.entries(op.query))
        for (const edge of [
          ...(takesText(schema) ? [...surrogates, MEGABYTE.slice(0, 100_000)] : []),
          ...numbers,
        ])
          cases.push({
            label: `query ${name}`,
            url: `${pathWith()}?${name}=${encodePathPart(edge)}`,
          });
      if (op.method !== 'GET') {
        for (const [field, schema] of Object.entries(op.body?.properties ?? {}))
          for (const edge of [...(takesText(schema) ? textEdges : []), ...anyEdges])
            cases.push({
              label: `body ${field}: ${edge.name}`,
              url: pathWith(),
              payload: bodyWith(field, edge.raw),
            });
        const entries = Object.entries(base ?? {});
        cases.push(
          { label: 'deep body', url: pathWith(), payload: deepText },
          {
            label: 'deep object body',
            url: pathWith(),
            payload: '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP),
          },
          {
            // each key twice, the second one junk: the junk is what a parser keeping the last sees
            label: 'duplicate keys',
            url: pathWith(),
            payload: `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)},${JSON.stringify(k)}:"\\ud800"`).join(',')}${entries.length === 0 ? '"a":1,"a":2' : ''}}`,
          },
        );
      }
      for (const c of cases)
        for (const agent of agentsFor) {
          try {
            await check(
              op,
              c.label,
              OWN_SIGN_IN.has(op.route) ? await throwaway() : agent,
              c.url,
              op.method === 'GET' ? undefined : c.payload,
            );
          } catch (error) {
            // every failure is listed, not only the first
            failures.push((error as Error).message.split('\n')[0]!.slice(0, 400));
          }
        }
    }
    process.stdout.write(
      `fuzz (edges): ${String(sent - before)} requests over ${String(operations.length - SKIP.size)} routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
    const byClass = new Map<string, number>();
    for (const failure of failures) {
      const kind = /\[(?:\w+ \w+: )?([^\]]+)\] → (\d+)/.exec(failure);
      const key = kind ? `${kind[1]!} → ${kind[2]!}` : failure;
      byClass.set(key, (byClass.get(key) ?? 0) + 1);
    }
    if (failures.length > 0)
      process.stdout.write(
        `fuzz (edges): ${String(failures.length)} failures by class ${JSON.stringify(Object.fromEntries(byClass))}\n`,
      );
    assert.deepEqual(failures, []);
    assert.ok(sent - before > operations.length * 3);
  });
});
