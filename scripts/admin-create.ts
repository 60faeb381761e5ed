/**
 * npm run admin:create -- --email <address> --name "<first and last name>" [--locale fr|en]
 *                         [--force-additional]
 *
 * The bootstrap of trust on a real deployment (SEED_DEMO=false): creates the first network
 * administrator as an invited account and prints a one-time link (7 days) through which that
 * person chooses their own password. No password ever goes on the command line, in the shell
 * history or in the outbox. Run on the server's machine with the server's configuration: it opens
 * the same database (DATABASE_URL, or the embedded one in DATA_DIR, which must not be in use).
 * Refuses when an administrator already exists, unless --force-additional. Audited.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { openDatabase, type TDatabase } from '../src/db/client.js';
import { DataDirLockedError } from '../src/db/lock.js';
import { users } from '../src/db/schema/index.js';
import { appendAudit } from '../src/modules/audit/audit.repository.js';
import { createInvitation, invitationUrl } from '../src/modules/accounts/invitations.service.js';
import { ConfigError, loadConfig, type TConfig } from '../src/server/config.js';

const USAGE =
  'usage: npm run admin:create -- --email <address> --name "<first and last name>" [--locale fr|en] [--force-additional]\n';

/** Exit codes: 0 created, 1 refused (an admin exists, bad input), 2 database unavailable. */
function fail(message: string, code = 1): never {
  process.stderr.write(`admin:create: ${message}\n`);
  process.exit(code);
}

function readOptions() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        locale: { type: 'string', default: 'fr' },
        'force-additional': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/password/i.test(message)) {
      fail(
        'no password on the command line: the person chooses it through the link this prints.\n' +
          USAGE,
      );
    }
    fail(`${message}\n${USAGE}`);
  }
  const checked = z
    .object({
      email: z.email('--email: not an e-mail address').max(254),
      name: z.string('--name is required').trim().min(1, '--name is required').max(120),
      locale: z.enum(['fr', 'en'], '--locale: fr or en'),
    })
    .safeParse(parsed.values);
  if (!checked.success) {
    fail(`${checked.error.issues.map((issue) => issue.message).join('; ')}\n${USAGE}`);
  }
  return { ...checked.data, forceAdditional: parsed.values['force-additional'] };
}

const options = readOptions();
let config: TConfig;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) fail(error.message, 2);
  throw error;
}
let database: TDatabase;
try {
  database = await openDatabase(config);
} catch (error) {
  if (error instanceof DataDirLockedError) {
    fail(
      `${error.message}\nThe server holds the embedded database: stop it, run admin:create, then start it again.`,
      2,
    );
  }
  throw error;
}

try {
  const created = await database.db.transaction(async (tx) => {
    // Two operators at once must not both pass the "no administrator yet" check (PostgreSQL;
    // PGlite is one process by its lock).
    if (database.driver === 'postgres') {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(7428002)`);
    }
    const admins = await tx
      .select({ email: users.email, status: users.status })
      .from(users)
      .where(sql`${users.role} = 'admin'`);
    // Running again for the same administrator who has not chosen a password yet (a lost link)
    // replaces the link; any other administrator means trust is already bootstrapped.
    const others = admins.filter(
      (a) => !(a.status === 'invited' && a.email.toLowerCase() === options.email.toLowerCase()),
    );
    if (others.length > 0 && !options.forceAdditional) {
      return { refused: others.length } as const;
    }
    const invitation = await createInvitation(
      tx,
      { email: options.email, displayName: options.name, role: 'admin', locale: options.locale },
      null,
    );
    await appendAudit(tx, {
      actorUserId: null,
      actorRole: null,
      action: 'system.admin_create',
      resourceType: 'user',
      resourceId: invitation.user.id,
      outcome: 'success',
      reason: 'npm run admin:create on the server',
      details: {
        invitationId: invitation.invitationId,
        additional: others.length > 0,
        osUser: process.env.USER ?? process.env.USERNAME ?? null,
      },
    });
    return { refused: 0, ...invitation } as const;
  });
  if (!('token' in created)) {
    // not fail(): the database must be closed (and the data folder unlocked) on the way out
    process.stderr.write(
      `admin:create: ${created.refused} administrator account(s) already exist: an administrator invites the others from the administration screen.\n` +
        'To add one from here anyway (e.g. every administrator lost access), run again with --force-additional.\n',
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(
      `Administrator account created for ${created.user.email} (${database.driver}).\n\n` +
        'Give this one-time link to that person only, by a trusted way; it is shown once, valid until ' +
        `${created.expiresAt.toISOString()}, and usable once:\n\n` +
        `  ${invitationUrl(config.publicUrl, created.token)}\n\n` +
        'They open it, choose their password, then turn on the second factor on the "Mon compte" page.\n' +
        'Lost link: run this again with the same --email (the old link stops working).\n',
    );
  }
} finally {
  await database.close();
}
