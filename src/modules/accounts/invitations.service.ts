import { eq } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import { persons } from '../../db/schema/index.js';
import type { TAnonymousContext, TContext, TRole } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { appendAudit } from '../audit/audit.repository.js';
import { queueMail } from '../mail/mail.service.js';
import {
  findInvitationByDigest,
  insertInvitation,
  markInvitationAccepted,
  revokeOpenInvitations,
} from './invitations.repository.js';
import { assertPasswordPolicy, hashPassword } from './passwords.js';
import { openSession } from './sessions.service.js';
import { digestToken, newToken } from './tokens.js';
import {
  findUserByEmail,
  insertMember,
  insertUser,
  memberExists,
  updateUser,
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

function invitationMail(options: TInviteOptions, link: string, invitedBy: string) {
  if (options.locale === 'en') {
    return {
      subject: 'Your invitation to Maillon',
      body: `Hello ${options.displayName},\n\n${invitedBy} invites you to join the health network on Maillon.\nChoose your password with this link (valid 7 days, usable once):\n\n${link}\n\nIf you were not expecting this invitation, ignore this message.`,
    };
  }
  return {
    subject: 'Votre invitation à Maillon',
    body: `Bonjour ${options.displayName},\n\n${invitedBy} vous invite à rejoindre le réseau de santé sur Maillon.\nChoisissez votre mot de passe avec ce lien (valable 7 jours, utilisable une seule fois) :\n\n${link}\n\nSi vous n'attendiez pas cette invitation, ignorez ce message.`,
  };
}

async function assertLinkTarget(tx: TDb, options: TInviteOptions): Promise<void> {
  const wantsPerson = options.role === 'patient';
  if (wantsPerson ? !options.personId || options.memberId : options.personId) {
    throw new AppError(
      'unprocessable',
      'invitation.link_mismatch',
      {},
      {
        fields: [
          { field: wantsPerson ? 'personId' : 'memberId', message: 'invitation.link_mismatch' },
        ],
      },
    );
  }
  if (options.personId) {
    const [person] = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(eq(persons.id, options.personId));
    if (!person)
      throw new AppError(
        'unprocessable',
        'record.not_found',
        {},
        { fields: [{ field: 'personId', message: 'record.not_found' }] },
      );
  }
  if (options.memberId && !(await memberExists(tx, options.memberId))) {
    throw new AppError(
      'unprocessable',
      'person.member_not_found',
      {},
      {
        fields: [{ field: 'memberId', message: 'person.member_not_found' }],
      },
    );
  }
}

/**
 * An admin invites someone: the user is created (status invited) with their member profile, and
 * a one-time link goes out by mail (or to the outbox). Inviting an invited user again replaces
 * the old link.
 */
export async function inviteUser(
  ctx: TContext,
  options: TInviteOptions,
): Promise<{ id: string; userId: string; expiresAt: Date }> {
  const email = options.email.trim();
  return withTransaction(ctx.db, async (tx) => {
    await assertLinkTarget(tx, options);
    let user = await findUserByEmail(tx, email);
    if (user && user.status !== 'invited') {
      throw new AppError(
        'conflict',
        'invitation.email_taken',
        {},
        {
          fields: [{ field: 'email', message: 'invitation.email_taken' }],
        },
      );
    }
    if (!user) {
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
      invitedBy: ctx.actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    });
    const mail = invitationMail(
      options,
      `${ctx.config.publicUrl}/invitation/${token}`,
      ctx.actor.displayName,
    );
    await queueMail(tx, { to: email, ...mail });
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'user.invite',
      resourceType: 'user',
      resourceId: user.id,
      personId: user.personId,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { role: options.role },
    });
    return { id: invitation.id, userId: user.id, expiresAt: invitation.expiresAt };
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
