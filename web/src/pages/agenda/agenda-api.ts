/**
 * The shared agenda's calls (decision 029), typed from the server's zod schemas (decision 009),
 * and the network time zone arithmetic the screens share.
 */
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type * as schemas from '../../../../src/modules/agenda/agenda.schemas';
import { listOf, request } from '../../api';

export type Appointment = z.output<typeof schemas.ZAppointment>;
export type AppointmentWritten = z.output<typeof schemas.ZAppointmentWritten>;
export type Calendar = z.output<typeof schemas.ZCalendar>;
export type CalendarEntry = Calendar['items'][number];
export type TeamCalendar = z.output<typeof schemas.ZTeamCalendar>;
export type PersonAppointments = z.output<typeof schemas.ZPersonAppointments>;
export type CreateBody = z.input<typeof schemas.ZCreateAppointment>;
export type EditBody = z.input<typeof schemas.ZEditAppointment>;
export type StatusBody = z.input<typeof schemas.ZStatusRequest>;
export type SplitBody = z.input<typeof schemas.ZSplitSeries>;
export type AppointmentKind = z.output<typeof schemas.ZAppointmentKind>;
export type AppointmentPlace = z.output<typeof schemas.ZAppointmentPlace>;
export type NotesCategory = z.output<typeof schemas.ZNotesCategory>;
export type Conflict = AppointmentWritten['conflicts'][number];

export const KINDS = listOf<AppointmentKind>({
  home_visit: true,
  consultation: true,
  assessment: true,
  case_conference: true,
  meeting: true,
});
export const PLACES = listOf<AppointmentPlace>({
  home: true,
  organisation: true,
  remote: true,
  other: true,
});
export const NOTES_CATEGORIES = listOf<NotesCategory>({
  administrative: true,
  daily_life: true,
  social: true,
  medical: true,
});

/** The repetitions the form offers, as RFC 5545 rule bodies ('' = once). */
export const RULES = {
  none: '',
  weekdays: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  daily: 'FREQ=DAILY',
  weekly: 'FREQ=WEEKLY',
} as const;
export type TRule = keyof typeof RULES;

/** The network's time zone: the agenda's days and hours are read there (TZ_NETWORK). */
export const ZONE = 'Europe/Paris';

const one = (id: string) => `/api/agenda/appointments/${encodeURIComponent(id)}`;
const person = (id: string) => `/api/persons/${encodeURIComponent(id)}`;
const window = (from: DateTime, days: number) =>
  `from=${encodeURIComponent(from.toISO()!)}&days=${String(days)}`;

export const agendaApi = {
  mine: (from: DateTime, days: number) =>
    request<Calendar>('GET', `/api/agenda/mine?${window(from, days)}`),
  ofPerson: (personId: string) =>
    request<PersonAppointments>('GET', `${person(personId)}/appointments`),
  team: (personId: string, from: DateTime, days: number) =>
    request<TeamCalendar>('GET', `${person(personId)}/team-calendar?${window(from, days)}`),
  get: (id: string) => request<Appointment>('GET', one(id)),
  create: (body: CreateBody) =>
    request<AppointmentWritten>('POST', '/api/agenda/appointments', body),
  edit: (id: string, body: EditBody) => request<AppointmentWritten>('PATCH', one(id), body),
  move: (id: string, body: StatusBody) => request<Appointment>('POST', `${one(id)}/status`, body),
  removeOccurrence: (id: string) => request<unknown>('DELETE', `${one(id)}/occurrence`),
  /** "This and the following ones": the series is split at this occurrence. */
  splitSeries: (id: string, body: SplitBody) =>
    request<AppointmentWritten>('POST', `${one(id)}/following`, body),
};

/** An instant in the network zone. */
export const inZone = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
/** A datetime-local field's value (network zone) for an instant, and back. */
export const toLocalInput = (iso: string) => inZone(iso).toFormat("yyyy-MM-dd'T'HH:mm");
export const fromLocalInput = (value: string) =>
  value ? DateTime.fromISO(value, { zone: ZONE }).toISO()! : '';
/** The time of an instant, 08:00. */
export const hourOf = (iso: string) => inZone(iso).toFormat('HH:mm');
/** Today at midnight in the network zone. */
export const today = () => DateTime.now().setZone(ZONE).startOf('day');
