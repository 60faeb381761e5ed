import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { openPglite } from '../src/db/client.js';
import { appendAudit } from '../src/modules/audit/audit.repository.js';

const root = join(import.meta.dirname, '..');
const runScript = (script: string, args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', script), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
  });

describe('database tools', () => {
  it('db:check passes when the schema and the committed migrations agree', () => {
    const result = runScript('check-migrations.ts', []);
    assert.equal(result.status, 0, result.stderr);
  });

  it('db:check fails when the schema has drifted from the migrations', () => {
    const result = runScript('check-migrations.ts', [
      join(root, 'test/fixtures/drifted-schema.ts'),
    ]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /drifted/);
  });

  it('audit:verify passes on a fresh database and fails after a row is edited by SQL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillon-verify-'));
    let database = await openPglite(dataDir);
    for (let i = 0; i < 3; i++) {
      await database.db.transaction((tx) =>
        appendAudit(tx as never, {
          actorUserId: null,
          actorRole: null,
          action: 'test',
          resourceType: 'test',
          outcome: 'success',
        }),
      );
    }
    await database.close();
    const fresh = runScript('audit-verify.ts', [], { DATA_DIR: dataDir });
    assert.equal(fresh.status, 0, fresh.stderr);
    assert.match(fresh.stdout, /3 rows verified/);

    database = await openPglite(dataDir);
    await database.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER USER`);
    await database.db.execute(sql`UPDATE audit_log SET action = 'innocent' WHERE seq = 2`);
    await database.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER USER`);
    await database.close();
    const tampered = runScript('audit-verify.ts', [], { DATA_DIR: dataDir });
    assert.equal(tampered.status, 1);
    assert.match(tampered.stderr, /row 2 was altered/);
  });
});
