import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { appendAudit, type TAuditEntry } from './audit.repository.js';
import { verifyAuditChain } from './audit.verify.js';

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

  async function appendMany(count: number) {
    for (let i = 0; i < count; i++) {
      await database.db.transaction((tx) => appendAudit(tx, entry(i)));
    }
  }

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
    assert.deepEqual(result, { ok: true, checked: 0, problems: [] });
  });

  it('verifies after appends, each row linked to the one before', async () => {
    await appendMany(5);
    const result = await verifyAuditChain(database.db);
    assert.equal(result.ok, true, result.problems.join('; '));
    assert.equal(result.checked, 5);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    const appendOnly = (error: unknown) =>
      /append-only/.test(String((error as { cause?: Error }).cause?.message ?? error));
    await assert.rejects(database.db.execute(sql`UPDATE audit_log SET reason = 'x'`), appendOnly);
    await assert.rejects(database.db.execute(sql`DELETE FROM audit_log`), appendOnly);
    await assert.rejects(database.db.execute(sql`TRUNCATE audit_log`), appendOnly);
    assert.equal((await verifyAuditChain(database.db)).checked, 5);
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
    await withTriggersOff(sql`UPDATE audit_log SET reason = 'edited' WHERE seq = 2`);
    const result = await verifyAuditChain(database.db);
    assert.equal(result.ok, false);
    assert.match(result.problems.join('\n'), /row 2 was altered/);
  });

  it('fails when a row is removed from the middle or the end', async () => {
    await withTriggersOff(sql`UPDATE audit_log SET reason = NULL WHERE seq = 2`);
    assert.equal((await verifyAuditChain(database.db)).ok, true, 'restored row verifies again');
    await withTriggersOff(sql`DELETE FROM audit_log WHERE seq = 3`);
    assert.match((await verifyAuditChain(database.db)).problems.join('\n'), /row 3 is missing/);
    await withTriggersOff(sql`DELETE FROM audit_log WHERE seq >= 3`);
    assert.match((await verifyAuditChain(database.db)).problems.join('\n'), /removed from the end/);
  });
});
