/**
 * Demo notifications (decision 025): the GP and the case manager find a few on the bell, over
 * yesterday and today, one of them urgent, some already read; the social worker has chosen no
 * digest for messages. Kinds whose pages exist on this version only (care team, persons).
 */
import { inArray } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { notificationPreferences, notifications, users } from '../db/schema/index.js';

const HOUR = 3_600_000;

export async function seedDemoNotifications(tx: TDb, personIds: string[]): Promise<number> {
  const accounts = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(users.email, [
        'medecin@reseau-demo.fr',
        'coordinatrice@reseau-demo.fr',
        'social@reseau-demo.fr',
      ]),
    );
  const idOf = (email: string) => accounts.find((a) => a.email === email)!.id;
  const now = Date.now();
  const person = (i: number) => personIds[i % personIds.length]!;
  const rows: (typeof notifications.$inferInsert)[] = [
    // the GP: joined two care teams yesterday (one read), one today
    ['medecin@reseau-demo.fr', 'care_team.joined', 2, 26, true, false],
    ['medecin@reseau-demo.fr', 'care_team.joined', 4, 20, false, false],
    ['medecin@reseau-demo.fr', 'care_team.joined', 6, 1, false, false],
    // the case manager: an urgent one this morning, one read yesterday
    ['coordinatrice@reseau-demo.fr', 'care_team.joined', 1, 22, true, false],
    ['coordinatrice@reseau-demo.fr', 'care_team.joined', 3, 2, false, true],
  ].map(([email, kind, index, hoursAgo, read, urgent]) => {
    const createdAt = new Date(now - (hoursAgo as number) * HOUR);
    const personId = person(index as number);
    return {
      userId: idOf(email as string),
      kind: kind as string,
      personId,
      link: `/persons/${personId}`,
      urgent: urgent as boolean,
      createdAt,
      readAt: read ? new Date(createdAt.getTime() + HOUR) : null,
    };
  });
  await tx.insert(notifications).values(rows);
  await tx.insert(notificationPreferences).values({
    userId: idOf('social@reseau-demo.fr'),
    family: 'messages',
    inApp: true,
    emailNow: false,
    digest: false,
  });
  return rows.length;
}
