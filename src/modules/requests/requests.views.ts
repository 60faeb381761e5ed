import type { TRequestRow } from './requests.repository.js';
import { ANSWER_DELAY_DAYS, isPastDelay } from './requests.states.js';

const DAY_MS = 86_400_000;

/** Minutes from receipt to the first answer; null while unanswered. */
export function firstAnswerMinutes(row: TRequestRow): number | null {
  return row.answeredAt
    ? Math.round((row.answeredAt.getTime() - row.receivedAt.getTime()) / 60_000)
    : null;
}

/** When the first answer is owed. */
export function dueAt(row: TRequestRow): Date {
  return new Date(row.receivedAt.getTime() + ANSWER_DELAY_DAYS[row.urgency] * DAY_MS);
}

/** A request as the triage queue shows it. */
export function summaryOf(row: TRequestRow, now: Date) {
  return {
    id: row.id,
    reference: row.reference,
    channel: row.channel,
    state: row.state,
    urgency: row.urgency,
    source: row.source,
    difficulties: row.difficulties as never[],
    person: {
      id: row.personId,
      firstName: row.personFirstName,
      lastName: row.personLastName,
      birthDate: row.personBirthDate,
      commune: row.personCommune,
    },
    requesterName: row.requesterName,
    receivedAt: row.receivedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    firstAnswerMinutes: firstAnswerMinutes(row),
    pastDelay: isPastDelay(row, now),
    dueAt: dueAt(row).toISOString(),
  };
}

/** A request as its requester sees it: state and answer, nothing of the person's record. */
export function mineOf(row: TRequestRow, serviceName: string | null) {
  return {
    id: row.id,
    reference: row.reference,
    state: row.state,
    urgency: row.urgency,
    personName: `${row.personFirstName} ${row.personLastName}`,
    receivedAt: row.receivedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    firstAnswerMinutes: firstAnswerMinutes(row),
    answerNote: row.answerNote,
    serviceName: row.state === 'redirected' ? serviceName : null,
  };
}
