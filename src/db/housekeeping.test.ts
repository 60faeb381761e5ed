import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import type { TDatabase } from './client.js';
import {
  REMINDER_KEEP_MS,
  runHousekeeping,
  SESSION_KEEP_MS,
  startHousekeeping,
  THROTTLE_KEEP_MS,
} from './housekeeping.js';
import { appointmentReminders, loginThrottle, outbox, sessions } from './schema/index.js';
import { insertAppointment } from '../modules/agenda/agenda.repository.js';
import { readAnchors } from '../modules/audit/audit.anchor.js';
import { checkAuditChain, lastAuditCheck } from '../modules/audit/audit.check.js';
import { appendAudit } from '../modules/audit/audit.repository.js';
import { verifyAuditChain } from '../modules/audit/audit.verify.js';
import { atChainPositions } from '../../test/helpers/audit-chain.js';
import { createTestDatabase } from '../../test/helpers/database.js';
import { runStatement, statement } from './statements.js';
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

  it('deletes the reminders sent for appointments that started over a month ago, keeps the rest', async () => {
    const now = new Date('2026-11-29T03:00:00Z');
    const user = await buildUser(database.db, { role: 'professional' });
    const at = (msAgo: number) => new Date(now.getTime() - msAgo);
    const ago = {
      old: REMINDER_KEEP_MS + 3600_000,
      recent: REMINDER_KEEP_MS - 3600_000,
      soon: -600_000,
    };
    for (const [title, msAgo] of Object.entries(ago)) {
      const appointment = await insertAppointment(
        database.db,
        {
          kind: 'meeting',
          place: 'other',
          title,
          startsAt: at(msAgo),
          endsAt: at(msAgo - 3600_000),
        },
        [user.memberId!],
      );
      await database.db.insert(appointmentReminders).values({
        appointmentId: appointment.id,
        userId: user.id,
        leadMinutes: 60,
        startsAt: appointment.startsAt,
        sentAt: at(msAgo + 3600_000),
      });
    }

    const report = await runHousekeeping(database.db, database.driver, now);

    assert.equal(report.remindersDeleted, 1);
    const left = await database.db
      .select({ startsAt: appointmentReminders.startsAt })
      .from(appointmentReminders)
      .where(eq(appointmentReminders.userId, user.id));
    assert.deepEqual(
      left.map((r) => r.startsAt.getTime()).sort(),
      [at(ago.recent).getTime(), at(ago.soon).getTime()].sort(),
    );
    if (database.driver === 'pglite') assert.ok(report.vacuumed.includes('appointment_reminders'));
  });

  it('runs on its own once the server has started, and logs what it did', async () => {
    const lines: { level: string; message: string; fields: object }[] = [];
    const log = {
      info: (fields: object, message: string) => lines.push({ level: 'info', message, fields }),
      error: (fields: object, message: string) => lines.push({ level: 'error', message, fields }),
    };
    const stop = startHousekeeping(database.db, database.driver, log as never, {
      timing: { firstAfterMs: 5, everyMs: 3600_000 },
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

  describe('anchoring the audit chain outside the database', () => {
    // in a folder that does not exist yet (DATA_DIR on PostgreSQL may not)
    const file = join(mkdtempSync(join(tmpdir(), 'maillon-anchor-')), 'data', 'audit-anchors.log');
    const append = (n: number) =>
      database.db.transaction((tx) =>
        appendAudit(tx, {
          actorUserId: null,
          actorRole: 'admin',
          action: 'test.anchor',
          resourceType: 'test',
          resourceId: String(n),
          outcome: 'success',
        }),
      );
    const HASH_AT = statement('test_audit_hash_at', 'SELECT hash FROM audit_chain_at($1)');
    const hashAt = async (pos: number) =>
      (await runStatement<{ hash: string }>(database.db, HASH_AT, [pos]))[0]!.hash;

    it('writes the verified head daily to an append-only file (600) and mails it when asked', async () => {
      for (let i = 0; i < 3; i++) await append(i);
      const day1 = new Date();
      const first = await runHousekeeping(database.db, database.driver, day1, { file });
      const head = (await verifyAuditChain(database.db)).head!;
      assert.deepEqual(first.anchored, { seq: head.seq, file, mailedTo: null });
      await append(3);
      const day2 = new Date(Date.now() + 24 * 3600_000);
      const second = await runHousekeeping(database.db, database.driver, day2, {
        file,
        email: 'dpo@network.example',
      });
      assert.equal(second.anchored?.seq, head.seq + 1);
      assert.equal(second.anchored?.mailedTo, 'dpo@network.example');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      assert.equal(lines.length, 2, 'appended, never rewritten');
      assert.deepEqual(JSON.parse(lines[0]!), { ...head, at: day1.toISOString() });
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const [mail] = await database.db
        .select()
        .from(outbox)
        .where(eq(outbox.toAddress, 'dpo@network.example'));
      const anchoredHash = await hashAt(head.seq + 1);
      assert.ok(mail!.body.includes(anchoredHash), 'the mail carries the anchored hash');
      assert.ok(mail!.body.includes(`audit_chain_at(${head.seq + 1})`), 'and how to find it');
      assert.equal(readAnchors(file).anchors[1]!.at, day2.toISOString());
    });

    it('detects a rollback of the tail that the chain alone cannot show', async () => {
      const anchoredSeq = readAnchors(file).anchors.at(-1)!.seq;
      // someone holding the database deletes the last two rows and moves the head back
      const keep = anchoredSeq - 2;
      const keptHash = await hashAt(keep);
      const end = (await verifyAuditChain(database.db)).head!.seq;
      const tables = ['audit_log', 'audit_head', 'audit_seal'];
      for (const table of tables) {
        await database.db.execute(sql.raw(`ALTER TABLE ${table} DISABLE TRIGGER USER`));
      }
      try {
        // the rows after `keep`, their seals (the one holding `keep` cut after it), the head
        await database.db.execute(
          sql`DELETE FROM audit_log WHERE ${atChainPositions(keep + 1, end)}`,
        );
        await database.db.execute(sql`DELETE FROM audit_seal WHERE first_pos > ${keep}`);
        await database.db.execute(
          sql`UPDATE audit_seal SET seqs = seqs[1:${keep} - first_pos + 1],
                                    hashes = hashes[1:${keep} - first_pos + 1]
               WHERE first_pos <= ${keep} AND first_pos + cardinality(seqs) - 1 > ${keep}`,
        );
        await database.db.execute(
          sql`UPDATE audit_head SET last_pos = ${keep}, last_hash = ${keptHash}`,
        );
      } finally {
        for (const table of tables) {
          await database.db.execute(sql.raw(`ALTER TABLE ${table} ENABLE TRIGGER USER`));
        }
      }
      assert.equal((await verifyAuditChain(database.db)).ok, true, 'the chain alone looks intact');
      const check = await checkAuditChain(database.db, { anchorFile: file });
      assert.equal(check.ok, false);
      assert.match(
        check.problems.join('\n'),
        new RegExp(
          `row ${anchoredSeq} was anchored on .* now ends at row ${keep}: rows were removed`,
        ),
      );
      const report = await runHousekeeping(database.db, database.driver, new Date(), { file });
      assert.equal(report.auditChain.ok, false, 'the daily run says so too');
    });

    it('reports an anchor file that was tampered with', async () => {
      const edited = join(mkdtempSync(join(tmpdir(), 'maillon-anchor-')), 'anchors.log');
      writeFileSync(edited, '{"seq":1,"hash":"x","at":"2026-01-01T00:00:00Z"}\nnot an anchor\n');
      const check = await checkAuditChain(database.db, { anchorFile: edited });
      assert.equal(check.ok, false);
      assert.match(check.problems.join('\n'), /line 2/);
      assert.match(check.problems.join('\n'), /row 1 differs from its anchor/);
    });
  });
});
