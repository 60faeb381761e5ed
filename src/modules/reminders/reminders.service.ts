/**
 * Reminders before an appointment (issue 16, decision 031): to each participant with an active
 * account, as their preferences say — how long before (reminder_preferences, default 1 hour)
 * and how (the notification family 'reminders': in the app by default, by e-mail if they ask).
 *
 * A sweep, run as a durable job every SWEEP_MINUTES (key = the time slot: one run per slot
 * across processes), finds the open appointments starting within the longest lead and, for each
 * participant, the shortest of their leads now reached. It first inserts the reminder into
 * appointment_reminders (appointment, user, lead, start) with ON CONFLICT DO NOTHING and tells
 * only for the rows it inserted: two sweeps, on two processes or twice on one, never send the
 * same reminder twice. A cancelled appointment is no longer open; a moved one is found at its new
 * start (and reminded for it), never at the old one. The mail says only the day, the time and
 * the kind of appointment, with a link: no person, no title, no notes.
 */
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { TDb } from '../../db/client.js';
import {
  appointmentParticipants,
  appointmentReminders,
  appointments,
  notificationPreferences,
  reminderPreferences,
  users,
} from '../../db/schema/index.js';
import type { TContext } from '../../server/context.js';
import { ensureJob, type TJobHandler, type TJobSchedule } from '../jobs/jobs.service.js';
import { queueMail } from '../mail/mail.service.js';
import { kindLabel } from '../calendar-feed/calendar-feed.ics.js';
import { DEFAULT_PREFERENCES } from '../notifications/notifications.kinds.js';
import { insertNotification } from '../notifications/notifications.repository.js';

export const REMINDER_JOB = 'agenda.reminders';
/** How often the sweep runs; a reminder may come up to this much before its lead. */
export const SWEEP_MINUTES = 5;
/** The leads a member may choose, in minutes (15 min, 1 h, 2 h, 24 h). */
export const REMINDER_LEADS = [15, 60, 120, 1440] as const;
export const DEFAULT_LEADS = [60];
const MINUTE = 60_000;
const LONGEST = Math.max(...REMINDER_LEADS);

/** Creates this time slot's sweep (idempotent: one job per slot whatever the processes). */
export const scheduleReminders: TJobSchedule = async (db, now) => {
  const slot = Math.floor(now.getTime() / (SWEEP_MINUTES * MINUTE)) * SWEEP_MINUTES * MINUTE;
  await ensureJob(db, {
    kind: REMINDER_JOB,
    key: new Date(slot).toISOString(),
    runAt: new Date(slot),
  });
};

/** The job's handler: sends what is due now, in the job's transaction. */
export function reminderJob(options: { timeZone: string; publicUrl: string }): TJobHandler {
  return async (tx) => {
    await sendDueReminders(tx, new Date(), options);
  };
}

function reminderMail(
  locale: string,
  options: { timeZone: string; publicUrl: string },
  appointment: { id: string; kind: Parameters<typeof kindLabel>[0]; startsAt: Date },
) {
  const en = locale === 'en';
  const when = new Intl.DateTimeFormat(en ? 'en-GB' : 'fr-FR', {
    timeZone: options.timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
  }).format(appointment.startsAt);
  const label = kindLabel(appointment.kind, en ? 'en' : 'fr');
  const url = `${options.publicUrl.replace(/\/$/, '')}/agenda/rendez-vous/${appointment.id}`;
  return en
    ? {
        subject: `Maillon: reminder of an appointment on ${when}`,
        body: `Hello,\n\nReminder: ${label}, ${when}.\nDetails in Maillon: ${url}\n\nThis message holds no health information on purpose. You can choose your reminders under "My account".`,
      }
    : {
        subject: `Maillon : rappel d’un rendez-vous le ${when}`,
        body: `Bonjour,\n\nRappel : ${label}, ${when}.\nLes détails sont dans Maillon : ${url}\n\nCe message ne contient volontairement aucune information de santé. Vous pouvez choisir vos rappels dans « Mon compte ».`,
      };
}

/** Sends the reminders due at `now`; how many were sent. */
export async function sendDueReminders(
  db: TDb,
  now: Date,
  options: { timeZone: string; publicUrl: string },
): Promise<number> {
  const horizon = new Date(now.getTime() + (LONGEST + SWEEP_MINUTES) * MINUTE);
  const rows = await db
    .select({
      appointmentId: appointments.id,
      kind: appointments.kind,
      startsAt: appointments.startsAt,
      userId: users.id,
      email: users.email,
      locale: users.locale,
      leads: reminderPreferences.leadMinutes,
      emailNow: notificationPreferences.emailNow,
    })
    .from(appointments)
    .innerJoin(appointmentParticipants, eq(appointmentParticipants.appointmentId, appointments.id))
    .innerJoin(
      users,
      and(eq(users.memberId, appointmentParticipants.memberId), eq(users.status, 'active')),
    )
    .leftJoin(reminderPreferences, eq(reminderPreferences.userId, users.id))
    .leftJoin(
      notificationPreferences,
      and(
        eq(notificationPreferences.userId, users.id),
        eq(notificationPreferences.family, 'reminders'),
      ),
    )
    .where(
      and(
        inArray(appointments.status, ['planned', 'confirmed']),
        gt(appointments.startsAt, now),
        lte(appointments.startsAt, horizon),
      ),
    );
  let sent = 0;
  for (const row of rows) {
    const minutesLeft = (row.startsAt.getTime() - now.getTime()) / MINUTE;
    const due = (row.leads ?? DEFAULT_LEADS).filter((lead) => minutesLeft <= lead + SWEEP_MINUTES);
    if (due.length === 0) continue;
    const lead = Math.min(...due);
    const inserted = await db
      .insert(appointmentReminders)
      .values({
        appointmentId: row.appointmentId,
        userId: row.userId,
        leadMinutes: lead,
        startsAt: row.startsAt,
        sentAt: now,
      })
      .onConflictDoNothing()
      .returning({ userId: appointmentReminders.userId });
    if (inserted.length === 0) continue;
    await insertNotification(db, {
      userId: row.userId,
      kind: 'reminder.appointment',
      personId: null,
      link: `/agenda/rendez-vous/${row.appointmentId}`,
    });
    if (row.emailNow ?? DEFAULT_PREFERENCES.reminders.emailNow) {
      await queueMail(db, {
        to: row.email,
        ...reminderMail(row.locale, options, {
          id: row.appointmentId,
          kind: row.kind,
          startsAt: row.startsAt,
        }),
      });
    }
    sent++;
  }
  return sent;
}

/** The member's reminder leads (default: 1 hour before). */
export async function getReminderPreferences(ctx: TContext) {
  const [row] = await ctx.db
    .select({ leads: reminderPreferences.leadMinutes })
    .from(reminderPreferences)
    .where(eq(reminderPreferences.userId, ctx.actor.userId));
  return { leadMinutes: row?.leads ?? DEFAULT_LEADS, choices: [...REMINDER_LEADS] };
}

/** Sets the member's leads (none: no reminder at all). */
export async function saveReminderPreferences(ctx: TContext, leadMinutes: number[]) {
  const leads = [...new Set(leadMinutes)].sort((a, b) => a - b);
  await ctx.db
    .insert(reminderPreferences)
    .values({ userId: ctx.actor.userId, leadMinutes: leads })
    .onConflictDoUpdate({
      target: reminderPreferences.userId,
      set: { leadMinutes: leads, updatedAt: sql`now()` },
    });
  return getReminderPreferences(ctx);
}
