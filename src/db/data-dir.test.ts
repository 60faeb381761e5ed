import assert from 'node:assert/strict';
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DataDirExposedError, findExposedPaths, prepareDataDir } from './data-dir.js';
import { spawnServer, waitHealthy } from '../../test/helpers/server-process.js';
import {
  fillDataDirFromTemplate,
  openDataDirFromTemplate,
} from '../../test/helpers/database-template.js';

/** A data folder as an unwary install leaves it: everything readable and writable by anyone. */
function openDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillon-perms-'));
  mkdirSync(join(dataDir, 'pglite'));
  writeFileSync(join(dataDir, 'pglite', 'leftover'), 'x');
  writeFileSync(join(dataDir, 'session-secret'), 's'.repeat(48));
  for (const path of [dataDir, join(dataDir, 'pglite')]) chmodSync(path, 0o777);
  for (const path of ['session-secret', 'pglite/leftover']) chmodSync(join(dataDir, path), 0o666);
  return dataDir;
}

/** Paths whose group/other bits are not all zero, with their mode. */
function notPrivate(dataDir: string): string[] {
  const out: string[] = [];
  const visit = (path: string) => {
    const stats = statSync(path);
    if ((stats.mode & 0o077) !== 0) out.push(`${path} ${(stats.mode & 0o777).toString(8)}`);
    if (stats.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    }
  };
  visit(dataDir);
  return out;
}

describe('embedded data folder permissions', () => {
  it('makes an existing data folder private (700/600) before opening it, files PGlite writes too', async () => {
    const dataDir = openDataDir();
    assert.ok(findExposedPaths(dataDir).length >= 4);
    // From the tests' migrated template: what is tested is the folder, not the first migration
    // (test/embedded-mode.test.ts starts on an empty folder).
    const database = await openDataDirFromTemplate(dataDir);
    try {
      assert.deepEqual(notPrivate(dataDir), []);
      assert.equal(statSync(dataDir).mode & 0o777, 0o700);
      assert.equal(statSync(join(dataDir, 'session-secret')).mode & 0o777, 0o600);
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start when others can still write there, naming the path and the fix', () => {
    const dataDir = openDataDir();
    const notOurs = join(dataDir, 'pglite', 'leftover');
    const chmod = (path: string, mode: number) => {
      if (path === notOurs) throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      chmodSync(path, mode);
    };
    assert.throws(
      () => prepareDataDir(dataDir, { chmod }),
      (error: unknown) => {
        assert.ok(error instanceof DataDirExposedError);
        assert.match(error.message, new RegExp(notOurs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        assert.match(error.message, /chmod -R go-rwx /);
        return true;
      },
    );
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a server started on an open data folder runs with it private, its new files included', async () => {
    const dataDir = openDataDir();
    rmSync(join(dataDir, 'session-secret'));
    // A database already there (the migrated template: no migration to wait for), then the
    // folder opened to everyone again, its database files included.
    await fillDataDirFromTemplate(dataDir);
    const reopen = (path: string) => {
      chmodSync(path, statSync(path).isDirectory() ? 0o777 : 0o666);
      if (statSync(path).isDirectory())
        for (const name of readdirSync(path)) reopen(join(path, name));
    };
    reopen(dataDir);
    assert.ok(findExposedPaths(dataDir).length > 4);
    const server = await spawnServer({ DATA_DIR: dataDir, SEED_DEMO: 'false' });
    try {
      await waitHealthy(server);
      assert.deepEqual(notPrivate(dataDir), []);
      assert.equal(statSync(join(dataDir, 'session-secret')).mode & 0o777, 0o600);
      assert.equal(statSync(join(dataDir, 'maillon.lock')).mode & 0o777, 0o600);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
