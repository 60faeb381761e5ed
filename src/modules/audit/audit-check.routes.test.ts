import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, loginAs, type TAgent, type TTestApp } from '../../../test/helpers/app.js';
import { buildUser, TEST_PASSWORD } from '../../../test/helpers/factories.js';

type TCheck = { at: string; ok: boolean; checked: number; problems: string[]; ms: number };

describe('audit chain check, for admins', () => {
  let t: TTestApp;
  let admin: TAgent;
  before(async () => {
    t = await createTestApp();
    admin = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'admin' })).email,
      TEST_PASSWORD,
    );
  });
  after(() => t.close());

  const last = async () =>
    (await admin.request('GET', '/api/admin/audit-check')).json<{ check: TCheck | null }>().check;

  it('walks the chain on demand, keeps the result, and audits the walk', async () => {
    assert.equal(await last(), null, 'no check before the first one');
    const response = await admin.request('POST', '/api/admin/audit-check');
    assert.equal(response.statusCode, 200, response.body);
    const { check } = response.json<{ check: TCheck }>();
    assert.equal(check.ok, true);
    assert.ok(check.checked >= 1, 'the admin login is in the chain');
    assert.deepEqual(await last(), check);
    const again = (await admin.request('POST', '/api/admin/audit-check')).json<{ check: TCheck }>();
    assert.equal(again.check.checked, check.checked + 1, 'the first walk was itself audited');
  });

  it('reports an altered row, and keeps saying so until it is repaired', async () => {
    t.allowBrokenAuditChain();
    await t.database.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    try {
      await t.database.db.execute(sql`UPDATE audit_log SET reason = 'rewritten' WHERE seq = 1`);
    } finally {
      await t.database.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    }
    const { check } = (await admin.request('POST', '/api/admin/audit-check')).json<{
      check: TCheck;
    }>();
    assert.equal(check.ok, false);
    assert.match(check.problems.join('\n'), /row 1 was altered/);
    assert.equal((await last())!.ok, false);
  });

  it('compares the chain with the anchors of AUDIT_ANCHOR_FILE', async () => {
    const { check } = (await admin.request('POST', '/api/admin/audit-check')).json<{
      check: TCheck & { head: { seq: number; hash: string } };
    }>();
    // an anchor further than the chain now goes: its rows were removed and the head moved back
    const gone = { seq: check.head.seq + 5, hash: 'f'.repeat(64), at: '2026-12-01T03:00:00.000Z' };
    writeFileSync(t.config.auditAnchorFile, `${JSON.stringify(gone)}\n`, { mode: 0o600 });
    const after = (await admin.request('POST', '/api/admin/audit-check')).json<{ check: TCheck }>();
    assert.equal(after.check.ok, false);
    assert.match(
      after.check.problems.join('\n'),
      new RegExp(`row ${gone.seq} was anchored on ${gone.at} but the chain now ends`),
    );
  });

  it('is for admins only', async () => {
    const coordinator = await loginAs(
      t.app,
      (await buildUser(t.database.db, { role: 'coordinator' })).email,
      TEST_PASSWORD,
    );
    assert.equal((await coordinator.request('GET', '/api/admin/audit-check')).statusCode, 403);
    assert.equal((await coordinator.request('POST', '/api/admin/audit-check')).statusCode, 403);
  });
});
