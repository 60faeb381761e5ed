import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { inArray, sql } from 'drizzle-orm';
import type { TDatabase } from '../../db/client.js';
import { createTestDatabase } from '../../../test/helpers/database.js';
import { auditLog } from '../../db/schema/index.js';
import { withAuditedRead } from '../../server/transaction.js';
import { appendAudit, type TAuditEntry } from './audit.repository.js';
import { sealAuditLog } from './audit.seal.js';
import { verifyAuditChain } from './audit.verify.js';

const readEntry = (requestId: string, personId: string | null = null): TAuditEntry => ({
  actorUserId: null,
  actorRole: 'case_manager',
  action: 'person.read',
  resourceType: 'person',
  resourceId: requestId,
  personId,
  outcome: 'allowed',
  requestId,
});

describe('audit rows of concurrent autocommit reads (decision 053)', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  /** One audited read: its row appended, then the read's answer once the row has committed. */
  const read = (requestId: string, personId: string | null = null) =>
    withAuditedRead(database.db, async (tx) => {
      await appendAudit(tx, readEntry(requestId, personId));
      return requestId;
    });

  /** How many inserts committed these requests' rows: rows of one insert share its transaction. */
  async function insertsOf(requestIds: string[]) {
    const rows = await database.db
      .select({ requestId: auditLog.requestId, tx: sql<string>`${auditLog}.xmin::text` })
      .from(auditLog)
      .where(inArray(auditLog.requestId, requestIds));
    return { rows: rows.length, inserts: new Set(rows.map((r) => r.tx)).size };
  }

  it('answers each of 50 reads at once only with its row committed, in fewer inserts, and the chain verifies', async () => {
    const ids = Array.from({ length: 50 }, () => randomUUID());
    // Each read checks, when it answers, that its own row is committed already.
    const answered = await Promise.all(
      ids.map(async (id) => {
        const answer = await read(id);
        const { rows } = await insertsOf([id]);
        assert.equal(rows, 1, `read ${id} answered before its audit row committed`);
        return answer;
      }),
    );
    assert.deepEqual(answered, ids);
    const { rows, inserts } = await insertsOf(ids);
    assert.equal(rows, 50);
    // The first read's insert goes alone; the reads that finish while it is on its way share the
    // next ones.
    assert.ok(inserts < 50, `${inserts} inserts for 50 reads`);
    await sealAuditLog(database.db);
    assert.equal((await verifyAuditChain(database.db)).ok, true);
  });

  it('writes a read alone when no other is on its way', async () => {
    const id = randomUUID();
    assert.equal(await read(id), id);
    assert.deepEqual(await insertsOf([id]), { rows: 1, inserts: 1 });
  });

  it('fails only the read whose own row is refused, not the others of its shared insert', async () => {
    // The first read's insert is on its way when the others finish: they share the next insert,
    // which one row (a person id that is not a uuid) makes fail; each read is then written alone.
    const first = randomUUID();
    const sharing = Array.from({ length: 5 }, () => randomUUID());
    const bad = randomUUID();
    const results = await Promise.allSettled([
      read(first),
      ...sharing.map((id) => read(id)),
      read(bad, 'not-a-uuid'),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      [...Array(6).fill('fulfilled'), 'rejected'],
    );
    assert.match(String((results[6] as PromiseRejectedResult).reason), /uuid/);
    assert.deepEqual(await insertsOf([bad]), { rows: 0, inserts: 0 });
    const { rows, inserts } = await insertsOf([first, ...sharing]);
    assert.equal(rows, 6);
    // the shared insert failed and its reads were written one by one
    assert.equal(inserts, 6);
  });
});
