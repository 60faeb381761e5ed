/**
 * npm run admin:create (issue 10, finding 9): the first administrator of a real deployment, on
 * both drivers, through the script as an operator runs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { openPglite, openPostgres, type TDatabase } from '../src/db/client.js';
import { auditLog, outbox, users } from '../src/db/schema/index.js';
import { buildApp } from '../src/server/app.js';
import { loadConfig } from '../src/server/config.js';
import { TEST_DRIVER } from './helpers/database.js';
import { createPostgresDatabase, openDataDirFromTemplate } from './helpers/database-template.js';

const root = join(import.meta.dirname, '..');

/** Runs the script as `npm run admin:create -- …` would, with the server's kind of environment. */
function adminCreate(env: Record<string, string>, args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'scripts/admin-create.ts'), ...args],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', SEED_DEMO: 'false', LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
    },
  );
}

/** An empty deployment: a fresh DATA_DIR, and a PostgreSQL database of its own for that driver. */
async function emptyDeployment(driver: 'pglite' | 'postgres'): Promise<{
  env: Record<string, string> & { DATA_DIR: string };
  open: () => Promise<TDatabase>;
  drop: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), 'maillon-admin-'));
  if (driver === 'pglite') {
    return {
      env: { DATA_DIR: dataDir },
      open: () => openPglite(dataDir),
      drop: () => Promise.resolve(),
    };
  }
  // PostgreSQL: a copy of the migrated template (decision 045), no account in it; the PGlite case
  // above starts from an empty folder, so the first deployment's migrations stay exercised here.
  const database = await createPostgresDatabase(process.env.DATABASE_URL!, {
    prefix: 'maillon_admin',
  });
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: database.url },
    open: () => openPostgres(database.url, 2),
    drop: database.drop,
  };
}

/**
 * Each phase of `npm test` tries its own driver: the PGlite phase the embedded deployment, the
 * PostgreSQL phase a PostgreSQL one (the embedded case ran there too before, the same test twice).
 */
const driver = TEST_DRIVER;

describe('npm run admin:create', () => {
  it(`creates the first administrator of an empty ${driver} deployment, who chooses a password through a one-time link`, async () => {
    const deployment = await emptyDeployment(driver);
    try {
      const first = adminCreate(deployment.env, [
        '--email',
        'claire@reseau.fr',
        '--name',
        'Claire Fontaine',
      ]);
      assert.equal(first.status, 0, first.stderr);
      const link = /(http\S+\/invitation\/([\w-]+))/.exec(first.stdout);
      assert.ok(link, `a link is printed: ${first.stdout}`);
      const token = link[2]!;

      const refused = adminCreate(deployment.env, ['--email', 'bis@reseau.fr', '--name', 'Bis']);
      assert.equal(refused.status, 1, 'an administrator exists');
      assert.match(refused.stderr, /already exist.*\n.*--force-additional/);

      const noPassword = adminCreate(deployment.env, [
        '--email',
        'ter@reseau.fr',
        '--name',
        'Ter',
        '--password',
        'secret',
      ]);
      assert.equal(noPassword.status, 1);
      assert.match(noPassword.stderr, /no password on the command line/);

      const additional = adminCreate(deployment.env, [
        '--email',
        'bis@reseau.fr',
        '--name',
        'Bis',
        '--force-additional',
      ]);
      assert.equal(additional.status, 0, additional.stderr);

      const database: TDatabase = await deployment.open();
      try {
        const admins = await database.db.select().from(users).where(eq(users.role, 'admin'));
        assert.deepEqual(admins.map((a) => a.email).sort(), ['bis@reseau.fr', 'claire@reseau.fr']);
        assert.ok(admins.every((a) => a.status === 'invited' && a.passwordHash === null));
        const audit = await database.db
          .select()
          .from(auditLog)
          .where(eq(auditLog.action, 'system.admin_create'));
        assert.equal(audit.length, 2, 'each creation is audited');
        assert.deepEqual(
          audit.map((row) => (row.details as { additional: boolean }).additional),
          [false, true],
        );
        assert.equal((await database.db.select().from(outbox)).length, 0, 'no link kept');

        const app = await buildApp(
          {
            db: database.db,
            driver: database.driver,
            config: loadConfig({
              DATA_DIR: deployment.env.DATA_DIR,
              SESSION_SECRET: 'test-secret-test-secret-test-secret-0123',
              LOG_LEVEL: 'silent',
            }),
          },
          { logger: false },
        );
        try {
          const accepted = await app.inject({
            method: 'POST',
            url: `/api/invitations/${token}/accept`,
            payload: { password: 'la confiance se construit' },
          });
          assert.equal(accepted.statusCode, 200, accepted.body);
          assert.equal(accepted.json().session.user.role, 'admin');
        } finally {
          await app.close();
        }
      } finally {
        await database.close();
      }
    } finally {
      await deployment.drop();
    }
  });

  it(
    'refuses, clearly, to open an embedded database that a running server holds',
    {
      skip: driver === 'postgres' && 'embedded only: run by the PGlite phase',
    },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'maillon-admin-'));
      // This process stands for the running server (its database from the migrated template).
      const held = await openDataDirFromTemplate(dataDir);
      try {
        const result = adminCreate({ DATA_DIR: dataDir }, [
          '--email',
          'x@reseau.fr',
          '--name',
          'X',
        ]);
        assert.equal(result.status, 2);
        assert.match(result.stderr, /already in use by another Maillon process/);
        assert.match(result.stderr, /stop it, run admin:create, then start it again/);
        assert.equal((await held.db.select().from(users)).length, 0, 'nothing created');
      } finally {
        await held.close();
      }
    },
  );
});
