import { z } from 'zod';
import {
  APPOINTMENT_KINDS,
  APPOINTMENT_PLACES,
  APPOINTMENT_STATUSES,
} from '../../db/schema/index.js';

const ZWhen = z.iso.datetime({ offset: true }).describe('Date and time, ISO 8601');
const ZText = (max: number) => z.string().trim().max(max);

export const ZAppointmentKind = z.enum(APPOINTMENT_KINDS);
export const ZAppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export const ZAppointmentPlace = z.enum(APPOINTMENT_PLACES);
export const ZNotesCategory = z.enum(['medical', 'social', 'administrative', 'daily_life']);

export const ZAppointmentId = z.object({ appointmentId: z.uuid() });

const fields = {
  kind: ZAppointmentKind,
  participantIds: z
    .array(z.uuid())
    .min(1)
    .max(30)
    .describe('Directory member ids; they may belong to different organisations'),
  place: ZAppointmentPlace.describe("home: the person's home; organisation: one of the directory"),
  placeOrganisationId: z.uuid().nullable().optional(),
  placeText: ZText(300).nullable().optional().describe('An address or a link, in words'),
  startsAt: ZWhen,
  endsAt: ZWhen,
  title: ZText(200).nullable().optional(),
  notes: ZText(4000)
    .nullable()
    .optional()
    .describe('Seen only by those who may read notesCategory for the person'),
  notesCategory: ZNotesCategory.optional(),
};

/** A new appointment, about a person or not, once or recurring (an RFC 5545 rule). */
export const ZCreateAppointment = z
  .object({
    ...fields,
    personId: z.uuid().nullable().optional(),
    recurrence: z
      .object({
        rrule: z
          .string()
          .trim()
          .min(6)
          .max(300)
          .describe('RRULE body, e.g. FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR (read in the network zone)'),
      })
      .strict()
      .optional(),
  })
  .strict();

/** An edit on the version read (409 when someone saved since). */
export const ZEditAppointment = z
  .object({
    version: z.number().int().min(1),
    kind: fields.kind.optional(),
    participantIds: fields.participantIds.optional(),
    place: fields.place.optional(),
    placeOrganisationId: fields.placeOrganisationId,
    placeText: fields.placeText,
    startsAt: ZWhen.optional(),
    endsAt: ZWhen.optional(),
    title: fields.title,
    notes: fields.notes,
    notesCategory: fields.notesCategory,
  })
  .strict();

/** "This and following": the series ends before this occurrence and a new one starts from it. */
export const ZSplitSeries = ZEditAppointment.extend({
  rrule: ZText(300).min(6).optional().describe('The new rule from this occurrence on'),
}).strict();

export const ZStatusRequest = z
  .object({
    version: z.number().int().min(1),
    status: z.enum(['confirmed', 'done', 'missed', 'cancelled']),
    reason: ZText(500).optional().describe('Required to cancel'),
  })
  .strict();

export const ZWindowQuery = z
  .object({
    from: ZWhen.describe('Start of the window (e.g. Monday 00:00 local time)'),
    days: z.coerce.number().int().min(1).max(14).default(7),
  })
  .strict();

export const ZPersonWindowQuery = z
  .object({
    from: ZWhen.optional().describe('Default: 30 days ago'),
    days: z.coerce.number().int().min(1).max(366).default(120),
  })
  .strict();

const ZParticipant = z.object({
  memberId: z.uuid(),
  name: z.string(),
  organisations: z.array(z.string()),
  response: z.string(),
  attendance: z.string().nullable(),
});

const ZPersonRef = z.object({ id: z.uuid(), firstName: z.string(), lastName: z.string() });

export const ZAppointment = z.object({
  id: z.uuid(),
  kind: ZAppointmentKind,
  status: ZAppointmentStatus,
  person: ZPersonRef.nullable(),
  title: z.string().nullable(),
  notes: z.string().nullable(),
  notesHidden: z.boolean().describe('Notes exist that this reader may not read'),
  notesCategory: ZNotesCategory,
  place: ZAppointmentPlace,
  placeOrganisationId: z.uuid().nullable(),
  placeOrganisationName: z.string().nullable(),
  placeText: z.string().nullable(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  seriesId: z.uuid().nullable(),
  seriesRule: z.string().nullable(),
  occurrenceStart: z.iso.datetime().nullable(),
  organiserMemberId: z.uuid().nullable(),
  participants: z.array(ZParticipant),
  statusReason: z.string().nullable(),
  statusChangedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
  moves: z.array(z.enum(['confirmed', 'done', 'missed', 'cancelled'])),
  canEdit: z.boolean(),
});

export const ZConflict = z.object({
  memberId: z.uuid(),
  memberName: z.string(),
  appointmentId: z.uuid().nullable().describe('The other appointment; null for an absence'),
  absent: z.boolean().describe('Absent then (leave, training…), not booked'),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
});

/** A write's answer: the appointment and who is double-booked (a warning, saved anyway). */
export const ZAppointmentWritten = z.object({
  appointment: ZAppointment,
  conflicts: z.array(ZConflict),
  occurrences: z.number().int().describe('How many appointments were written (a series: all)'),
});

/** One block of a calendar: an appointment the reader may read, or "busy" without any detail. */
export const ZCalendarEntry = z.object({
  id: z.uuid().nullable().describe('Null for a busy block'),
  busy: z.boolean(),
  kind: ZAppointmentKind.nullable(),
  status: ZAppointmentStatus,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  title: z.string().nullable(),
  person: ZPersonRef.nullable(),
  place: ZAppointmentPlace.nullable(),
  seriesId: z.uuid().nullable(),
  occurrenceStart: z.iso
    .datetime()
    .nullable()
    .describe(
      'An occurrence of a series: its planned start (differs from startsAt when it was moved); null otherwise and for a busy block',
    ),
  participants: z.array(z.object({ memberId: z.uuid(), name: z.string() })),
});

export const ZCalendar = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  timeZone: z.string(),
  items: z.array(ZCalendarEntry),
});

export const ZPersonAppointments = z.object({
  items: z.array(ZCalendarEntry),
  canPlan: z.boolean(),
});

export type TAppointmentView = z.infer<typeof ZAppointment>;
export type TCalendarEntry = z.infer<typeof ZCalendarEntry>;

export const ZTeamCalendar = ZCalendar.extend({
  members: z.array(z.object({ memberId: z.uuid(), name: z.string() })),
});
