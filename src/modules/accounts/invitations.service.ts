import { eq } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { persons } from '../../db/schema/index.js';
import type { TAnonymousContext, TContext, TRole } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import { AccessDeniedError, withTransaction } from '../../server/transaction.js';
import { requirePersonAccess } from '../access/access.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import { findMailLink, OUTBOX_LINK_MARK, queueMail } from '../mail/mail.service.js';
import { getNetworkName } from '../settings/settings.repository.js';
import {
  findInvitationByDigest,
  findInvitationById,
  findMemberEmail,
  findMemberEmailSetter,
  findUserByMember,
  findUserByPerson,
  insertInvitation,
  markInvitationAccepted,
  memberHoldsPersons,
  revokeOpenInvitations,
} from './invitations.repository.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { openSession } from './sessions.service.js';
import { digestToken, newToken } from './tokens.js';
import {
  findUserByEmail,
  insertMember,
  insertUser,
  lockUserById,
  memberExists,
  updateUser,
  type TUserRow,
} from './users.repository.js';

/** An invitation link stays valid this long. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const DEFAULT_PROFESSION: Record<Exclude<TRole, 'patient'>, string> = {
  admin: 'network_staff',
  coordinator: 'case_manager',
  professional: 'other',
  social: 'social_worker',
  steering: 'other',
};

export type TInviteOptions = {
  email: string;
  displayName: string;
  role: TRole;
  locale: 'fr' | 'en';
  memberId?: string | undefined;
  personId?: string | undefined;
};

/**
 * The invitation mail, naming the network the person is invited to (the network name setting;
 * "the health network" while none is set): a mail from an unknown address about "a network" is
 * one people rightly ignore.
 */
export function invitationMail(
  options: Pick<TInviteOptions, 'displayName' | 'locale'>,
  invitedBy: string,
  networkName: string | null,
) {
  const link = OUTBOX_LINK_MARK;
  if (options.locale === 'en') {
    const network = networkName ? `“${networkName}”` : 'the health network';
    return {
      subject: `Your invitation to ${networkName ? `${network} on ` : ''}Maillon`,
      body: `Hello ${options.displayName},\n\n${invitedBy} invites you to join ${network} on Maillon.\nChoose your password with this link (valid 7 days, usable once):\n\n${link}\n\nIf you were not expecting this invitation, ignore this message.`,
    };
  }
  const network = networkName ? `« ${networkName} »` : 'le réseau de santé';
  return {
    subject: `Votre invitation à ${networkName ? `${network} sur ` : ''}Maillon`,
    body: `Bonjour ${options.displayName},\n\n${invitedBy} vous invite à rejoindre ${network} sur Maillon.\nChoisissez votre mot de passe avec ce lien (valable 7 jours, utilisable une seule fois) :\n\n${link}\n\nSi vous n'attendiez pas cette invitation, ignorez ce message.`,
  };
}

/**
 * What became of the invitation mail when the answer was given: queued for the mail server, or
 * kept in the outbox because no mail server is set (nobody will receive it unless the inviting
 * admin hands the link over).
 */
export type TInvitationMail = { id: string; status: 'queued' | 'no_mail_server' };

async function assertLinkTarget(tx: TDb, options: TInviteOptions): Promise<void> {
  const wantsPerson = options.role === 'patient';
  if (wantsPerson ? !options.personId || options.memberId : options.personId) {
    throw fieldError(wantsPerson ? 'personId' : 'memberId', 'invitation.link_mismatch');
  }
  if (options.personId) {
    const [person] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.id, options.personId));
    if (!person) throw fieldError('personId', 'record.not_found');
  }
  if (options.memberId && !(await memberExists(tx, options.memberId))) {
    throw fieldError('memberId', 'person.member_not_found');
  }
}

/** Who sends an invitation: a signed-in user, or the server's operator (npm run admin:create). */
export type TInviter = { userId: string; role: TRole; displayName: string } | null;

/**
 * Creates the invited account (status invited, with its member profile) and a one-time link, or
 * replaces the link of an account still invited. One account per directory member and per person:
 * refused here with a plain message, and by unique indexes when two requests race.
 */
export async function createInvitation(
  tx: TDb,
  options: TInviteOptions,
  inviter: TInviter,
): Promise<{ user: TUserRow; invitationId: string; token: string; expiresAt: Date }> {
  const email = options.email.trim();
  await assertLinkTarget(tx, options);
  const found = await findUserByEmail(tx, email);
  // The user row first, as every sign-in write does: a disable or an acceptance racing this
  // re-sent invitation takes the same locks in the same order (no deadlock).
  let user = found ? await lockUserById(tx, found.id) : undefined;
  if (
    user &&
    (user.status !== 'invited' ||
      user.role !== options.role ||
      user.personId !== (options.personId ?? null))
  ) {
    // An active account, or an invited one with another role or bound to another person.
    throw fieldError('email', 'invitation.email_taken', 'conflict');
  }
  if (!user) {
    if (options.memberId && (await findUserByMember(tx, options.memberId))) {
      throw fieldError('memberId', 'invitation.member_taken', 'conflict');
    }
    // A member who already follows people hands their caseload to whoever holds the link: it
    // goes only to the address on their directory entry, never to one the inviter types.
    if (
      options.memberId &&
      (await memberHoldsPersons(tx, options.memberId)) &&
      (await findMemberEmail(tx, options.memberId))?.toLowerCase() !== email.toLowerCase()
    ) {
      throw fieldError('email', 'invitation.member_email_mismatch');
    }
    // ...and an inviter who changed that address cannot send it there themselves: another
    // administrator checks the new address and sends it (two people, both audited).
    if (
      options.memberId &&
      inviter &&
      (await memberHoldsPersons(tx, options.memberId)) &&
      (await findMemberEmailSetter(tx, options.memberId)) === inviter.userId
    ) {
      throw fieldError('email', 'invitation.member_email_set_by_inviter');
    }
    if (options.personId && (await findUserByPerson(tx, options.personId))) {
      throw fieldError('personId', 'invitation.person_taken', 'conflict');
    }
    let memberId = options.memberId ?? null;
    if (options.role !== 'patient' && !memberId) {
      const [firstName = options.displayName, ...rest] = options.displayName.trim().split(/\s+/);
      const member = await insertMember(tx, {
        firstName,
        lastName: rest.join(' ') || firstName,
        profession: DEFAULT_PROFESSION[options.role],
        email,
      });
      memberId = member.id;
    }
    user = await insertUser(tx, {
      email,
      displayName: options.displayName.trim(),
      role: options.role,
      locale: options.locale,
      status: 'invited',
      memberId,
      personId: options.role === 'patient' ? (options.personId ?? null) : null,
    });
  } else {
    await revokeOpenInvitations(tx, user.id, 'invitation');
  }
  const token = newToken();
  const invitation = await insertInvitation(tx, {
    userId: user.id,
    tokenHash: digestToken(token),
    invitedBy: inviter?.userId ?? null,
    expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
  });
  return { user, invitationId: invitation.id, token, expiresAt: invitation.expiresAt };
}

/** The address of an invitation link. */
export const invitationUrl = (publicUrl: string, token: string) =>
  `${publicUrl}/invitation/${token}`;

/** Creates the invitation and queues its mail, the link kept apart from the body. Audited. */
async function inviteAndMail(
  ctx: TContext,
  tx: TDb,
  options: TInviteOptions,
): Promise<{ id: string; userId: string; expiresAt: Date; mail: TInvitationMail }> {
  const { user, invitationId, token, expiresAt } = await createInvitation(tx, options, ctx.actor);
  const mail = invitationMail(options, ctx.actor.displayName, await getNetworkName(tx));
  const mailId = await queueMail(tx, {
    to: user.email,
    ...mail,
    link: { url: invitationUrl(ctx.config.publicUrl, token), invitationId },
  });
  await appendAudit(tx, {
    actorUserId: ctx.actor.userId,
    actorRole: ctx.actor.role,
    action: 'user.invite',
    resourceType: 'user',
    resourceId: user.id,
    personId: user.personId,
    outcome: 'success',
    requestId: ctx.requestId,
    details: { role: options.role, invitationId },
  });
  const status = ctx.config.smtpUrl ? ('queued' as const) : ('no_mail_server' as const);
  return { id: invitationId, userId: user.id, expiresAt, mail: { id: mailId, status } };
}

/**
 * An admin invites network staff or a professional: the user is created (status invited) with
 * their member profile, and a one-time link goes out by mail (or waits in the outbox). A patient
 * account is not theirs to give: the person's case manager invites it (invitePatient).
 */
export async function inviteUser(
  ctx: TContext,
  options: TInviteOptions,
): Promise<{ id: string; userId: string; expiresAt: Date; mail: TInvitationMail }> {
  if (options.role === 'patient' || options.personId) {
    throw fieldError('role', 'invitation.patient_by_case_manager');
  }
  return withTransaction(ctx.db, (tx) => inviteAndMail(ctx, tx, options));
}

/**
 * A person's case manager gives them their own account (decision 008): the guard decides
 * (bind_account) and audits the decision; the link goes by mail only, never shown to anyone.
 */
export async function invitePatient(
  ctx: TContext,
  options: { personId: string; email: string; displayName: string; locale: 'fr' | 'en' },
): Promise<{ id: string; userId: string; expiresAt: Date; mail: TInvitationMail }> {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'bind_account',
      category: 'identity',
      auditAction: 'person.account_invite',
      resourceType: 'person',
    });
    return inviteAndMail(ctx, tx, { ...options, role: 'patient' });
  });
}

/**
 * An admin reads the link of one invitation to hand it over, when no mail server is set (SMTP_URL
 * unset). Only the admin who sent the invitation, only while it is open, and only for an account
 * that holds nothing yet: never a password-reset link, never a patient account, never a member
 * already on a care team or case manager. Audited, a refusal to another admin too.
 */
export async function revealInvitationLink(
  ctx: TContext,
  mailId: string,
): Promise<{ link: string; expiresAt: Date }> {
  return withTransaction(ctx.db, async (tx) => {
    const mail = await findMailLink(tx, mailId);
    if (!mail?.invitationId) throw notFound('mail');
    const row = await findInvitationById(tx, mail.invitationId);
    if (!row) throw notFound('mail');
    const { invitation, user } = row;
    if (invitation.purpose !== 'invitation') {
      throw new AppError('forbidden', 'invitation.reveal_reset');
    }
    if (ctx.config.smtpUrl) throw new AppError('conflict', 'invitation.reveal_smtp');
    if (
      user.status !== 'invited' ||
      user.personId !== null ||
      (user.memberId !== null && (await memberHoldsPersons(tx, user.memberId)))
    ) {
      throw new AppError('forbidden', 'invitation.reveal_holds');
    }
    // The inviter vouches for the address they typed; another admin would hand over an account
    // they did not create, unseen by the one who did.
    if (invitation.invitedBy !== ctx.actor.userId) {
      throw new AccessDeniedError(
        {
          actorUserId: ctx.actor.userId,
          actorRole: ctx.actor.role,
          action: 'invitation.link_reveal',
          resourceType: 'user',
          resourceId: user.id,
          outcome: 'denied',
          reason: 'not_inviter',
          requestId: ctx.requestId,
          details: { invitationId: invitation.id, mailId },
        },
        new AppError('forbidden', 'invitation.reveal_not_inviter'),
      );
    }
    if (
      invitation.acceptedAt ||
      invitation.revokedAt ||
      invitation.expiresAt.getTime() <= Date.now() ||
      !mail.link
    ) {
      throw new AppError('gone', 'invitation.reveal_gone');
    }
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'invitation.link_reveal',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { invitationId: invitation.id, mailId },
    });
    return { link: mail.link, expiresAt: invitation.expiresAt };
  });
}

/** The open invitation behind a link; 404 unknown, 410 used or expired. */
async function openInvitation(db: TDb, token: string) {
  const row = await findInvitationByDigest(db, digestToken(token));
  if (!row) throw new AppError('not_found', 'invitation.not_found');
  if (row.invitation.acceptedAt) throw new AppError('gone', 'invitation.used');
  if (row.invitation.revokedAt || row.invitation.expiresAt.getTime() <= Date.now()) {
    throw new AppError('gone', 'invitation.expired');
  }
  return row;
}

/** What the invitation page shows before the person chooses a password. */
export async function describeInvitation(db: TDb, token: string) {
  const { invitation, user } = await openInvitation(db, token);
  return {
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    expiresAt: invitation.expiresAt,
  };
}

/** The invited person sets a password: the account becomes active and a session opens. */
export async function acceptInvitation(
  ctx: TAnonymousContext,
  options: { token: string; password: string },
): Promise<{ sessionToken: string }> {
  const { invitation, user } = await openInvitation(ctx.db, options.token);
  assertPasswordPolicy(options.password, user.email);
  const passwordHash = await hashPassword(options.password);
  return withTransaction(ctx.db, async (tx) => {
    // The user row first, as every sign-in write does (same lock order as a disable: no
    // deadlock), then its state again: an account disabled while the password was being hashed
    // stays disabled.
    const locked = await lockUserById(tx, user.id);
    if (locked?.status !== 'invited') throw new AppError('gone', 'invitation.expired');
    if (!(await markInvitationAccepted(tx, invitation.id))) {
      throw new AppError('gone', 'invitation.used');
    }
    await updateUser(tx, user.id, { passwordHash, status: 'active' });
    const sessionToken = await openSession(tx, user.id, { mfaPending: false });
    await appendAudit(tx, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'user.accept_invitation',
      resourceType: 'user',
      resourceId: user.id,
      outcome: 'success',
      requestId: ctx.requestId,
    });
    return { sessionToken };
  });
}
