/**
 * The person picker of a case conference (decision 039): a search among the persons the
 * conference may discuss — those whose care team includes the organiser, or whom the organiser
 * manages — by words of the name and/or a birth date. Only someone who takes part may search
 * (404 otherwise, audited). Each person found is a guard decision for the one who searches,
 * audited with the person's id; the persons refused are left out. The search itself is audited
 * with its counts, never with what was typed.
 */
import type { TContext } from '../../server/context.js';
import { withTransaction } from '../../server/transaction.js';
import { filterFoundPersonsAccess } from '../access/access.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import { normalizeName } from '../persons/person-names.js';
import { listOrganiserPersons } from './conferences.repository.js';
import type { TConferenceCandidates } from './conferences.schemas.js';
import { openConference } from './conferences.service.js';

/** At most this many persons are answered; `more` tells the user to type more. */
export const CANDIDATES_MAX = 20;

const DATE_FR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const DATE_ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "05/03/1941", "5.3.1941" or "1941-03-05" → "1941-03-05"; null for anything else. */
export function birthDateOf(word: string): string | null {
  const iso = DATE_ISO.exec(word);
  const fr = DATE_FR.exec(word);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : fr
      ? [fr[3], fr[2]?.padStart(2, '0'), fr[1]?.padStart(2, '0')]
      : [];
  if (!year || !month || !day) return null;
  const date = `${year}-${month}-${day}`;
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date ? null : date;
}

/**
 * What was typed, as a birth date (the first word that is one) and name words, normalised;
 * every name word must start a word of the person's names.
 */
export function parseCandidateQuery(q: string): { birthDate: string | null; words: string[] } {
  let birthDate: string | null = null;
  const rest: string[] = [];
  for (const word of q.trim().split(/\s+/)) {
    const date: string | null = birthDate === null ? birthDateOf(word) : null;
    if (date) birthDate = date;
    else rest.push(word);
  }
  const words = normalizeName(rest.join(' ')).split(' ').filter(Boolean);
  return { birthDate, words };
}

/** Whether every word typed starts one of the words of the person's names. */
export function namesMatch(
  person: { firstName: string; lastName: string; birthName: string | null },
  words: readonly string[],
): boolean {
  const own = normalizeName(
    [person.firstName, person.lastName, person.birthName ?? ''].join(' '),
  ).split(' ');
  return words.every((word) => own.some((name) => name.startsWith(word)));
}

/** The persons of the organiser's teams matching `q` that the one who searches may see. */
export function searchConferenceCandidates(
  ctx: TContext,
  options: { appointmentId: string; q: string },
): Promise<TConferenceCandidates> {
  return withTransaction(ctx.db, async (tx) => {
    const { row } = await openConference(ctx, tx, options.appointmentId);
    const query = parseCandidateQuery(options.q);
    const organiser = row.organiserMemberId;
    const found =
      organiser && (query.birthDate || query.words.length)
        ? await listOrganiserPersons(tx, {
            appointmentId: row.id,
            organiserMemberId: organiser,
            birthDate: query.birthDate,
            now: new Date(),
          })
        : [];
    const matched = found.filter((person) => namesMatch(person, query.words));
    const granted = await filterFoundPersonsAccess(ctx, tx, matched.slice(0, CANDIDATES_MAX), {
      action: 'read',
      category: 'social',
      auditAction: 'conference.candidate',
      resourceType: 'person',
      details: { appointmentId: row.id },
    });
    await appendAudit(tx, {
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      action: 'conference.candidates',
      resourceType: 'appointment',
      resourceId: row.id,
      outcome: 'success',
      requestId: ctx.requestId,
      details: { matched: matched.length, answered: granted.length },
    });
    return {
      items: granted.map(({ data }) => ({
        id: data.id,
        firstName: data.firstName,
        lastName: data.lastName,
        birthName: data.birthName && data.birthName !== data.lastName ? data.birthName : null,
        birthDate: data.birthDate,
        commune: data.commune,
        listed: data.listed,
      })),
      more: matched.length > CANDIDATES_MAX,
    };
  });
}
