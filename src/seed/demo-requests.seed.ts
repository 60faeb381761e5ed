import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import { insertRecipients, insertReferralRow } from '../modules/referrals/referrals.repository.js';
import { careTeamMembers, persons, services, users } from '../db/schema/index.js';
import { recordPathwayEvent } from '../modules/pathway/pathway-events.js';
import { insertPathway } from '../modules/pathway/pathway.repository.js';
import {
  answerRequest,
  insertRequest,
  type TNewRequest,
  type TRequestRow,
} from '../modules/requests/requests.repository.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Requests for support in every state for the demo: two waiting (one same-day request past its
 * delay), one accepted (pathway opened, assessor in the care team), one redirected to a service,
 * one declined with its reason; the GP (medecin@reseau-demo.fr) filed most of them and sees their
 * answers in "Mes demandes", and one came through the public form. Each answer has its pathway
 * events, like the application writes them. Returns how many requests were seeded.
 */
export async function seedDemoRequests(
  tx: TDb,
  ids: { personIds: string[]; memberIds: Map<string, string> },
): Promise<number> {
  const now = Date.now();
  const accounts = await tx
    .select({ id: users.id, email: users.email, role: users.role, displayName: users.displayName })
    .from(users)
    .where(inArray(users.email, ['medecin@reseau-demo.fr', 'coordinatrice@reseau-demo.fr']));
  const gp = accounts.find((a) => a.role === 'professional')!;
  const coordinator = accounts.find((a) => a.role === 'coordinator')!;
  const [service] = await tx
    .select({ id: services.id })
    .from(services)
    .where(eq(services.name, 'Portage de repas à domicile — Brives-sur-Lys'));
  const followed = await tx.select().from(persons).where(eq(persons.id, ids.personIds[41]!));
  const person = followed[0]!;

  const fromGp = {
    channel: 'member' as const,
    requesterUserId: gp.id,
    requesterName: gp.displayName,
    requesterEmail: gp.email,
    requesterRelation: 'Médecin traitant',
    source: 'community_professional' as const,
  };
  const file = async (values: Omit<TNewRequest, 'id'>) => {
    const row = await insertRequest(tx, { id: randomUUID(), ...values });
    await recordPathwayEvent(tx, {
      personId: row.personId,
      kind: 'request.filed',
      actorUserId: row.requesterUserId,
      category: 'administrative',
      source: { table: 'support_requests', id: row.id },
      data: { reference: row.reference, urgency: row.urgency, channel: row.channel },
      at: row.receivedAt,
    });
    return row;
  };
  const answer = async (
    row: TRequestRow,
    state: 'accepted' | 'redirected' | 'declined',
    afterHours: number,
    answerNote: string | null,
  ) => {
    const answeredAt = new Date(row.receivedAt.getTime() + afterHours * HOUR);
    await answerRequest(tx, row.id, {
      state,
      answeredAt,
      answeredByUserId: coordinator.id,
      answerNote,
    });
    await recordPathwayEvent(tx, {
      personId: row.personId,
      kind: `request.${state}`,
      actorUserId: coordinator.id,
      category: 'administrative',
      source: { table: 'support_requests', id: row.id },
      data: { reference: row.reference, from: 'received', to: state },
      at: answeredAt,
    });
    return answeredAt;
  };

  // Waiting, past its delay: a same-day request received three days ago.
  await file({
    ...fromGp,
    source: 'hospital',
    requesterName: 'Inès Garnier',
    requesterUserId: null,
    requesterEmail: null,
    requesterPhone: '04 75 10 20 30',
    requesterRelation: 'Infirmière de liaison, Centre hospitalier des Deux Rives',
    personFirstName: 'Raymond',
    personLastName: 'Vidal',
    personBirthDate: '1934-02-17',
    personCommune: 'Lavergne',
    difficulties: ['autonomy', 'repeated_hospital_stays', 'social_isolation'],
    difficultiesNote:
      'Troisième hospitalisation en deux mois pour chute ; vit seul, sortie prévue vendredi sans aide en place.',
    urgency: 'same_day',
    alreadyInPlace: 'Infirmière libérale deux fois par semaine.',
    consentHow: 'oral',
    consentAt: new Date(now - 3 * DAY).toISOString().slice(0, 10),
    receivedAt: new Date(now - 3 * DAY - 2 * HOUR),
  });
  // Waiting, in time: from the public form, a daughter for her mother.
  await file({
    channel: 'public',
    requesterName: 'Sylvie Perrin',
    requesterPhone: '06 71 22 48 90',
    requesterEmail: 'sylvie.perrin@exemple.fr',
    requesterRelation: 'caregiver',
    source: 'caregiver',
    personFirstName: 'Germaine',
    personLastName: 'Perrin',
    personBirthDate: '1939-11-03',
    personCommune: 'Brives-sur-Lys',
    difficulties: ['caregiver_exhausted', 'autonomy', 'housing'],
    difficultiesNote:
      'Ma mère ne peut plus monter l’escalier ; je passe chaque soir et je n’en peux plus.',
    urgency: 'week',
    consentHow: 'by_person',
    consentAt: new Date(now - DAY).toISOString().slice(0, 10),
    receivedAt: new Date(now - 20 * HOUR),
  });
  // Accepted: the followed person's pathway opened, the coordinator assesses.
  const accepted = await file({
    ...fromGp,
    personId: person.id,
    personFirstName: person.firstName,
    personLastName: person.lastName,
    personBirthDate: person.birthDate,
    personCommune: person.commune,
    difficulties: ['health', 'rights_money'],
    difficultiesNote: 'Diabète déséquilibré, dossier APA à monter.',
    urgency: 'week',
    consentHow: 'written',
    consentAt: new Date(now - 12 * DAY).toISOString().slice(0, 10),
    receivedAt: new Date(now - 12 * DAY),
  });
  const acceptedAt = await answer(accepted, 'accepted', 26, null);
  // Sophie Martin (the demo coordinator) assesses a person of Julien Moreau's caseload.
  const assessorMemberId = ids.memberIds.get('coordinator')!;
  const pathway = await insertPathway(tx, {
    personId: person.id,
    assessorMemberId,
    supportRequestId: accepted.id,
    openedByUserId: coordinator.id,
    openedAt: acceptedAt,
  });
  await recordPathwayEvent(tx, {
    personId: person.id,
    kind: 'pathway.opened',
    actorUserId: coordinator.id,
    category: 'administrative',
    source: { table: 'pathways', id: pathway.id },
    data: { state: 'assessing', assessorMemberId },
    at: acceptedAt,
  });
  const team = await tx
    .select({ memberId: careTeamMembers.memberId })
    .from(careTeamMembers)
    .where(eq(careTeamMembers.personId, person.id));
  if (
    !team.some((m) => m.memberId === assessorMemberId) &&
    person.caseManagerId !== assessorMemberId
  ) {
    await tx.insert(careTeamMembers).values({
      personId: person.id,
      memberId: assessorMemberId,
      roleTitle: 'Évaluation',
      medicalAccess: true,
      since: acceptedAt,
    });
  }
  // Redirected: meals on wheels rather than case management.
  const redirected = await file({
    ...fromGp,
    personFirstName: 'Henri',
    personLastName: 'Masson',
    personBirthDate: '1944-05-21',
    personCommune: 'Brives-sur-Lys',
    difficulties: ['autonomy'],
    difficultiesNote: 'Ne cuisine plus depuis le décès de son épouse, perd du poids.',
    urgency: 'routine',
    consentHow: 'oral',
    consentAt: new Date(now - 20 * DAY).toISOString().slice(0, 10),
    receivedAt: new Date(now - 20 * DAY),
  });
  const note =
    'Le portage de repas suffit pour l’instant ; rappelez-nous si la situation se complique.';
  const redirectedAt = await answer(redirected, 'redirected', 50, note);
  if (service) {
    // a closed-loop referral to that service, personless: the network does not follow him (023)
    const referral = await insertReferralRow(tx, {
      supportRequestId: redirected.id,
      serviceId: service.id,
      note,
      reason: `${note}\nDemande d’appui ${redirected.reference} : ne cuisine plus, perd du poids.`,
      urgency: 'within_30d',
      createdByUserId: coordinator.id,
      createdAt: redirectedAt,
    });
    await insertRecipients(tx, referral.id, [{ serviceId: service.id }]);
  }
  // Declined, with the reason the GP reads.
  const declined = await file({
    ...fromGp,
    personFirstName: 'Louise',
    personLastName: 'Carpentier',
    personBirthDate: '1952-09-09',
    personCommune: 'Saint-Marcel-en-Forez',
    difficulties: ['health'],
    urgency: 'routine',
    consentHow: 'oral',
    consentAt: new Date(now - 9 * DAY).toISOString().slice(0, 10),
    receivedAt: new Date(now - 9 * DAY),
  });
  await answer(
    declined,
    'declined',
    30,
    'Madame Carpentier habite hors du territoire du réseau : adressez la demande au DAC de la Loire.',
  );
  return 5;
}
