/**
 * The demo logbook (decision 021): a few days of transmissions on three demo persons, as the team
 * writes them — daily life by the home-care side, a medical note and an urgent one by the GP, a
 * social follow-up, a correction that keeps its original, a reply. Each lands on the timeline.
 */
import { inArray } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { logbookEntries, logbookReads, users } from '../db/schema/index.js';
import type { TLogbookCategory } from '../modules/logbook/logbook.schemas.js';
import { TIMELINE_CATEGORY } from '../modules/logbook/logbook.service.js';
import { recordPathwayEvent } from '../modules/pathway/pathway-events.js';

const HOUR = 3_600_000;

type TSpec = {
  person: number;
  by: 'coordinator' | 'professional' | 'social';
  hoursAgo: number;
  category: TLogbookCategory;
  text: string;
  urgent?: boolean;
  /** Index in SPECS of the entry it answers / corrects. */
  replyTo?: number;
  corrects?: number;
  readBy?: ('coordinator' | 'professional' | 'social')[];
};

const SPECS: TSpec[] = [
  {
    person: 0,
    by: 'social',
    hoursAgo: 70,
    category: 'daily_life',
    text: 'Passage de 11 h : Mme Roux a déjeuné seule, appétit correct. Se plaint de douleurs au genou droit en montant l’escalier.',
    readBy: ['coordinator', 'professional'],
  },
  {
    person: 0,
    by: 'professional',
    hoursAgo: 52,
    category: 'medical',
    text: 'Consultation à domicile : gonalgie droite mécanique, pas de signe inflammatoire. Paracétamol 1 g trois fois par jour si besoin, kiné proposée.',
    readBy: ['coordinator'],
  },
  {
    person: 0,
    by: 'coordinator',
    hoursAgo: 49,
    category: 'administrative',
    text: 'Dossier APA : révision demandée au Département, visite de l’équipe médico-sociale prévue le 12.',
  },
  {
    person: 0,
    by: 'coordinator',
    hoursAgo: 48,
    category: 'administrative',
    text: 'Correction : la visite de l’équipe médico-sociale est prévue le 14, pas le 12 (courrier du Département reçu ce matin).',
    corrects: 2,
    readBy: ['social'],
  },
  {
    person: 0,
    by: 'social',
    hoursAgo: 26,
    category: 'social',
    text: 'Le fils (M. Michel Roux) souhaite être présent à la visite APA ; il demande aussi des informations sur le portage de repas.',
  },
  {
    person: 0,
    by: 'coordinator',
    hoursAgo: 24,
    category: 'social',
    text: 'Appelé M. Roux : je lui envoie la liste des services de portage de repas du secteur et je le retrouve à la visite du 14.',
    replyTo: 4,
  },
  {
    person: 0,
    by: 'professional',
    hoursAgo: 3,
    category: 'medical',
    urgent: true,
    text: 'Chute ce matin signalée par la voisine, relevée sans perte de connaissance. Hématome de la hanche gauche : radio demandée aujourd’hui, surveiller la marche et la douleur.',
  },
  {
    person: 4,
    by: 'social',
    hoursAgo: 30,
    category: 'daily_life',
    text: 'Réfrigérateur presque vide, a oublié ses courses cette semaine. J’ai prévenu sa nièce qui passera samedi.',
  },
  {
    person: 4,
    by: 'coordinator',
    hoursAgo: 6,
    category: 'social',
    urgent: true,
    text: 'Coupure d’électricité annoncée pour impayé le 20 : dossier FSL à monter en urgence avec l’assistante sociale.',
  },
  {
    person: 8,
    by: 'professional',
    hoursAgo: 20,
    category: 'medical',
    text: 'Renouvellement d’ordonnance fait ; bilan sanguin à programmer par l’infirmière avant la fin du mois.',
  },
  {
    person: 8,
    by: 'social',
    hoursAgo: 4,
    category: 'daily_life',
    text: 'Bon moral, a reçu la visite de ses petits-enfants. Dort mieux depuis qu’elle a repris ses promenades.',
  },
];

const EMAILS = {
  coordinator: 'coordinatrice@reseau-demo.fr',
  professional: 'medecin@reseau-demo.fr',
  social: 'social@reseau-demo.fr',
} as const;

/** Seeds the demo logbook entries; returns how many were written. */
export async function seedDemoLogbook(
  tx: TDb,
  personIds: string[],
  memberIds: Map<string, string>,
): Promise<number> {
  const accounts = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, Object.values(EMAILS)));
  const userOf = (key: keyof typeof EMAILS) =>
    accounts.find((account) => account.email === EMAILS[key])!.id;
  const ids: string[] = [];
  const now = Date.now();
  for (const spec of SPECS) {
    const at = new Date(now - spec.hoursAgo * HOUR);
    const category = spec.corrects !== undefined ? SPECS[spec.corrects]!.category : spec.category;
    const [row] = await tx
      .insert(logbookEntries)
      .values({
        personId: personIds[spec.person]!,
        category,
        urgent: spec.urgent ?? false,
        text: spec.text,
        authorUserId: userOf(spec.by),
        authorMemberId: memberIds.get(spec.by) ?? null,
        replyToId: spec.replyTo !== undefined ? ids[spec.replyTo]! : null,
        correctsId: spec.corrects !== undefined ? ids[spec.corrects]! : null,
        createdAt: at,
      })
      .returning({ id: logbookEntries.id });
    ids.push(row!.id);
    const readers = [spec.by, ...(spec.readBy ?? [])];
    await tx.insert(logbookReads).values(
      readers.map((key, i) => ({
        entryId: row!.id,
        userId: userOf(key),
        readAt: new Date(at.getTime() + i * 2 * HOUR),
      })),
    );
    await recordPathwayEvent(tx, {
      personId: personIds[spec.person]!,
      kind: 'logbook.entry_posted',
      actorUserId: userOf(spec.by),
      category: TIMELINE_CATEGORY[category],
      source: { table: 'logbook_entries', id: row!.id },
      data: {
        logbookCategory: category,
        urgent: spec.urgent ?? false,
        correction: spec.corrects !== undefined,
        reply: spec.replyTo !== undefined,
        files: 0,
      },
      at,
    });
  }
  return ids.length;
}
