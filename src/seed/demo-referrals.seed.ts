/**
 * Closed-loop referrals of the demo network (decision 023), in various states, written as the
 * application writes them (recipients, timed steps, pathway events, notifications): two waiting in
 * the demo GP's and social worker's inboxes, one filled, one completed, one overdue with a decline.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import {
  careTeamMembers,
  notifications,
  organisations,
  referralRecipients,
  referrals,
  services,
  users,
} from '../db/schema/index.js';
import { recordPathwayEvent } from '../modules/pathway/pathway-events.js';
import type { TReferralUrgency } from '../modules/referrals/referrals.states.js';
import { DEMO_ORGANISATIONS, type TDemoOrgKey } from './demo-directory.data.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const isoDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

type TRecipientSpec = {
  org: TDemoOrgKey;
  state?: 'pending' | 'accepted' | 'declined' | 'info_requested' | 'filled_by_other';
  /** Member key of who answered (accepted, declined). */
  by?: string;
  firstDate?: string;
  declineReason?: string;
  infoQuestion?: string;
  answeredAgo?: number;
};

type TReferralSpec = {
  person: number;
  reason: string;
  urgency: TReferralUrgency;
  documents?: string;
  sentAgo: number;
  recipients: TRecipientSpec[];
  completed?: { ago: number; outcome: string };
};

const SPECS: TReferralSpec[] = [
  {
    person: 0,
    reason:
      'Deux chutes en un mois, marche hésitante depuis la sortie d’hôpital : bilan kinésithérapique et rééducation à la marche à domicile.',
    urgency: 'within_7d',
    documents: 'Compte rendu d’hospitalisation (gériatrie) ; ordonnance de kinésithérapie',
    sentAgo: 2 * DAY,
    recipients: [{ org: 'msp' }, { org: 'mspHautBois' }],
  },
  {
    person: 2,
    reason:
      'Revenus modestes, aide à domicile payée par la fille : ouverture des droits APA et aide au logement.',
    urgency: 'within_30d',
    sentAgo: 5 * DAY,
    recipients: [
      {
        org: 'ccas',
        state: 'info_requested',
        infoQuestion: 'Avez-vous le dernier avis d’imposition de Madame ?',
        answeredAgo: 3 * DAY,
      },
      { org: 'ccasLavergne' },
    ],
  },
  {
    person: 4,
    reason: 'Toilette et surveillance cutanée quotidiennes après la pose d’une sonde urinaire.',
    urgency: 'within_24h',
    documents: 'Prescription médicale de soins infirmiers',
    sentAgo: 1 * DAY,
    recipients: [
      {
        org: 'ssiad',
        state: 'accepted',
        by: 'nurse2',
        firstDate: isoDay(1),
        answeredAgo: 20 * HOUR,
      },
      { org: 'saad', state: 'filled_by_other' },
    ],
  },
  {
    person: 6,
    reason: 'Douleurs d’épaule invalidantes : rééducation pour garder l’autonomie à l’habillage.',
    urgency: 'within_30d',
    sentAgo: 40 * DAY,
    recipients: [
      {
        org: 'msp',
        state: 'accepted',
        by: 'physio',
        firstDate: isoDay(-30),
        answeredAgo: 36 * DAY,
      },
    ],
    completed: { ago: 2 * DAY, outcome: 'Dix séances faites, habillage seul à nouveau possible.' },
  },
  {
    person: 8,
    reason:
      'Retour à domicile sans aide : passage matin et soir pour le lever, le coucher et les repas.',
    urgency: 'within_24h',
    sentAgo: 3 * DAY,
    recipients: [
      {
        org: 'saad',
        state: 'declined',
        by: 'aide',
        declineReason: 'Plus de place sur ce secteur avant la fin du mois.',
        answeredAgo: 2 * DAY,
      },
      { org: 'ssiad' },
    ],
  },
];

/** The first service of each demo structure, by name. */
async function serviceOf(tx: TDb, org: TDemoOrgKey): Promise<string> {
  const [row] = await tx
    .select({ id: services.id })
    .from(services)
    .innerJoin(organisations, eq(organisations.id, services.organisationId))
    .where(eq(organisations.name, DEMO_ORGANISATIONS[org].name))
    .orderBy(asc(services.name))
    .limit(1);
  if (!row) throw new Error(`demo referrals: no service for ${org}`);
  return row.id;
}

/** The demo referrals; how many. */
export async function seedDemoReferrals(
  tx: TDb,
  ids: { personIds: string[]; memberIds: Map<string, string> },
): Promise<number> {
  const [coordinator] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, 'coordinatrice@reseau-demo.fr'));
  const accounts = await tx
    .select({ id: users.id, memberId: users.memberId })
    .from(users)
    .where(inArray(users.email, ['medecin@reseau-demo.fr', 'social@reseau-demo.fr']));
  const accountOf = new Map(accounts.map((a) => [a.memberId, a.id]));
  for (const spec of SPECS) {
    const personId = ids.personIds[spec.person]!;
    const sentAt = ago(spec.sentAgo);
    const accepted = spec.recipients.find((r) => r.state === 'accepted');
    const filledAt = accepted?.answeredAgo ? ago(accepted.answeredAgo) : null;
    const [referral] = await tx
      .insert(referrals)
      .values({
        personId,
        reason: spec.reason,
        urgency: spec.urgency,
        documents: spec.documents ?? null,
        state: spec.completed ? 'completed' : accepted ? 'filled' : 'sent',
        createdAt: sentAt,
        createdByUserId: coordinator!.id,
        filledAt,
        closedAt: spec.completed ? ago(spec.completed.ago) : null,
        closedByUserId: spec.completed ? coordinator!.id : null,
        outcome: spec.completed?.outcome ?? null,
      })
      .returning({ id: referrals.id });
    const referralId = referral!.id;
    await recordPathwayEvent(tx, {
      personId,
      kind: 'referral.sent',
      actorUserId: coordinator!.id,
      category: 'administrative',
      source: { table: 'referrals', id: referralId },
      data: { urgency: spec.urgency, recipients: spec.recipients.length },
      at: sentAt,
    });
    for (const r of spec.recipients) {
      const serviceId = await serviceOf(tx, r.org);
      const answeredAt = r.answeredAgo ? ago(r.answeredAgo) : null;
      const byMember = r.by ? ids.memberIds.get(r.by)! : null;
      const decided = r.state === 'accepted' || r.state === 'declined';
      const [row] = await tx
        .insert(referralRecipients)
        .values({
          referralId,
          serviceId,
          state: r.state ?? 'pending',
          firstDate: r.firstDate ?? null,
          declineReason: r.declineReason ?? null,
          infoQuestion: r.infoQuestion ?? null,
          infoRequestedAt: r.infoQuestion ? answeredAt : null,
          answeredAt: decided ? answeredAt : null,
          answeredByMemberId: decided ? byMember : null,
          filledAt: r.state === 'filled_by_other' ? filledAt : null,
        })
        .returning({ id: referralRecipients.id });
      if (decided) {
        await recordPathwayEvent(tx, {
          personId,
          kind: r.state === 'accepted' ? 'referral.accepted' : 'referral.declined',
          actorUserId: null,
          category: 'administrative',
          source: { table: 'referral_recipients', id: row!.id },
          data: { referralId, serviceId, memberId: null, firstDate: r.firstDate ?? null },
          at: answeredAt ?? sentAt,
        });
      }
      if (r.state === 'accepted' && byMember) {
        const inTeam = await tx
          .select({ id: careTeamMembers.id })
          .from(careTeamMembers)
          .where(
            and(
              eq(careTeamMembers.personId, personId),
              eq(careTeamMembers.memberId, byMember),
              isNull(careTeamMembers.until),
            ),
          );
        if (inTeam.length === 0) {
          await tx.insert(careTeamMembers).values({
            personId,
            memberId: byMember,
            roleTitle: 'Adressage accepté',
            since: answeredAt ?? sentAt,
          });
        }
      }
    }
    if (spec.completed) {
      await recordPathwayEvent(tx, {
        personId,
        kind: 'referral.completed',
        actorUserId: coordinator!.id,
        category: 'administrative',
        source: { table: 'referrals', id: referralId },
        data: { referralId },
        at: ago(spec.completed.ago),
      });
    }
    // the demo GP's and social worker's inboxes: told when it reached their structure
    const told = spec.recipients.filter((r) => r.org === 'msp' || r.org === 'ccas');
    for (const r of told) {
      const memberKey = r.org === 'msp' ? 'professional' : 'social';
      const userId = accountOf.get(ids.memberIds.get(memberKey)!);
      if (userId && !spec.completed) {
        await tx.insert(notifications).values({
          userId,
          kind: 'referral.received',
          personId: null,
          link: `/adressages/${referralId}`,
          createdAt: sentAt,
        });
      }
    }
  }
  return SPECS.length;
}
