/**
 * Secure messages of the demo network (decision 022): a group about Jeanne Roux with her care
 * team (her case manager, her GP and the social worker), and a direct conversation between the
 * coordinator and network staff. The coordinator has unread messages, so the badge shows.
 */
import { inArray } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import {
  conversationParticipants,
  conversations,
  messages,
  notifications,
  users,
} from '../db/schema/index.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Seeds the demo conversations; returns how many messages were written. */
export async function seedDemoMessages(tx: TDb, jeanneId: string): Promise<number> {
  const rows = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName })
    .from(users)
    .where(
      inArray(users.email, [
        'coordinatrice@reseau-demo.fr',
        'medecin@reseau-demo.fr',
        'social@reseau-demo.fr',
        'admin@reseau-demo.fr',
      ]),
    );
  const byEmail = new Map(rows.map((row) => [row.email.split('@')[0]!, row]));
  const coordinator = byEmail.get('coordinatrice')!;
  const doctor = byEmail.get('medecin')!;
  const social = byEmail.get('social')!;
  const admin = byEmail.get('admin')!;
  const now = Date.now();
  const at = (ago: number) => new Date(now - ago);
  let written = 0;

  const conversation = async (
    values: { kind: 'direct' | 'group'; title: string | null; personId: string | null },
    participants: { id: string; readUpTo: number }[],
    thread: { author: string; body: string; ago: number; mentions?: string[] }[],
  ) => {
    const createdAt = at(thread[0]!.ago + HOUR);
    const lastAt = at(thread.at(-1)!.ago);
    const [row] = await tx
      .insert(conversations)
      .values({ ...values, createdBy: thread[0]!.author, createdAt, lastMessageAt: lastAt })
      .returning({ id: conversations.id });
    await tx.insert(messages).values(
      thread.map((message) => ({
        conversationId: row!.id,
        authorUserId: message.author,
        body: message.body,
        mentions: message.mentions ?? [],
        createdAt: at(message.ago),
      })),
    );
    written += thread.length;
    await tx.insert(conversationParticipants).values(
      participants.map((p) => ({
        conversationId: row!.id,
        userId: p.id,
        joinedAt: createdAt,
        lastReadAt: at(p.readUpTo),
      })),
    );
    return row!.id;
  };

  const team = await conversation(
    { kind: 'group', title: 'Retour à domicile de Mme Roux', personId: jeanneId },
    [
      { id: coordinator.id, readUpTo: 2 * DAY },
      { id: doctor.id, readUpTo: 3 * HOUR },
      { id: social.id, readUpTo: 26 * HOUR },
    ],
    [
      {
        author: coordinator.id,
        body: 'Bonjour à tous, Mme Roux sort du service de médecine gériatrique vendredi. Je propose un point rapide ici pour organiser le retour à domicile.',
        ago: 3 * DAY,
      },
      {
        author: doctor.id,
        body: 'Je passe la voir lundi matin. Le traitement a été modifié (anticoagulant) : je préviens la pharmacie et l’infirmière.',
        ago: 3 * DAY - 2 * HOUR,
      },
      {
        author: social.id,
        body: 'Le dossier APA est en cours de révision, la visite d’évaluation est prévue le 12. Son fils Michel sera présent.',
        ago: 2 * DAY,
      },
      {
        author: doctor.id,
        body: `@${coordinator.displayName} pouvez-vous vérifier que le portage des repas reprend dès samedi ? Elle a perdu 2 kg pendant l’hospitalisation.`,
        ago: 5 * HOUR,
        mentions: [coordinator.id],
      },
      {
        author: social.id,
        body: 'Michel m’a confirmé qu’il reste chez elle tout le week-end.',
        ago: 3 * HOUR,
      },
    ],
  );
  const direct = await conversation(
    { kind: 'direct', title: null, personId: null },
    [
      { id: coordinator.id, readUpTo: 4 * HOUR },
      { id: admin.id, readUpTo: 30 * MINUTE },
    ],
    [
      {
        author: admin.id,
        body: 'La réunion de concertation pluriprofessionnelle est déplacée à jeudi 14 h, salle du conseil de la maison de santé.',
        ago: 26 * HOUR,
      },
      {
        author: coordinator.id,
        body: 'C’est noté, merci. J’ajoute deux situations complexes à l’ordre du jour.',
        ago: 4 * HOUR,
      },
      { author: admin.id, body: 'Parfait, je les inscris.', ago: 45 * MINUTE },
    ],
  );
  // The coordinator is told once per conversation with unread messages (and of the mention).
  await tx.insert(notifications).values([
    {
      userId: coordinator.id,
      kind: 'message.mention',
      personId: jeanneId,
      link: `/messages/${team}`,
      createdAt: at(5 * HOUR),
    },
    {
      userId: coordinator.id,
      kind: 'message.new',
      personId: null,
      link: `/messages/${direct}`,
      createdAt: at(45 * MINUTE),
    },
  ]);
  return written;
}
