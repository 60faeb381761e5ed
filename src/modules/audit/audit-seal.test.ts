/**
 * The unsealed window of decision 013 (restated in decision 037): rows are appended without a
 * lock and sealed into the chain later by one sealer at a time. What the window may and may not
 * do, on either driver (the parts that need two open connections only on PostgreSQL).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openPostgres, type TDatabase } from '../../db/client.js';
import { runStatement, statement } from '../../db/statements.js';
import { createTestDatabase, TEST_DRIVER } from '../../../test/helpers/database.js';
import { appendAudit, type TAuditEntry } from './audit.repository.js';
import { sealAuditLog } from './audit.seal.js';
import { UNSEALED_GRACE_MS, verifyAuditChain } from './audit.verify.js';
import { atChainPositions } from '../../../test/helpers/audit-chain.js';

const entry = (n: number): TAuditEntry => ({
  actorUserId: null,
  actorRole: 'admin',
  action: 'test.seal',
  resourceType: 'test',
  resourceId: String(n),
  outcome: 'success',
  details: { n },
});

const onPglite = TEST_DRIVER === 'pglite';

describe('the unsealed window', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase(undefined, { poolSize: 6 });
  });
  after(() => database.close());

  const SEALED_ROWS = statement(
    'test_sealed_rows',
    `SELECT (s.first_pos + u.i - 1)::int AS pos, u.seq::int AS seq, a.resource_id AS "resourceId",
            a.xmin::text AS xmin
       FROM audit_seal s, unnest(s.seqs) WITH ORDINALITY AS u(seq, i), audit_log a
      WHERE a.seq = u.seq
      ORDER BY 1`,
  );
  /** The sealed rows, in chain order, with the transaction that wrote each row's version. */
  const chain = () =>
    runStatement<{ pos: number; seq: number; resourceId: string; xmin: string }>(
      database.db,
      SEALED_ROWS,
      [],
    );

  it('seals committed rows in the order they were appended, at contiguous positions', async () => {
    const before = (await chain()).length;
    for (let i = 0; i < 7; i++) await database.db.transaction((tx) => appendAudit(tx, entry(i)));
    assert.equal(await sealAuditLog(database.db), 7);
    const sealed = (await chain()).slice(before);
    assert.deepEqual(
      sealed.map((row) => row.resourceId),
      ['0', '1', '2', '3', '4', '5', '6'],
      'append order',
    );
    assert.deepEqual(
      sealed.map((row) => row.pos),
      Array.from({ length: 7 }, (_, i) => before + i + 1),
      'no gap in the chain',
    );
    const seqs = sealed.map((row) => row.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'chain order is seq order within a run',
    );
    assert.equal((await verifyAuditChain(database.db)).ok, true);
  });

  it('seals without writing a row again: each keeps the version its own transaction wrote (decision 054)', async () => {
    const XMIN = statement(
      'test_audit_xmin',
      `SELECT seq::int AS seq, xmin::text AS xmin FROM audit_log WHERE action = 'test.xmin'`,
    );
    const appended = new Set<string>();
    for (let i = 0; i < 3; i++) {
      await database.db.transaction(async (tx) => {
        await appendAudit(tx, { ...entry(i), action: 'test.xmin' });
        const [xid] = await runStatement<{ xid: string }>(
          tx,
          statement('test_current_xid', 'SELECT pg_current_xact_id()::xid::text AS xid'),
          [],
        );
        appended.add(xid!.xid);
      });
    }
    const before = await runStatement<{ seq: number; xmin: string }>(database.db, XMIN, []);
    assert.deepEqual(new Set(before.map((row) => row.xmin)), appended);
    assert.equal(await sealAuditLog(database.db), 3);
    const after = await runStatement<{ seq: number; xmin: string }>(database.db, XMIN, []);
    assert.deepEqual(after, before, 'the rows were not updated by their seal');
    const sealedSeqs = new Set((await chain()).map((row) => row.seq));
    assert.ok(
      before.every((row) => sealedSeqs.has(row.seq)),
      'and they are in the chain',
    );
  });

  it('lets any number of sealers run at once: each row sealed once, one chain (two instances)', async () => {
    for (let i = 0; i < 60; i++) await database.db.transaction((tx) => appendAudit(tx, entry(i)));
    const counts = await Promise.all(Array.from({ length: 4 }, () => sealAuditLog(database.db)));
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      60,
      'every row sealed by exactly one of them',
    );
    const result = await verifyAuditChain(database.db);
    assert.deepEqual([result.ok, result.unsealed], [true, 0], result.problems.join('; '));
  });

  it('reports rows waiting for their seal, and calls a long wait a problem (no sealer runs)', async () => {
    await database.db.transaction((tx) => appendAudit(tx, entry(1)));
    const fresh = await verifyAuditChain(database.db);
    assert.deepEqual([fresh.ok, fresh.unsealed], [true, 1], 'a short wait is normal');
    // a row appended (by the application's rights: unsealed) longer ago than the grace
    const longAgo = new Date(Date.now() - UNSEALED_GRACE_MS - 60_000).toISOString();
    await database.db.execute(
      sql`INSERT INTO audit_log (at, action, resource_type, outcome)
          VALUES (${longAgo}::timestamptz, 'test.stale', 'test', 'success')`,
    );
    const stale = await verifyAuditChain(database.db);
    assert.equal(stale.ok, false);
    assert.equal(stale.unsealed, 2);
    assert.match(
      stale.problems.join('\n'),
      /2 audit rows wait for their seal.*no sealer is running/,
    );
    assert.equal(await sealAuditLog(database.db), 2);
    const sealed = await verifyAuditChain(database.db);
    assert.deepEqual([sealed.ok, sealed.unsealed], [true, 0], sealed.problems.join('; '));
  });

  it(
    'seals a row whose transaction was still open at a later position, after the rows sealed before it commits',
    {
      skip: onPglite && 'PGlite has one connection: no transaction stays open while others commit',
    },
    async () => {
      let commitOpen!: () => void;
      const released = new Promise<void>((resolve) => (commitOpen = resolve));
      let appended!: () => void;
      const isAppended = new Promise<void>((resolve) => (appended = resolve));
      // the open transaction takes its seq first, then others append after it and commit
      const open = database.db.transaction(async (tx) => {
        await appendAudit(tx, entry(1000));
        appended();
        await released;
      });
      await isAppended;
      for (let i = 1001; i < 1004; i++) {
        await database.db.transaction((tx) => appendAudit(tx, entry(i)));
      }
      assert.equal(await sealAuditLog(database.db), 3, 'the open row is not visible yet');
      commitOpen();
      await open;
      assert.equal(await sealAuditLog(database.db), 1, 'a later run seals it');
      const tail = (await chain()).slice(-4);
      assert.deepEqual(
        tail.map((row) => row.resourceId),
        ['1001', '1002', '1003', '1000'],
        'the chain is the order of sealing; the open row comes after the rows sealed before',
      );
      assert.ok(tail[3]!.seq < tail[0]!.seq, 'its seq was taken first');
      assert.equal((await verifyAuditChain(database.db)).ok, true);
    },
  );

  it(
    'loses nothing when the process dies between append and seal: another process seals the rows',
    { skip: onPglite && 'on PGlite: test/embedded-mode.test.ts kills the process (SIGKILL)' },
    async () => {
      const current: unknown = await database.db.execute(sql`SELECT current_database() AS name`);
      const name = (current as { rows: { name: string }[] }).rows[0]!.name;
      const url = new URL(process.env.DATABASE_URL ?? '');
      url.pathname = `/${name}`;
      // the "first instance" appends and commits, then goes away without ever sealing
      const first = await openPostgres(url.toString(), 2);
      for (let i = 0; i < 5; i++) await first.db.transaction((tx) => appendAudit(tx, entry(i)));
      await first.close();
      const waiting = await verifyAuditChain(database.db);
      assert.equal(waiting.unsealed, 5, 'committed with the access, waiting for a seal');
      // "the second instance" seals them
      const second = await openPostgres(url.toString(), 2);
      try {
        assert.equal(await sealAuditLog(second.db), 5);
      } finally {
        await second.close();
      }
      const result = await verifyAuditChain(database.db);
      assert.deepEqual([result.ok, result.unsealed], [true, 0], result.problems.join('; '));
    },
  );

  it('detects a sealed row changed or deleted behind the triggers', async () => {
    for (let i = 0; i < 3; i++) await database.db.transaction((tx) => appendAudit(tx, entry(i)));
    await sealAuditLog(database.db);
    const last = (await verifyAuditChain(database.db)).head!.seq;
    const withTriggersOff = async (statement: ReturnType<typeof sql>) => {
      await database.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
      try {
        await database.db.execute(statement);
      } finally {
        await database.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
      }
    };
    await withTriggersOff(
      sql`UPDATE audit_log SET details = '{"n": 99}'::jsonb WHERE ${atChainPositions(last - 1)}`,
    );
    assert.match(
      (await verifyAuditChain(database.db)).problems.join('\n'),
      new RegExp(`row ${last - 1} was altered`),
    );
    await withTriggersOff(sql`DELETE FROM audit_log WHERE ${atChainPositions(last - 1)}`);
    assert.match(
      (await verifyAuditChain(database.db)).problems.join('\n'),
      new RegExp(`row ${last - 1} is missing`),
    );
  });

  it("keeps only the indexes the verifier and a person's trail read (decisions 047, 054, 056)", async () => {
    // Every index here is written for each audited row. An index no read uses costs every
    // audited request and pays back nothing; the rows sealed in place before decision 054 are
    // the only ones with a chain position, so its index leaves the others out.
    const rows = await runStatement<{ indexname: string; indexdef: string }>(
      database.db,
      statement(
        'test_audit_log_indexes',
        `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'audit_log' ORDER BY indexname`,
      ),
      [],
    );
    assert.deepEqual(
      rows.map((row) => row.indexname),
      ['audit_log_chain_pos_idx', 'audit_log_listed_idx', 'audit_log_person_idx', 'audit_log_pkey'],
    );
    // partial: only list reads' rows (decision 056) are in it, every other row pays nothing
    const listed = rows.find((row) => row.indexname === 'audit_log_listed_idx');
    assert.match(listed?.indexdef ?? '', /USING gin .* WHERE \(details \? 'listed'::text\)/);
    const position = rows.find((row) => row.indexname === 'audit_log_chain_pos_idx');
    assert.match(position?.indexdef ?? '', /WHERE \(chain_pos IS NOT NULL\)/);
    const person = rows.find((row) => row.indexname === 'audit_log_person_idx');
    assert.match(person?.indexdef ?? '', /\(person_id, seq\)/);
  });
});
