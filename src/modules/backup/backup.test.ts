import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { count } from 'drizzle-orm';
import { openPglite, openPostgres, type TDatabase } from '../../db/client.js';
import { persons } from '../../db/schema/index.js';
import { TEST_DRIVER } from '../../../test/helpers/database.js';
import {
  createPostgresDatabase,
  readOrBuildPgliteTemplate,
} from '../../../test/helpers/database-template.js';
import { buildPerson } from '../../../test/helpers/factories.js';
import { appendAudit } from '../audit/audit.repository.js';
import { sealAuditLog } from '../audit/audit.seal.js';
import { BackupFileError, readBackupHeader } from './backup.file.js';
import { startBackupRequests } from './backup.requests.js';
import { createBackup, restoreBackup, type TBackupTarget } from './backup.service.js';
import type { PGlite } from '@electric-sql/pglite';

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A database on this run's driver, with a URL or a data folder a backup can be pointed at. */
async function openTarget(): Promise<{ target: TBackupTarget; open: () => Promise<TDatabase> }> {
  if (TEST_DRIVER === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillon-backup-'));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    // The first open starts from the tests' migrated template (decision 045): no initdb and no
    // migrations to run on a new folder here (test/embedded-mode.test.ts starts one from nothing).
    let opened = false;
    const open = async () => {
      const template = opened ? undefined : await readOrBuildPgliteTemplate();
      opened = true;
      return openPglite(dataDir, template ? { loadDataDir: template } : {});
    };
    return { target: { databaseUrl: undefined, dataDir }, open };
  }
  // A copy of the migrated template, as every test database (decision 045).
  const created = await createPostgresDatabase(process.env.DATABASE_URL!, {
    prefix: 'maillon_backup',
  });
  cleanups.push(() => created.drop());
  const databaseUrl = created.url;
  return {
    target: { databaseUrl, dataDir: tmpdir() },
    open: () => openPostgres(databaseUrl, 2),
  };
}

async function addPeopleWithAudit(db: TDatabase['db'], people: number) {
  for (let i = 0; i < people; i++) {
    const person = await buildPerson(db);
    await appendAudit(db, {
      actorUserId: null,
      actorRole: 'admin',
      action: 'read',
      resourceType: 'person',
      resourceId: person.id,
      personId: person.id,
      outcome: 'allowed',
    });
  }
  await sealAuditLog(db);
}

const personCount = async (db: TDatabase['db']) =>
  (await db.select({ n: count() }).from(persons))[0]!.n;

describe(`backup and restore (${TEST_DRIVER})`, () => {
  test('a backup restores the old data, a verifying chain and the same counts; a non-empty database, a damaged file and a wrong passphrase are refused and change nothing', async () => {
    const { target, open } = await openTarget();
    const first = await open();
    await addPeopleWithAudit(first.db, 3);
    await first.close();

    const key = { kind: 'passphrase', passphrase: 'cheval agrafe pile' } as const;
    const { bytes, header } = await createBackup(target, key);
    assert.equal(header.driver, TEST_DRIVER);
    assert.equal(header.encryption, 'age-passphrase');
    assert.equal(header.counts.persons, 3);
    assert.equal(header.auditHead?.seq, 3);
    assert.match(header.schema.tag, /^\d{4}_/);
    // encrypted: no name of the database is readable in the file
    assert.equal(bytes.includes(Buffer.from('Jeanne')), false);

    // change data after the backup: two more people, more audit rows
    const second = await open();
    await addPeopleWithAudit(second.db, 2);
    assert.equal(await personCount(second.db), 5);
    await second.close();

    await assert.rejects(
      restoreBackup(target, bytes, key, { force: false }),
      (error: Error) =>
        error instanceof BackupFileError && /not empty|already holds/.test(error.message),
    );
    // a damaged or foreign file is refused before anything is touched
    const truncated = bytes.subarray(0, bytes.length - 10);
    assert.throws(() => readBackupHeader(truncated), /damaged or truncated/);
    assert.throws(
      () => readBackupHeader(Buffer.from('PK\u0003\u0004 not ours')),
      /not a Maillon backup/,
    );
    await assert.rejects(restoreBackup(target, truncated, key, { force: true }), /damaged/);
    const untouched = await open();
    assert.equal(await personCount(untouched.db), 5, 'a refused restore changes nothing');
    await untouched.close();

    await assert.rejects(
      restoreBackup(target, bytes, { kind: 'passphrase', passphrase: 'wrong' }, { force: true }),
      /cannot be decrypted/,
    );
    const report = await restoreBackup(target, bytes, key, { force: true });
    assert.equal(report.audit.ok, true, report.audit.problems.join('; '));
    assert.equal(report.audit.checked, 3);
    assert.deepEqual(report.countMismatches, []);
    assert.equal(report.counts.persons, 3);
    if (TEST_DRIVER === 'pglite') {
      assert.ok(report.keptAside, 'the replaced folder is kept aside');
      assert.ok(readdirSync(target.dataDir).some((name) => name.startsWith('pglite.replaced-')));
    }
    const restored = await open();
    assert.equal(await personCount(restored.db), 3);
    await restored.close();
  });

  if (TEST_DRIVER === 'pglite') {
    test('a running server holding the data folder is asked for the dump (no second open)', async () => {
      const { target, open } = await openTarget();
      const running = await open(); // holds the folder's lock, like a server
      try {
        await addPeopleWithAudit(running.db, 2);
        const client = (running.db as unknown as { $client: PGlite }).$client;
        const stop = startBackupRequests(client, target.dataDir, (error) => {
          throw error;
        });
        try {
          const { bytes, header } = await createBackup(target, { kind: 'none' });
          assert.equal(header.counts.persons, 2);
          assert.equal(header.auditHead?.seq, 2);
          // and a restore is refused while the server runs on the folder
          await assert.rejects(
            restoreBackup(target, bytes, { kind: 'none' }, { force: true }),
            /already in use by another Maillon process/,
          );
        } finally {
          stop();
        }
        assert.equal(await personCount(running.db), 2);
      } finally {
        await running.close();
      }
    });
  }
});
