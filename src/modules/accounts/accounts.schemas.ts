import { z } from 'zod';
import { ZNoContactDays } from '../alerts/alert-settings.js';
import { ZLevelSettings } from '../assessments/level-settings.js';
import { ROLES } from '../../server/context.js';
import { PASSWORD_MAX_LENGTH } from './passwords.js';

export const ZRole = z
  .enum(ROLES)
  .describe(
    'admin: network staff; coordinator: case manager; professional: health; social: social and home care; patient: patient or caregiver; steering: funders',
  );
export const ZLocale = z.enum(['fr', 'en']);
const ZEmail = z.email().max(254).describe('E-mail address');
const ZPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);

export const ZUser = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  locale: ZLocale,
  role: ZRole,
  mfaEnabled: z.boolean(),
  memberId: z
    .uuid()
    .nullable()
    .describe('Own directory profile (GET /api/directory/members/:id); null for patients'),
});

export const ZSession = z.object({
  user: ZUser,
  csrfToken: z
    .string()
    .describe('Send back as the x-csrf-token header on every POST/PUT/PATCH/DELETE'),
  mfaPending: z.boolean().describe('The second factor is still to be given (POST /api/auth/totp)'),
  mfaSetupRequired: z
    .boolean()
    .describe('The network requires a second factor the user has not set up'),
});

export const ZLoginRequest = z.object({ email: ZEmail, password: ZPassword });
export const ZLoginResponse = z.object({
  status: z.enum(['ok', 'mfa_required']),
  session: ZSession,
});
export const ZTotpCode = z.object({ code: z.string().min(6).max(10).describe('6-digit code') });

export const ZUpdateAccountRequest = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    locale: ZLocale.optional(),
  })
  .strict();
const ZCurrentCode = z
  .string()
  .min(6)
  .max(10)
  .optional()
  .describe('Current 6-digit code: required when two-factor authentication is on');
export const ZChangePasswordRequest = z.object({
  currentPassword: ZPassword,
  newPassword: ZPassword,
  code: ZCurrentCode,
});
export const ZTotpSetup = z.object({
  secret: z.string().describe('Base32 key, for typing into an authenticator app'),
  otpauthUrl: z.string().describe('otpauth:// address an app opens on the same phone'),
  qrSvg: z.string().describe('The otpauth address as a QR code (SVG document) to scan'),
});
/** A signed-in user proves again who they are before changing a sign-in factor. */
export const ZFactorProof = z.object({
  password: ZPassword.describe('Current password'),
  code: ZCurrentCode,
});

export const ZInvitationToken = z.object({ token: z.string().min(20).max(100) });
export const ZInvitationView = z.object({
  email: z.string(),
  displayName: z.string(),
  role: ZRole,
  expiresAt: z.iso.datetime(),
});
export const ZAcceptInvitationRequest = z.object({ password: ZPassword });
export const ZPasswordResetRequest = z.object({ email: ZEmail });
export const ZPasswordResetView = z.object({
  email: z.string(),
  displayName: z.string(),
  expiresAt: z.iso.datetime(),
});
export const ZUserIdParams = z.object({ userId: z.uuid() });

export const ZInviteRequest = z
  .object({
    email: ZEmail,
    displayName: z.string().trim().min(1).max(120),
    role: ZRole,
    locale: ZLocale.default('fr'),
    memberId: z.uuid().optional().describe('Existing directory profile (non-patient roles)'),
    personId: z.uuid().optional().describe('Followed person (patient role, required)'),
  })
  .strict();
export const ZInviteResponse = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  expiresAt: z.iso.datetime(),
  mail: z
    .object({
      id: z.uuid().describe('The mail in the outbox (its state: GET /api/admin/outbox)'),
      status: z
        .enum(['queued', 'no_mail_server'])
        .describe(
          'queued: handed to the mailer, sent in a moment (the outbox says when, or why not); no_mail_server: kept in the outbox, nobody receives it — the inviting admin may copy the link (POST /api/admin/outbox/{mailId}/link)',
        ),
    })
    .describe('What became of the invitation mail'),
});
export const ZAdminUser = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: ZRole,
  status: z.enum(['invited', 'active', 'disabled']),
  mfaEnabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export const ZOutboxMail = z.object({
  id: z.uuid(),
  toAddress: z.string(),
  subject: z.string(),
  body: z
    .string()
    .describe('The text; a one-time link in it reads […]: only its recipient ever gets the link'),
  oneTimeLink: z
    .object({
      purpose: z.enum(['invitation', 'password_reset']),
      state: z.enum(['open', 'used', 'revoked', 'expired']),
      revealable: z
        .boolean()
        .describe(
          'An admin may read this invitation link (POST /api/admin/outbox/:mailId/link, audited): no mail server, open invitation, account holding nothing yet, sent by the admin reading',
        ),
      sentByReader: z
        .boolean()
        .describe('The admin reading the outbox sent this invitation: only they may read its link'),
      mailOnly: z
        .boolean()
        .describe(
          'The account belongs to a followed person: its link goes by e-mail only, whoever sent it',
        ),
    })
    .nullable()
    .describe('The one-time link the mail carries, as a state, never the link itself'),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  attempts: z.number().int().describe('Failed deliveries so far'),
  maxAttempts: z.number().int().describe('Failed deliveries after which the mailer gives up'),
  lastError: z.string().nullable().describe('The last failure (SMTP answer), while not sent'),
  nextAttemptAt: z.iso
    .datetime()
    .nullable()
    .describe('Next try after a failure; null: as soon as possible, or not to be tried'),
  gaveUpAt: z.iso.datetime().nullable().describe('Set when the mailer stopped trying'),
});
/** GET /api/admin/outbox. */
export const ZOutbox = z.object({
  delivery: z
    .enum(['smtp', 'none'])
    .describe('smtp: the mailer sends queued mails; none: they wait here to be read'),
  items: z.array(ZOutboxMail),
});
export const ZSettings = z.object({
  mfaRequiredRoles: z.array(ZRole).describe('Roles whose users must use a second factor'),
  directoryStaleDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe('Directory entries not verified for this many days are flagged as to check'),
  integrationLevels: ZLevelSettings.describe(
    'Thresholds of the integration level and reassessment delays (decision 010)',
  ),
  caseloadCap: z
    .number()
    .int()
    .min(1)
    .max(500)
    .describe('How many people a case manager follows at most, unless their own cap says (016)'),
  noContactDays: ZNoContactDays.describe(
    'Days without a logbook entry or contact before an alert, per integration level (024)',
  ),
  networkName: z
    .string()
    .trim()
    .max(120)
    .nullable()
    .describe('The name of the network, as invitation mails name it (null: none set)'),
});
/** A change of settings: only the settings given are changed. */
export const ZSettingsUpdate = ZSettings.partial().strict();
export const ZRevealedLink = z.object({
  link: z.string().describe('The invitation link, to hand over to the invited person'),
  expiresAt: z.iso.datetime(),
});
export const ZPatientInviteRequest = z
  .object({
    email: ZEmail,
    displayName: z.string().trim().min(1).max(120),
    locale: ZLocale.default('fr'),
  })
  .strict();
