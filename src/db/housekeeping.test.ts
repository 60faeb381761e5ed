import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { TDatabase } from './client.js';
import {
  runHousekeeping,
  SESSION_KEEP_MS,
  startHousekeeping,
  THROTTLE_KEEP_MS,
} from './housekeeping.js';
import { loginThrottle, sessions } from './schema/index.js';
import { lastAuditCheck } from '../modules/audit/audit.check.js';
import { createTestDatabase } from '../../test/helpers/database.js';
import { buildUser } from '../../test/helpers/factories.js';

describe('housekeeping', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  const vacuumCount = async (table: string) => {
    const [row] = await database.db
      .select({ n: sql<number>`coalesce(sum(vacuum_count), 0)`.mapWith(Number) })
      .from(sql`pg_stat_user_tables`)
      .where(sql`relname = ${table}`);
    return row!.n;
  };

  it('deletes sessions ended over a week ago and finished throttle windows, keeps the rest', async () => {
    const now = new Date('2026-11-29T03:00:00Z');
    const user = await buildUser(database.db, { role: 'professional' });
    const at = (msAgo: number) => new Date(now.getTime() - msAgo);
    await database.db.insert(sessions).values(
      [
        ['old', SESSION_KEEP_MS + 60_000],
        ['ended-yesterday', 24 * 3600_000],
        ['live', -3600_000],
      ].map(([tokenHash, expiredAgo]) => ({
        tokenHash: tokenHash as string,
        userId: user.id,
        createdAt: at((expiredAgo as number) + 12 * 3600_000),
        lastSeenAt: at(expiredAgo as number),
        expiresAt: at(expiredAgo as number),
      })),
    );
    await database.db.insert(loginThrottle).values([
      { key: 'ip:old', windowStart: at(THROTTLE_KEEP_MS + 60_000), count: 7 },
      { key: 'ip:current', windowStart: at(60_000), count: 2 },
    ]);
    const before = await vacuumCount('sessions');

    const report = await runHousekeeping(database.db, database.driver, now);

    assert.equal(report.sessionsDeleted, 1);
    assert.deepEqual(report.auditChain, { ok: true, checked: report.auditChain.checked });
    assert.equal((await lastAuditCheck(database.db))?.ok, true, 'the walk is kept for admins');
    assert.equal(report.throttleDeleted, 1);
    const left = await database.db.select({ tokenHash: sessions.tokenHash }).from(sessions);
    assert.deepEqual(left.map((s) => s.tokenHash).sort(), ['ended-yesterday', 'live']);
    const windows = await database.db.select({ key: loginThrottle.key }).from(loginThrottle);
    assert.deepEqual(
      windows.map((w) => w.key),
      ['ip:current'],
    );
    if (database.driver === 'pglite') {
      // no autovacuum in PGlite: the churning tables are vacuumed here
      assert.ok(report.vacuumed.includes('directory_index'));
      assert.equal(await vacuumCount('sessions'), before + 1);
    } else {
      assert.deepEqual(report.vacuumed, [], 'PostgreSQL vacuums on its own');
    }
  });

  it('runs on its own once the server has started, and logs what it did', async () => {
    const lines: { level: string; message: string; fields: object }[] = [];
    const log = {
      info: (fields: object, message: string) => lines.push({ level: 'info', message, fields }),
      error: (fields: object, message: string) => lines.push({ level: 'error', message, fields }),
    };
    const stop = startHousekeeping(database.db, database.driver, log as never, {
      firstAfterMs: 5,
      everyMs: 3600_000,
    });
    try {
      for (let waited = 0; lines.length === 0 && waited < 10_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      stop();
    }
    assert.equal(lines[0]?.message, 'housekeeping done', JSON.stringify(lines));
    assert.equal(
      typeof (lines[0].fields as { sessionsDeleted?: unknown }).sessionsDeleted,
      'number',
    );
  });
});
