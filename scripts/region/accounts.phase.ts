/**
 * Login accounts of the synthetic region. No service creates an active account directly (an
 * invitation must be accepted through its mailed link), so accounts are inserted through the
 * users repository in one transaction, as the demo seed does; the password is hashed once
 * (argon2 is slow on purpose) and shared by every generated account.
 */
import type { TDb } from '../../src/db/client.js';
import type { TPlannedMember } from './directory.plan.js';
import { MAIL_DOMAIN } from './directory.plan.js';
import {
  findUserByEmail,
  insertUser,
  updateUser,
  type TUserRow,
} from '../../src/modules/accounts/users.repository.js';
import type { TRole } from '../../src/server/context.js';
import { withTransaction } from '../../src/server/transaction.js';

/** The password of every generated account (meets the password policy). */
export const REGION_PASSWORD = 'Maillon-region-2026!';
/** The network staff account that creates the directory; present = a region was generated here. */
export const REGION_ADMIN_EMAIL = `admin@region.${MAIL_DOMAIN}`;

/** The region's network staff login, created before the directory it will create. */
export async function createAdminAccount(db: TDb, passwordHash: string): Promise<TUserRow> {
  if (await findUserByEmail(db, REGION_ADMIN_EMAIL)) {
    throw new Error(
      `${REGION_ADMIN_EMAIL} already exists: a synthetic region was already generated in this database`,
    );
  }
  return withTransaction(db, (tx) =>
    insertUser(tx, {
      email: REGION_ADMIN_EMAIL,
      displayName: 'Équipe du réseau (région synthétique)',
      role: 'admin',
      status: 'active',
      locale: 'fr',
      passwordHash,
    }),
  );
}

/** Links the admin login to their directory profile, once the directory exists. */
export function linkAdminToMember(db: TDb, admin: TUserRow, memberId: string): Promise<TUserRow> {
  return withTransaction(db, (tx) => updateUser(tx, admin.id, { memberId }));
}

/** One active account per member given, e-mail and name from the directory; in plan order. */
export function createMemberAccounts(
  db: TDb,
  passwordHash: string,
  accounts: { member: TPlannedMember; memberId: string; role: TRole }[],
): Promise<TUserRow[]> {
  return withTransaction(db, async (tx) => {
    const rows: TUserRow[] = [];
    for (const { member, memberId, role } of accounts) {
      rows.push(
        await insertUser(tx, {
          email: member.input.email!,
          displayName: `${member.input.firstName} ${member.input.lastName}`,
          role,
          status: 'active',
          locale: 'fr',
          passwordHash,
          memberId,
        }),
      );
    }
    return rows;
  });
}
