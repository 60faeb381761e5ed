/**
 * The life of an appointment as data (decision 029): ONE table of allowed moves, by the status
 * they land in, and ONE function that checks a move. A cancellation needs a reason.
 */
import { APPOINTMENT_STATUSES, type TAppointmentStatus } from '../../db/schema/agenda.js';

export { APPOINTMENT_STATUSES, type TAppointmentStatus };

/** For each status an appointment may be moved to: the statuses it may leave, and the reason. */
export const APPOINTMENT_TRANSITIONS: Record<
  Exclude<TAppointmentStatus, 'planned'>,
  { from: readonly TAppointmentStatus[]; reasonRequired: boolean }
> = {
  confirmed: { from: ['planned'], reasonRequired: false },
  // A visit planned and never confirmed may still take place (or not): the nurse's round.
  done: { from: ['planned', 'confirmed'], reasonRequired: false },
  missed: { from: ['planned', 'confirmed'], reasonRequired: false },
  cancelled: { from: ['planned', 'confirmed'], reasonRequired: true },
};

export type TAppointmentMove = keyof typeof APPOINTMENT_TRANSITIONS;
export const APPOINTMENT_MOVES = Object.keys(APPOINTMENT_TRANSITIONS) as TAppointmentMove[];

/** Whether an appointment in `from` may move to `to`. */
export function canMoveAppointment(from: TAppointmentStatus, to: TAppointmentMove): boolean {
  return APPOINTMENT_TRANSITIONS[to].from.includes(from);
}

/** The moves open from a status, for the screens' buttons. */
export function appointmentMoves(from: TAppointmentStatus): TAppointmentMove[] {
  return APPOINTMENT_MOVES.filter((to) => canMoveAppointment(from, to));
}

/** Whether an appointment in this status still holds its participants' time (conflicts). */
export const HOLDS_TIME: readonly TAppointmentStatus[] = ['planned', 'confirmed'];

/** The statuses in the users' words, for messages. */
export const APPOINTMENT_STATUS_LABELS: Record<'fr' | 'en', Record<TAppointmentStatus, string>> = {
  fr: {
    planned: 'prévu',
    confirmed: 'confirmé',
    done: 'réalisé',
    missed: 'manqué',
    cancelled: 'annulé',
  },
  en: {
    planned: 'planned',
    confirmed: 'confirmed',
    done: 'done',
    missed: 'missed',
    cancelled: 'cancelled',
  },
};
