/**
 * The kinds of notification and the families a member sets preferences on (decision 025). Other
 * modules add kinds by calling insertNotification with a new code: a kind is filed under the
 * family of its prefix ('referral.received' → referrals); a prefix not listed is 'other'
 * (always in the app, e-mailed at once only when urgent, in the digest).
 */

export const NOTIFICATION_FAMILIES = [
  'care_team',
  'logbook_urgent',
  'messages',
  'referrals',
  'hospital',
  'alerts',
  'reminders',
] as const;
export type TNotificationFamily = (typeof NOTIFICATION_FAMILIES)[number];

/** The kinds known today, for the labels of the web app (fr/en under notifications.kind.*). */
export const NOTIFICATION_KINDS = [
  'care_team.joined',
  'logbook.urgent',
  'message.new',
  'message.mention',
  'referral.received',
  'referral.filled',
  'stay.discharged',
  'alert.raised',
  'reminder.appointment',
] as const;

const FAMILY_OF_PREFIX: Record<string, TNotificationFamily> = {
  care_team: 'care_team',
  logbook: 'logbook_urgent',
  message: 'messages',
  referral: 'referrals',
  stay: 'hospital',
  alert: 'alerts',
  reminder: 'reminders',
};

/** The family of a kind, or null when its prefix belongs to none (then the defaults of 'other'). */
export function familyOf(kind: string): TNotificationFamily | null {
  return FAMILY_OF_PREFIX[kind.split('.')[0] ?? ''] ?? null;
}

/** Kinds urgent by nature: e-mailed at once (if the member wants it) even without urgent: true. */
const URGENT_KINDS = new Set<string>(['logbook.urgent']);

export function isUrgentKind(kind: string): boolean {
  return URGENT_KINDS.has(kind);
}

export type TPreference = { inApp: boolean; emailNow: boolean; digest: boolean };

/**
 * Defaults when a member has set nothing: everything in the app and in the digest; at once by
 * e-mail only where waiting a day could hurt (urgent logbook entries, referrals, hospital
 * discharges). Joining a care team already sends its own mail (decision 018).
 */
export const DEFAULT_PREFERENCES: Record<TNotificationFamily, TPreference> = {
  care_team: { inApp: true, emailNow: false, digest: true },
  logbook_urgent: { inApp: true, emailNow: true, digest: true },
  messages: { inApp: true, emailNow: false, digest: true },
  referrals: { inApp: true, emailNow: true, digest: true },
  hospital: { inApp: true, emailNow: true, digest: true },
  alerts: { inApp: true, emailNow: false, digest: true },
  // Appointment reminders (decision 031): in the app; "e-mail" sends each reminder by mail.
  // In the digest like every family (the digest query counts on all defaults being true).
  reminders: { inApp: true, emailNow: false, digest: true },
};

/** A kind outside every family: shown, e-mailed at once only when urgent, in the digest. */
export const OTHER_PREFERENCE: TPreference = { inApp: true, emailNow: true, digest: true };
