/**
 * What follows a change to the care team, in the change's transaction (decision 018): the
 * pathway event the timeline shows ('care_team.joined' / 'care_team.left') and, for a new member,
 * an in-app notification and an e-mail through the outbox. Neither holds the person's name nor
 * anything medical: the member opens the record, through the guard, to learn more.
 */
import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { queueMail } from '../mail/mail.service.js';
import {
  findAccountOfMember,
  insertNotification,
} from '../notifications/notifications.repository.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import { CARE_TEAM_ROLES, careTeamRoleOf } from './care-team.roles.js';

type TMembership = { personId: string; memberId: string; membershipId: string; role: string };

/** The mail a new member receives: their role and a link to the record, nothing of the person. */
export function joinedMail(
  locale: string,
  role: string,
  url: string,
): { subject: string; body: string } {
  const label = CARE_TEAM_ROLES[careTeamRoleOf(role)];
  if (locale === 'en') {
    return {
      subject: 'You have joined a care team',
      body: `Hello,\n\nYou have been added to the care team of a person the network follows, as ${label.en}.\nSign in to Maillon to open their record: ${url}\n\nThis message holds no health information on purpose.`,
    };
  }
  return {
    subject: 'Vous rejoignez un cercle de soins',
    body: `Bonjour,\n\nVous avez été ajouté·e au cercle de soins d’une personne suivie par le réseau, en tant que ${label.fr}.\nConnectez-vous à Maillon pour ouvrir son dossier : ${url}\n\nCe message ne contient volontairement aucune information de santé.`,
  };
}

/** A member joined: the event, then the member is told in the app and by e-mail (if they have an account). */
export async function afterMemberJoined(
  ctx: TContext,
  tx: TDb,
  membership: TMembership,
): Promise<void> {
  await recordPathwayEvent(tx, {
    personId: membership.personId,
    kind: 'care_team.joined',
    actorUserId: ctx.actor.userId,
    category: 'identity',
    source: { table: 'care_team_members', id: membership.membershipId },
    data: { memberId: membership.memberId, role: careTeamRoleOf(membership.role) },
  });
  const account = await findAccountOfMember(tx, membership.memberId);
  if (!account) return;
  const link = `/persons/${membership.personId}`;
  await insertNotification(tx, {
    userId: account.id,
    kind: 'care_team.joined',
    personId: membership.personId,
    link,
  });
  await queueMail(tx, {
    to: account.email,
    ...joinedMail(account.locale, membership.role, `${ctx.config.publicUrl}${link}`),
  });
}

/**
 * A member's end was planned (or a planned end withdrawn, `until` null): the event the timeline
 * shows with the last day. No event is written on the day itself (decision 027: no job runs).
 */
export async function afterMemberEndPlanned(
  ctx: TContext,
  tx: TDb,
  membership: TMembership & { until: string | null },
): Promise<void> {
  await recordPathwayEvent(tx, {
    personId: membership.personId,
    kind: 'care_team.leave_planned',
    actorUserId: ctx.actor.userId,
    category: 'identity',
    source: { table: 'care_team_members', id: membership.membershipId },
    data: {
      memberId: membership.memberId,
      role: careTeamRoleOf(membership.role),
      until: membership.until,
    },
  });
}

/** A member left (their access ended at once): the event the timeline shows. */
export async function afterMemberLeft(
  ctx: TContext,
  tx: TDb,
  membership: TMembership,
): Promise<void> {
  await recordPathwayEvent(tx, {
    personId: membership.personId,
    kind: 'care_team.left',
    actorUserId: ctx.actor.userId,
    category: 'identity',
    source: { table: 'care_team_members', id: membership.membershipId },
    data: { memberId: membership.memberId, role: careTeamRoleOf(membership.role) },
  });
}
