/**
 * The demo network's agenda (decision 029), written as the application writes it: Jeanne Roux's
 * weekday nursing round at 08:00 (a series, materialised to the horizon), a joint home visit of
 * her doctor and social worker (two organisations), a case conference next week, and a visit
 * missed three days ago (a pathway event and, after the sweep, an alert for her case manager).
 */
import { DateTime } from 'luxon';
import type { TDb } from '../db/client.js';
import { insertAppointment, insertSeries } from '../modules/agenda/agenda.repository.js';
import { horizonFrom, occurrencesBetween } from '../modules/agenda/recurrence.js';
import { recordPathwayEvent } from '../modules/pathway/pathway-events.js';

const ZONE = 'Europe/Paris';

/** Seeds the agenda; returns how many appointments. */
export async function seedDemoAgenda(
  tx: TDb,
  personIds: string[],
  memberIds: Map<string, string>,
): Promise<number> {
  const personId = personIds[0];
  const [manager, doctor, nurse, social] = ['coordinator', 'professional', 'nurse', 'social'].map(
    (key) => memberIds.get(key),
  );
  if (!personId || !manager || !doctor || !nurse || !social) return 0;
  const monday = DateTime.now().setZone(ZONE).startOf('week');
  const at = (days: number, hours: number) => monday.plus({ days, hours }).toJSDate();
  const horizon = horizonFrom(new Date());
  const round = await insertSeries(tx, {
    personId,
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    timeZone: ZONE,
    firstStart: at(0, 8),
    durationMinutes: 30,
    materialisedUntil: horizon,
  });
  let count = 0;
  for (const start of occurrencesBetween(round, round.firstStart, horizon)) {
    await insertAppointment(
      tx,
      {
        personId,
        kind: 'home_visit',
        title: 'Tournée infirmière : aide à la toilette, traitement',
        place: 'home',
        startsAt: start,
        endsAt: new Date(start.getTime() + 30 * 60_000),
        seriesId: round.id,
        occurrenceStart: start,
        organiserMemberId: nurse,
        status: start.getTime() < Date.now() ? 'done' : 'planned',
      },
      [nurse],
    );
    count++;
  }
  const single = [
    {
      kind: 'home_visit' as const,
      title: 'Visite conjointe : adaptation du logement',
      place: 'home' as const,
      startsAt: at(3, 10),
      participants: [doctor, social],
    },
    {
      kind: 'case_conference' as const,
      title: 'Concertation pluriprofessionnelle',
      place: 'remote' as const,
      startsAt: at(11, 14),
      participants: [manager, doctor, nurse, social],
    },
  ];
  for (const one of single) {
    const row = await insertAppointment(
      tx,
      {
        personId,
        kind: one.kind,
        title: one.title,
        place: one.place,
        startsAt: one.startsAt,
        endsAt: new Date(one.startsAt.getTime() + 3_600_000),
        organiserMemberId: manager,
      },
      one.participants,
    );
    await recordPathwayEvent(tx, {
      personId,
      kind: 'appointment.planned',
      actorUserId: null,
      category: 'administrative',
      source: { table: 'appointments', id: row.id },
      data: { kind: one.kind, startsAt: one.startsAt.toISOString(), recurring: false },
    });
    count++;
  }
  const missedAt = DateTime.now()
    .setZone(ZONE)
    .startOf('day')
    .minus({ days: 3 })
    .plus({ hours: 15 });
  const missed = await insertAppointment(
    tx,
    {
      personId,
      kind: 'consultation',
      title: 'Consultation mémoire',
      place: 'other',
      placeText: 'Hôpital de jour gériatrique',
      startsAt: missedAt.toJSDate(),
      endsAt: missedAt.plus({ hours: 1 }).toJSDate(),
      organiserMemberId: doctor,
      status: 'missed',
      statusChangedAt: missedAt.plus({ hours: 2 }).toJSDate(),
    },
    [doctor],
  );
  await recordPathwayEvent(tx, {
    personId,
    kind: 'appointment.missed',
    actorUserId: null,
    category: 'administrative',
    source: { table: 'appointments', id: missed.id },
    data: { kind: 'consultation', startsAt: missed.startsAt.toISOString() },
    at: missedAt.plus({ hours: 2 }).toJSDate(),
  });
  return count + 1;
}
