import { z } from 'zod';
import { ABSENCE_KINDS } from '../../db/schema/index.js';

const ZWhen = z.iso.datetime({ offset: true }).describe('Date and time, ISO 8601');
const ZClock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM attendu, de 00:00 à 24:00')
  .describe('Local wall time in the network time zone, HH:MM (24:00 = end of the day)');

export const ZMemberParam = z.object({ memberId: z.uuid() });
export const ZAbsenceParams = z.object({ memberId: z.uuid(), absenceId: z.uuid() });

/** One range of a weekday, e.g. Monday 08:30–12:00. */
export const ZWorkingRange = z.object({
  weekday: z.number().int().min(1).max(7).describe('ISO weekday: 1 Monday … 7 Sunday'),
  start: ZClock,
  end: ZClock,
});

export const ZWorkingHoursInput = z
  .object({
    ranges: z
      .array(ZWorkingRange)
      .max(70)
      .describe('The whole week, replacing what was recorded; [] returns to the default week'),
  })
  .strict();

export const ZAbsenceInput = z
  .object({
    startsAt: ZWhen,
    endsAt: ZWhen,
    kind: z.enum(ABSENCE_KINDS).describe('leave, training or other'),
    label: z
      .string()
      .trim()
      .max(80)
      .optional()
      .describe(
        'A short word for the member and network staff (others read "absent"); never a medical reason',
      ),
  })
  .strict();

export const ZAbsence = z.object({
  id: z.uuid(),
  startsAt: ZWhen,
  endsAt: ZWhen,
  kind: z.enum(ABSENCE_KINDS),
  label: z.string().nullable().describe('Null unless the reader is the member or network staff'),
});

export const ZAvailabilityQuery = z.object({
  from: ZWhen.optional().describe('Absences ending after this (default: now)'),
  to: ZWhen.optional().describe('Absences starting before this (default: 180 days after from)'),
});

export const ZAvailability = z.object({
  memberId: z.uuid(),
  timeZone: z.string().describe('The network time zone the hours are read in'),
  canEdit: z.boolean(),
  usesDefaultWeek: z
    .boolean()
    .describe('Nothing recorded: the free-slot search assumes Monday–Friday 08:00–19:00'),
  week: z.array(ZWorkingRange),
  absences: z.array(ZAbsence),
});

export const ZFreeSlotRequest = z
  .object({
    memberIds: z.array(z.uuid()).min(1).max(10).describe('The participants, 1 to 10'),
    durationMinutes: z.number().int().min(5).max(720),
    from: ZWhen,
    to: ZWhen.describe('At most 31 days after from'),
    withinWorkingHours: z.boolean().default(true),
    earliestHour: z.number().int().min(0).max(23).optional().describe('Local hour, every day'),
    latestHour: z.number().int().min(1).max(24).optional().describe('Local hour, every day'),
    stepMinutes: z
      .union([z.literal(15), z.literal(30), z.literal(60)])
      .default(30)
      .describe('Proposed starts fall every step past the local hour'),
  })
  .strict();

const ZSpan = z.object({ startsAt: ZWhen, endsAt: ZWhen });

export const ZFreeSlots = z.object({
  timeZone: z.string(),
  windows: z.array(ZSpan).describe('Every stretch when all are free, long enough'),
  slots: z.array(ZSpan).describe('Proposed slots, earliest first'),
  truncated: z.boolean().describe('More slots exist than listed'),
  participants: z.array(
    z.object({
      memberId: z.uuid(),
      usesDefaultWeek: z.boolean().describe('No working hours recorded: the default week applied'),
    }),
  ),
});

export type TWorkingHoursInput = z.infer<typeof ZWorkingHoursInput>;
export type TAbsenceInput = z.infer<typeof ZAbsenceInput>;
export type TFreeSlotRequest = z.infer<typeof ZFreeSlotRequest>;
