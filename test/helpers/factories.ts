import { randomUUID } from 'node:crypto';
import type { TDb } from '../../src/db/client.js';
import { careTeamMembers, members, persons, users } from '../../src/db/schema/index.js';
import { hashPassword } from '../../src/modules/accounts/passwords.js';
import type { TRole } from '../../src/server/context.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

/** A directory member. */
export async function buildMember(db: TDb, values: Partial<typeof members.$inferInsert> = {}) {
  const [row] = await db
    .insert(members)
    .values({
      firstName: 'Test',
      lastName: `Member ${randomUUID().slice(0, 6)}`,
      profession: 'nurse',
      ...values,
    })
    .returning();
  return row!;
}

/**
 * An active user with password TEST_PASSWORD; non-patient roles get a member profile, patients
 * need personId.
 */
export async function buildUser(
  db: TDb,
  options: {
    role: TRole;
    personId?: string;
    email?: string;
    totpSecret?: string;
    locale?: 'fr' | 'en';
  },
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const member = options.role === 'patient' ? null : await buildMember(db);
  const [row] = await db
    .insert(users)
    .values({
      email: options.email ?? `${options.role}-${randomUUID().slice(0, 8)}@test.maillon.fr`,
      displayName: `Test ${options.role}`,
      role: options.role,
      status: 'active',
      passwordHash: await passwordHash,
      memberId: member?.id ?? null,
      personId: options.personId ?? null,
      totpSecret: options.totpSecret ?? null,
      totpEnabled: options.totpSecret !== undefined,
      ...(options.locale ? { locale: options.locale } : {}),
    })
    .returning();
  return row!;
}

/** A followed person with an optional case manager and care team (member ids). */
export async function buildPerson(
  db: TDb,
  options: {
    caseManagerId?: string | null;
    team?: { memberId: string; medicalAccess?: boolean; ended?: boolean }[];
  } = {},
) {
  const [person] = await db
    .insert(persons)
    .values({
      firstName: 'Jeanne',
      lastName: `Test ${randomUUID().slice(0, 6)}`,
      birthDate: '1938-04-12',
      commune: 'Saint-Étienne-de-Valoux',
      caseManagerId: options.caseManagerId ?? null,
    })
    .returning();
  for (const member of options.team ?? []) {
    await db.insert(careTeamMembers).values({
      personId: person!.id,
      memberId: member.memberId,
      medicalAccess: member.medicalAccess ?? false,
      since: new Date(Date.now() - 86_400_000),
      until: member.ended ? new Date(Date.now() - 1000) : null,
    });
  }
  return person!;
}
