import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { count } from 'drizzle-orm';
import { openPglite } from '../src/db/client.js';
import { DataDirLockedError } from '../src/db/lock.js';
import { auditLog, sessions, users } from '../src/db/schema/index.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { fillDataDirFromTemplate, openDataDirFromTemplate } from './helpers/database-template.js';
import { spawnServer, waitHealthy } from './helpers/server-process.js';

const newDataDir = () => mkdtempSync(join(tmpdir(), 'maillon-embedded-'));

/**
 * A data folder holding a database already: the tests' migrated template, or the demo-seeded one
 * (the first start on an empty folder is the SIGTERM test's).
 */
async function populatedDataDir(template: 'migrated' | 'demo'): Promise<string> {
  const dataDir = newDataDir();
  await fillDataDirFromTemplate(dataDir, template);
  return dataDir;
}

async function loginDemo(url: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'coordinatrice@reseau-demo.fr', password: 'Maillon-demo-2026!' }),
  });
  assert.equal(response.status, 200);
}

describe('embedded PGlite safeguards', () => {
  it('refuses a second process on the same data folder with a clear message', async () => {
    const dataDir = newDataDir();
    const holder = await openDataDirFromTemplate(dataDir);
    try {
      const second = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
      const code = await second.exited;
      assert.equal(code, 1);
      assert.match(second.output(), /already in use by another Maillon process \(pid \d+\)/);
      await assert.rejects(openPglite(dataDir), DataDirLockedError);
    } finally {
      await holder.close();
    }
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const dataDir = await populatedDataDir('migrated');
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']);
    writeFileSync(join(dataDir, 'maillon.lock'), String(dead.pid));
    const database = await openPglite(dataDir);
    assert.equal(database.driver, 'pglite');
    await database.close();
    assert.equal(existsSync(join(dataDir, 'maillon.lock')), false);
  });

  it('checkpoints and closes cleanly on SIGTERM, keeping the seeded data', async () => {
    const dataDir = newDataDir();
    const server = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO: 'true' });
    await waitHealthy(server);
    assert.match(server.output(), /Demo logins/);
    await loginDemo(server.url);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.match(server.output(), /database closed cleanly/);
    assert.equal(existsSync(join(dataDir, 'maillon.lock')), false);
    const database = await openPglite(dataDir);
    try {
      assert.equal((await database.db.select({ n: count() }).from(users))[0]!.n, 6);
      assert.equal((await database.db.select({ n: count() }).from(sessions))[0]!.n, 1);
      assert.equal((await verifyAuditChain(database.db)).ok, true);
    } finally {
      await database.close();
    }
  });

  it('keeps committed writes when the process is killed (SIGKILL), and restarts on the stale lock', async () => {
    const dataDir = await populatedDataDir('demo');
    const server = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO: 'true' });
    await waitHealthy(server);
    await loginDemo(server.url);
    await loginDemo(server.url);
    server.child.kill('SIGKILL');
    await server.exited;
    const restarted = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO: 'true' });
    await waitHealthy(restarted);
    restarted.child.kill('SIGTERM');
    assert.equal(await restarted.exited, 0);
    const database = await openPglite(dataDir);
    try {
      assert.equal((await database.db.select({ n: count() }).from(sessions))[0]!.n, 2);
      assert.equal((await database.db.select({ n: count() }).from(users))[0]!.n, 6, 'seeded once');
      const verification = await verifyAuditChain(database.db);
      assert.equal(verification.ok, true, verification.problems.join('\n'));
      assert.equal(verification.unsealed, 0, 'rows the kill left unsealed joined the chain');
      assert.ok((await database.db.select({ n: count() }).from(auditLog))[0]!.n >= 3);
    } finally {
      await database.close();
    }
  });
});
