/**
 * iCalendar (RFC 5545) text of appointments, with ical-generator 8. What an event says is chosen
 * here once for the feed and the single .ics (decision 031): the kind's label, the place as a
 * label (home: "Domicile"; an organisation: its name; remote; elsewhere), times in UTC, a UID
 * stable across edits, SEQUENCE from the appointment's version, STATUS (CANCELLED for a cancelled
 * one) and a link to the appointment in Maillon. Never the person, never the notes; the title
 * only when the caller passes it (the single .ics for a reader allowed to read it).
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { TAppointmentKind, TAppointmentStatus } from '../../db/schema/index.js';

type TLocale = 'fr' | 'en';

const KIND_LABELS: Record<TLocale, Record<TAppointmentKind, string>> = {
  fr: {
    home_visit: 'Visite à domicile',
    consultation: 'Consultation',
    assessment: 'Évaluation',
    case_conference: 'Concertation pluriprofessionnelle',
    meeting: 'Réunion',
  },
  en: {
    home_visit: 'Home visit',
    consultation: 'Consultation',
    assessment: 'Assessment',
    case_conference: 'Case conference',
    meeting: 'Meeting',
  },
};

const PLACE_LABELS: Record<TLocale, Record<'home' | 'remote' | 'other', string>> = {
  fr: { home: 'Domicile', remote: 'À distance', other: 'Autre lieu' },
  en: { home: 'Home', remote: 'Remote', other: 'Elsewhere' },
};

export type TIcsAppointment = {
  id: string;
  kind: TAppointmentKind;
  status: TAppointmentStatus;
  place: 'home' | 'organisation' | 'remote' | 'other';
  organisationName: string | null;
  startsAt: Date;
  endsAt: Date;
  version: number;
  updatedAt: Date;
  createdAt: Date;
  /** Only for a reader allowed to read it; a feed never passes it. */
  title?: string | null;
};

export function kindLabel(kind: TAppointmentKind, locale: TLocale): string {
  return KIND_LABELS[locale][kind];
}

function placeLabel(appointment: TIcsAppointment, locale: TLocale): string {
  if (appointment.place === 'organisation') {
    return appointment.organisationName ?? PLACE_LABELS[locale].other;
  }
  return PLACE_LABELS[locale][appointment.place];
}

function statusOf(status: TAppointmentStatus): ICalEventStatus {
  if (status === 'cancelled') return ICalEventStatus.CANCELLED;
  if (status === 'planned') return ICalEventStatus.TENTATIVE;
  return ICalEventStatus.CONFIRMED;
}

/** The calendar text of these appointments. */
export function renderCalendar(
  appointments: readonly TIcsAppointment[],
  options: { locale: TLocale; baseUrl: string; name: string },
): string {
  const calendar = ical({
    name: options.name,
    prodId: { company: 'Maillon', product: 'Agenda', language: options.locale.toUpperCase() },
    ttl: 15 * 60,
  });
  const base = options.baseUrl.replace(/\/$/, '');
  for (const appointment of appointments) {
    const label = kindLabel(appointment.kind, options.locale);
    const url = `${base}/agenda/rendez-vous/${appointment.id}`;
    calendar.createEvent({
      id: `${appointment.id}@maillon`,
      sequence: appointment.version,
      stamp: appointment.updatedAt,
      created: appointment.createdAt,
      lastModified: appointment.updatedAt,
      start: appointment.startsAt,
      end: appointment.endsAt,
      summary: appointment.title ? `${label} : ${appointment.title}` : label,
      location: placeLabel(appointment, options.locale),
      description:
        options.locale === 'en' ? `Details in Maillon: ${url}` : `Détails dans Maillon : ${url}`,
      url,
      status: statusOf(appointment.status),
    });
  }
  return calendar.toString();
}
