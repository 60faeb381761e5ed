import type { TMail } from '../mail/mail.service.js';
import type { TUserRow } from './users.repository.js';

/** A change of how someone signs in, told to them by mail (never with a secret or a link). */
export type TFactorChange =
  | 'password_changed'
  | 'password_reset'
  | 'totp_enabled'
  | 'totp_replacing'
  | 'totp_disabled'
  | 'totp_removed_by_admin';

const WHAT: Record<TFactorChange, { fr: string; en: string }> = {
  password_changed: {
    fr: 'Le mot de passe de votre compte Maillon a été changé depuis la page « Mon compte ».',
    en: 'The password of your Maillon account was changed from the "My account" page.',
  },
  password_reset: {
    fr: 'Le mot de passe de votre compte Maillon a été changé par un lien de réinitialisation. Toutes vos sessions ont été fermées.',
    en: 'The password of your Maillon account was changed through a reset link. All your sessions were closed.',
  },
  totp_enabled: {
    fr: 'La double authentification de votre compte Maillon est activée avec une nouvelle application (ou un nouveau téléphone).',
    en: 'Two-factor authentication of your Maillon account is on, with a new authenticator app (or a new phone).',
  },
  totp_replacing: {
    fr: 'Le remplacement de votre double authentification a commencé : l’ancien code ne fonctionne plus, le nouveau fonctionnera dès qu’il aura été confirmé sur la page « Mon compte ».',
    en: 'The replacement of your two-factor authentication has started: the old code no longer works, the new one will once it is confirmed on the "My account" page.',
  },
  totp_disabled: {
    fr: 'La double authentification de votre compte Maillon est désactivée.',
    en: 'Two-factor authentication of your Maillon account is off.',
  },
  totp_removed_by_admin: {
    fr: 'Un administrateur du réseau a retiré la double authentification de votre compte Maillon (téléphone perdu). Toutes vos sessions ont été fermées.',
    en: 'A network administrator removed two-factor authentication from your Maillon account (lost phone). All your sessions were closed.',
  },
};

/** The mail telling a user that a sign-in factor of their account changed, in their language. */
export function factorChangeMail(
  user: Pick<TUserRow, 'email' | 'displayName' | 'locale'>,
  change: TFactorChange,
  at: Date,
  timeZone: string,
): TMail {
  const isEnglish = user.locale === 'en';
  const when = new Intl.DateTimeFormat(isEnglish ? 'en-GB' : 'fr-FR', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(at);
  if (isEnglish) {
    return {
      to: user.email,
      subject: 'Maillon: a sign-in setting of your account changed',
      body: `Hello ${user.displayName},\n\n${WHAT[change].en}\nDate: ${when}.\n\nIf it was you, there is nothing to do.\nIf it was not you, tell your network's administrator at once: they can disable the account while you choose a new password.`,
    };
  }
  return {
    to: user.email,
    subject: 'Maillon : un moyen de connexion de votre compte a changé',
    body: `Bonjour ${user.displayName},\n\n${WHAT[change].fr}\nDate : ${when}.\n\nSi c’est vous, il n’y a rien à faire.\nSi ce n’est pas vous, prévenez sans attendre l’administrateur de votre réseau : il peut désactiver le compte le temps que vous choisissiez un nouveau mot de passe.`,
  };
}
