import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { desc, eq, sql } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { auditLog, auditUnsealed } from '../../db/schema/index.js';
import { appendAudit, appendAuditRows, type TAuditEntry } from './audit.repository.js';
import { sealAuditLog } from './audit.seal.js';
import { verifyAuditChain } from './audit.verify.js';
import { atChainPositions } from '../../../test/helpers/audit-chain.js';

const entry = (n: number): TAuditEntry => ({
  actorUserId: null,
  actorRole: 'admin',
  action: 'test.event',
  resourceType: 'test',
  resourceId: String(n),
  outcome: 'success',
  details: { n, nested: { b: 2, a: 1 } },
});

describe('audit chain', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  async function withTriggersOff(statement: ReturnType<typeof sql>) {
    await database.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    try {
      await database.db.execute(statement);
    } finally {
      await database.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    }
  }

  it('verifies on a fresh database', async () => {
    const result = await verifyAuditChain(database.db);
    assert.deepEqual(result, {
      ok: true,
      checked: 0,
      problemCount: 0,
      problems: [],
      head: { seq: 0, hash: 'genesis' },
      unsealed: 0,
    });
  });

  it('appends rows unsealed, and the sealer links each to the one before', async () => {
    for (let i = 0; i < 5; i++) {
      await database.db.transaction((tx) => appendAudit(tx, entry(i)));
    }
    const waiting = await verifyAuditChain(database.db);
    assert.deepEqual([waiting.ok, waiting.checked, waiting.unsealed], [true, 0, 5]);
    assert.equal(await sealAuditLog(database.db), 5);
    const result = await verifyAuditChain(database.db);
    assert.equal(result.ok, true, result.problems.join('; '));
    assert.deepEqual([result.checked, result.unsealed, result.head?.seq], [5, 0, 5]);
    assert.equal(await sealAuditLog(database.db), 0, 'nothing is sealed twice');
  });

  it('never changes a row; a seal continues the chain from its head and takes waiting rows, each once', async () => {
    const refused = (pattern: RegExp) => (error: unknown) =>
      pattern.test(String((error as { cause?: Error }).cause?.message ?? error));
    await database.db.transaction((tx) => appendAudit(tx, entry(50)));
    const [row] = await database.db
      .select({ seq: auditUnsealed.seq })
      .from(auditUnsealed)
      .orderBy(desc(auditUnsealed.seq))
      .limit(1);
    const seq = row!.seq;
    const head = (await verifyAuditChain(database.db)).head!;
    await assert.rejects(
      database.db.execute(sql`UPDATE audit_log SET reason = 'x' WHERE seq = ${seq}`),
      refused(/append-only/),
    );
    await assert.rejects(
      database.db.execute(
        sql`UPDATE audit_log SET chain_pos = ${head.seq + 1}, prev_hash = ${head.hash}, hash = 'h'
            WHERE seq = ${seq}`,
      ),
      refused(/append-only/),
    );
    const seal = (firstPos: number, seqs: number[], prevHash: string) =>
      database.db.execute(
        sql`INSERT INTO audit_seal (first_pos, seqs, hashes, prev_hash)
            VALUES (${firstPos}, ${`{${seqs.join(',')}}`}::bigint[],
                    ${`{${seqs.map(() => 'h').join(',')}}`}::text[], ${prevHash})`,
      );
    await assert.rejects(seal(head.seq + 2, [seq], head.hash), refused(/must continue the chain/));
    await assert.rejects(seal(head.seq + 1, [seq], 'p'), refused(/must continue the chain/));
    await assert.rejects(
      seal(head.seq + 1, [seq, seq], head.hash),
      refused(/each once \(1 of the 2 named were waiting\)/),
    );
    await assert.rejects(
      seal(head.seq + 1, [seq - 1], head.hash),
      refused(/waiting for their seal, each once/),
      'a row sealed already',
    );
    await assert.rejects(
      database.db.execute(sql`DELETE FROM audit_log WHERE seq = ${seq}`),
      refused(/append-only/),
    );
    await assert.rejects(
      database.db.execute(
        sql`INSERT INTO audit_log (at, action, resource_type, outcome, chain_pos, prev_hash, hash)
            VALUES (now(), 'forged', 'test', 'success', 6, 'p', 'h')`,
      ),
      refused(/appended unsealed/),
    );
    for (const statement of [
      sql`DELETE FROM audit_unsealed`,
      sql`INSERT INTO audit_unsealed (seq) VALUES (${seq + 1000})`,
      sql`UPDATE audit_unsealed SET seq = seq + 1000`,
      sql`TRUNCATE audit_unsealed`,
    ]) {
      await assert.rejects(
        database.db.execute(statement),
        refused(/changes only when audit rows are appended or sealed/),
      );
    }
    assert.equal(await sealAuditLog(database.db), 1);
    for (const statement of [
      sql`UPDATE audit_seal SET prev_hash = 'p'`,
      sql`DELETE FROM audit_seal`,
      sql`TRUNCATE audit_seal`,
    ]) {
      await assert.rejects(database.db.execute(statement), refused(/audit_seal is append-only/));
    }
    const result = await verifyAuditChain(database.db);
    assert.deepEqual([result.ok, result.checked, result.unsealed], [true, 6, 0]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const appendOnly = (error: unknown) =>
      /append-only/.test(String((error as { cause?: Error }).cause?.message ?? error));
    await assert.rejects(database.db.execute(sql`UPDATE audit_log SET reason = 'x'`), appendOnly);
    await assert.rejects(database.db.execute(sql`DELETE FROM audit_log`), appendOnly);
    await assert.rejects(database.db.execute(sql`TRUNCATE audit_log`), appendOnly);
    assert.equal((await verifyAuditChain(database.db)).checked, 6);
  });

  it('hashes what the database stores, whatever text and details the caller passes', async () => {
    const before = (await verifyAuditChain(database.db)).checked;
    await database.db.transaction((tx) =>
      appendAudit(tx, {
        actorUserId: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
        actorRole: 'admin',
        action: 'test.odd_text',
        resourceType: 'test',
        outcome: 'success',
        reason: 'lone \ud800 surrogate, NUL \u0000, decomposed e\u0301',
        details: {
          when: new Date('2026-12-05T08:00:00Z'),
          ['k\udc00']: ['x\ud800', undefined, Number.NaN],
          skipped: undefined,
        },
      }),
    );
    await sealAuditLog(database.db);
    const [row] = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'test.odd_text'));
    assert.equal(row!.reason, 'lone \ufffd surrogate, NUL \ufffd, decomposed \u00e9');
    assert.equal(row!.actorUserId, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
    assert.deepEqual(row!.details, {
      when: '2026-12-05T08:00:00.000Z',
      ['k\ufffd']: ['x\ufffd', null, null],
    });
    const chain = await verifyAuditChain(database.db);
    assert.deepEqual(chain.problems, []);
    assert.equal(chain.checked, before + 1);
  });

  it('stores a row alike whether appended alone or in a batch (decision 047)', async () => {
    // One row is sent as plain values, several as unnested array literals: what each holds must
    // come back the same, the characters an array literal quotes included.
    const odd = (resourceId: string): TAuditEntry => ({
      actorUserId: 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
      actorRole: 'NULL',
      action: 'test.alike',
      resourceType: 'test',
      resourceId,
      personId: null,
      outcome: 'allowed',
      reason: 'quote " backslash \\ braces {a,b} comma, spaces  NULL é',
      breakGlass: null,
      requestId: '{"x"}',
      details: { text: 'a "b" \\ {c}', list: [1, null, 'd,e'], nested: { z: true, a: 'NULL' } },
    });
    await database.db.transaction((tx) => appendAudit(tx, odd('alone')));
    await appendAuditRows(database.db, [odd('batch'), odd('batch')]);
    const rows = await database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'test.alike'))
      .orderBy(auditLog.seq);
    assert.equal(rows.length, 3);
    const said = rows.map(({ seq: _s, at: _a, resourceId: _r, chainPos: _c, ...rest }) => rest);
    assert.deepEqual(said[0], said[1]);
    assert.deepEqual(said[1], said[2]);
    assert.equal(rows[0]!.actorRole, 'NULL');
    assert.equal(rows[0]!.requestId, '{"x"}');
    assert.equal(rows[0]!.reason, odd('').reason);
    assert.deepEqual(rows[0]!.details, odd('').details);
    await sealAuditLog(database.db);
    assert.deepEqual((await verifyAuditChain(database.db)).problems, []);
  });

  it('does not keep an audit row of a rolled-back transaction, and the chain still verifies', async () => {
    await assert.rejects(
      database.db.transaction(async (tx) => {
        await appendAudit(tx, entry(99));
        throw new Error('rollback');
      }),
    );
    assert.equal((await verifyAuditChain(database.db)).ok, true);
  });

  it('fails after a row is edited by SQL', async () => {
    await withTriggersOff(sql`UPDATE audit_log SET reason = 'edited' WHERE ${atChainPositions(2)}`);
    const result = await verifyAuditChain(database.db);
    assert.equal(result.ok, false);
    assert.match(result.problems.join('\n'), /row 2 was altered/);
  });

  it('fails when a row is removed from the middle or the end', async () => {
    await withTriggersOff(sql`UPDATE audit_log SET reason = NULL WHERE ${atChainPositions(2)}`);
    assert.equal((await verifyAuditChain(database.db)).ok, true, 'restored row verifies again');
    await withTriggersOff(sql`DELETE FROM audit_log WHERE ${atChainPositions(3)}`);
    assert.match((await verifyAuditChain(database.db)).problems.join('\n'), /row 3 is missing/);
    const end = (await verifyAuditChain(database.db)).head!.seq;
    await withTriggersOff(sql`DELETE FROM audit_log WHERE ${atChainPositions(3, end)}`);
    assert.match((await verifyAuditChain(database.db)).problems.join('\n'), /removed from the end/);
  });
});

describe('audit check, when requests keep coming and when the log is flooded', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  async function appendMany(count: number) {
    for (let i = 0; i < count; i++) {
      await database.db.transaction((tx) => appendAudit(tx, entry(i)));
    }
    await sealAuditLog(database.db);
  }

  async function withTriggersOff(statement: ReturnType<typeof sql>) {
    await database.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    try {
      await database.db.execute(statement);
    } finally {
      await database.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    }
  }

  it('is not misled by rows committed while it walks', async () => {
    const fresh = database;
    {
      for (let i = 0; i < 3; i++) await fresh.db.transaction((tx) => appendAudit(tx, entry(i)));
      await sealAuditLog(fresh.db);
      // every query of the walk lets another request commit an audit row, and a sealer seal it,
      // just before it runs
      let landed = 0;
      const commitFirst = <T extends object>(query: T): T => {
        const then = (query as { then: PromiseLike<unknown>['then'] }).then;
        Object.assign(query, {
          then: (resolve: never, reject: never) =>
            fresh.db
              .transaction((tx) => appendAudit(tx, entry(100 + landed++)))
              .then(() => sealAuditLog(fresh.db))
              .then(() => then.call(query, resolve, reject)),
        });
        return query;
      };
      const walking = new Proxy(fresh.db, {
        get(target, property, receiver) {
          if (property !== 'select') return Reflect.get(target, property, receiver) as unknown;
          return (...args: Parameters<typeof target.select>) => {
            const builder = target.select(...args);
            return {
              from: (table: typeof auditLog) => commitFirst(builder.from(table)),
            };
          };
        },
      });
      const result = await verifyAuditChain(walking);
      assert.ok(landed >= 2, 'rows landed before the head was read and during the walk');
      assert.deepEqual(result.problems, []);
      assert.equal(result.ok, true);
      assert.equal((await verifyAuditChain(fresh.db)).checked, 3 + landed);
    }
  });

  it('counts every problem without stopping: 150 altered rows do not hide a deletion after them', async () => {
    const first = (await verifyAuditChain(database.db)).checked + 1;
    await appendMany(160);
    await withTriggersOff(
      sql`UPDATE audit_log SET reason = 'cry wolf' WHERE ${atChainPositions(first, first + 149)}`,
    );
    const deleted = first + 155;
    await withTriggersOff(sql`DELETE FROM audit_log WHERE ${atChainPositions(deleted)}`);
    const result = await verifyAuditChain(database.db);
    assert.equal(result.ok, false);
    assert.equal(result.problemCount, 150 + 2, 'each altered row, the gap and the broken link');
    assert.equal(result.problems.length, 100, 'the first 100 are listed');
    const all = await verifyAuditChain(database.db, { listed: 1000 });
    assert.equal(all.problems.filter((p) => /was altered/.test(p)).length, 150);
    assert.deepEqual(all.problems.slice(150), [
      `row ${deleted} is missing (next row found is ${deleted + 1})`,
      `row ${deleted + 1} does not link to the row before it`,
    ]);
  });
});
