import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { members, users } from '../../db/schema/index.js';

export type TUserRow = typeof users.$inferSelect;

/** Finds a user by e-mail, case-insensitively. */
export async function findUserByEmail(db: TDb, email: string): Promise<TUserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

/** Finds a user by id. */
export async function findUserById(db: TDb, id: string): Promise<TUserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Finds a user by id and locks the row until the transaction ends (status changes). */
export async function lockUserById(tx: TDb, id: string): Promise<TUserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update');
  return row;
}

/**
 * Records that the code of this time step was used; false when it (or a later one) already was —
 * a replayed code. One statement: two requests with the same code cannot both pass.
 */
export async function claimTotpStep(db: TDb, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** Updates some columns of a user and stamps updated_at. */
export async function updateUser(
  db: TDb,
  id: string,
  values: Partial<Omit<TUserRow, 'id' | 'createdAt'>>,
): Promise<TUserRow> {
  const [row] = await db
    .update(users)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new Error(`user ${id} vanished during update`);
  return row;
}

/** Inserts a user. */
export async function insertUser(db: TDb, values: typeof users.$inferInsert): Promise<TUserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert into users returned nothing');
  return row;
}

/** Every user, for the administration screen. */
export function listUsers(db: TDb) {
  return db.select().from(users).orderBy(asc(users.displayName));
}

/** Creates the member profile a non-patient user is linked to. */
export async function insertMember(
  db: TDb,
  values: typeof members.$inferInsert,
): Promise<typeof members.$inferSelect> {
  const [row] = await db.insert(members).values(values).returning();
  if (!row) throw new Error('insert into members returned nothing');
  return row;
}

/** Whether a member profile exists. */
export async function memberExists(db: TDb, id: string): Promise<boolean> {
  const [row] = await db.select({ id: members.id }).from(members).where(eq(members.id, id));
  return row !== undefined;
}
