import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { MIGRATIONS_DIR, openPostgres, type TDatabase } from '../../db/client.js';
import { createTestDatabase, TEST_DRIVER } from '../../../test/helpers/database.js';
import { appendAudit, type TAuditEntry } from './audit.repository.js';
import { sealAuditLog } from './audit.seal.js';
import { verifyAuditChain } from './audit.verify.js';

const entry = (n: number): TAuditEntry => ({
  actorUserId: null,
  actorRole: 'admin',
  action: 'test.event',
  resourceType: 'test',
  resourceId: String(n),
  outcome: 'success',
});

/** The message of a refused statement (drizzle wraps the driver's error). */
const refusal = (error: unknown) =>
  (error as { cause?: Error }).cause?.message ?? (error as Error).message;

describe('audit head, on either database', () => {
  let database: TDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('moves only with the rows sealed: no direct update, delete or insert, no row off the chain', async () => {
    for (let i = 0; i < 3; i++) await database.db.transaction((tx) => appendAudit(tx, entry(i)));
    await sealAuditLog(database.db);
    const moved = /moves only when rows are sealed/;
    for (const statement of [
      sql`UPDATE audit_head SET last_pos = 1`,
      sql`DELETE FROM audit_head`,
      sql`INSERT INTO audit_head (id, last_pos, last_hash) VALUES (2, 0, 'genesis')`,
    ]) {
      await assert.rejects(database.db.execute(statement), (e) => moved.test(refusal(e)));
    }
    await assert.rejects(
      database.db.execute(
        sql`INSERT INTO audit_log (chain_pos, at, action, resource_type, outcome, prev_hash, hash)
            VALUES (4, now(), 'forged', 'test', 'success', 'x', 'y')`,
      ),
      (e) => /appended unsealed/.test(refusal(e)),
    );
    const chain = await verifyAuditChain(database.db);
    assert.deepEqual([chain.ok, chain.checked, chain.head?.seq], [true, 3, 3]);
  });
});

describe(
  'audit tables on PostgreSQL, seen from the application login',
  {
    skip: TEST_DRIVER !== 'postgres' && 'roles protect nothing in embedded PGlite (one superuser)',
  },
  () => {
    const adminUrl = process.env.DATABASE_URL ?? '';
    const suffix = randomBytes(4).toString('hex');
    const name = `maillon_test_roles_${process.pid}_${suffix}`;
    const appRole = `maillon_test_app_${suffix}`;
    const urlAs = (user: string | null) => {
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      if (user) {
        url.username = user;
        url.password = 'app-password';
      }
      return url.toString();
    };
    let owner: TDatabase;
    let app: TDatabase;
    let appClient: pg.Client;

    before(async () => {
      // what the DBA does before the first migration (README, "PostgreSQL roles")
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin
        .query(
          `CREATE ROLE ${appRole} LOGIN PASSWORD 'app-password' NOSUPERUSER IN ROLE maillon_audit_writer`,
        )
        .catch(async (error: unknown) => {
          // the writer role is created by the first migration of the cluster
          if ((error as { code?: string }).code !== '42704') throw error;
          await admin.query('CREATE ROLE maillon_audit_writer NOLOGIN').catch(() => undefined);
          await admin.query(
            `CREATE ROLE ${appRole} LOGIN PASSWORD 'app-password' NOSUPERUSER IN ROLE maillon_audit_writer`,
          );
        });
      await admin.end();
      const setup = new pg.Client({ connectionString: urlAs(null) });
      await setup.connect();
      await setup.query(`
      CREATE SCHEMA drizzle;
      GRANT USAGE ON SCHEMA drizzle TO ${appRole};
      ALTER DEFAULT PRIVILEGES IN SCHEMA drizzle GRANT SELECT ON TABLES TO ${appRole};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public
        GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${appRole};
      ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${appRole};
    `);
      await setup.end();
      owner = await openPostgres(urlAs(null), 2); // migrations, by the owner's login
      app = await openPostgres(urlAs(appRole), 2); // the server's login: nothing left to migrate
      appClient = new pg.Client({ connectionString: urlAs(appRole) });
      await appClient.connect();
    });

    after(async () => {
      await appClient?.end();
      await app?.close();
      await owner?.close();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${appRole}`);
      await admin.end();
    });

    it('creates its roles safely when several databases of the cluster migrate at once', async () => {
      // the migration's first statement, on role names no database has created yet
      const [createRoles] = readFileSync(
        join(MIGRATIONS_DIR, '0013_audit_owner_role.sql'),
        'utf8',
      ).split('--> statement-breakpoint');
      const fresh = [`maillon_test_owner_${suffix}`, `maillon_test_writer_${suffix}`];
      const statement = createRoles!
        .replace(/maillon_audit_owner/g, fresh[0]!)
        .replace(/maillon_audit_writer/g, fresh[1]!);
      const clients = await Promise.all(
        Array.from({ length: 6 }, async () => {
          const client = new pg.Client({ connectionString: urlAs(null) });
          await client.connect();
          await client.query('BEGIN'); // migrations run in one transaction
          return client;
        }),
      );
      try {
        const results = await Promise.allSettled(
          clients.map(async (client) => {
            await client.query(statement);
            await client.query('COMMIT');
          }),
        );
        assert.deepEqual(
          results.filter((r) => r.status === 'rejected').map((r) => String(r.reason)),
          [],
        );
        const { rows } = await appClient.query(
          'SELECT rolname FROM pg_roles WHERE rolname = ANY($1) AND NOT rolcanlogin ORDER BY 1',
          [fresh],
        );
        assert.equal(rows.length, 2);
      } finally {
        await Promise.all(clients.map((client) => client.end()));
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        for (const role of fresh) await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
      }
    });

    it('gives the audit tables to a role nobody logs in as', async () => {
      const { rows } = await appClient.query<{ tablename: string; tableowner: string }>(
        "SELECT tablename, tableowner FROM pg_tables WHERE tablename LIKE 'audit\\_%' ORDER BY 1",
      );
      assert.deepEqual(rows, [
        { tablename: 'audit_head', tableowner: 'maillon_audit_owner' },
        { tablename: 'audit_log', tableowner: 'maillon_audit_owner' },
        { tablename: 'audit_seal', tableowner: 'maillon_audit_owner' },
        { tablename: 'audit_unsealed', tableowner: 'maillon_audit_owner' },
      ]);
      const login = await appClient.query<{ rolcanlogin: boolean; rolsuper: boolean }>(
        "SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = 'maillon_audit_owner'",
      );
      assert.deepEqual(login.rows, [{ rolcanlogin: false, rolsuper: false }]);
    });

    it('appends and seals through the application login, and the chain verifies', async () => {
      for (let i = 0; i < 4; i++) await app.db.transaction((tx) => appendAudit(tx, entry(i)));
      await app.db.transaction((tx) => appendAudit(tx, entry(4)));
      assert.equal(await sealAuditLog(app.db), 5);
      const chain = await verifyAuditChain(app.db);
      assert.deepEqual([chain.ok, chain.checked, chain.head?.seq], [true, 5, 5]);
    });

    it('cannot delete the tail, change a row or a seal, switch off the triggers, or move the head back', async () => {
      const attacks = [
        'ALTER TABLE audit_log DISABLE TRIGGER USER',
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_queue_appended',
        'ALTER TABLE audit_head DISABLE TRIGGER USER',
        'DELETE FROM audit_log WHERE seq > 3',
        "UPDATE audit_log SET reason = 'rewritten'",
        'TRUNCATE audit_log',
        'UPDATE audit_head SET last_pos = 3',
        'DELETE FROM audit_head',
        'TRUNCATE audit_head',
        'DROP TABLE audit_log',
        'DROP TRIGGER audit_log_queue_appended ON audit_log',
        // a row is never updated, sealed or not (decision 054): no right to
        "UPDATE audit_log SET hash = 'rewritten' WHERE chain_pos = 2",
        'UPDATE audit_log SET chain_pos = NULL, prev_hash = NULL, hash = NULL WHERE chain_pos > 3',
        // the seals and the queue of rows waiting for theirs
        "UPDATE audit_seal SET hashes = '{x}'",
        'DELETE FROM audit_seal',
        'TRUNCATE audit_seal',
        'ALTER TABLE audit_seal DISABLE TRIGGER USER',
        'DELETE FROM audit_unsealed',
        'INSERT INTO audit_unsealed (seq) VALUES (1)',
        'TRUNCATE audit_unsealed',
        'DROP TABLE audit_unsealed',
        'ALTER TABLE audit_log OWNER TO CURRENT_USER',
        'SET ROLE maillon_audit_owner',
        "CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END'",
        'SET session_replication_role = replica',
      ];
      for (const attack of attacks) {
        await assert.rejects(
          appClient.query(attack),
          (error: Error) => /permission denied|must be owner|must be a member/.test(error.message),
          attack,
        );
      }
      const chain = await verifyAuditChain(app.db);
      assert.deepEqual([chain.ok, chain.checked, chain.head?.seq], [true, 5, 5]);
    });
  },
);
