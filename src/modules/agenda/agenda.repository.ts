import type { TDb } from '../../db/client.js';
import { appointmentParticipants, appointments } from '../../db/schema/index.js';

export type TAppointmentRow = typeof appointments.$inferSelect;
export type TNewAppointment = typeof appointments.$inferInsert;

/**
 * Writes an appointment and its participants (their copy of start, end and status), in the
 * caller's transaction. The one way rows enter the agenda: the service, fixtures and benchmarks
 * all go through it, so that the participants' copy never differs from the appointment.
 */
export async function insertAppointment(
  db: TDb,
  appointment: TNewAppointment,
  participantMemberIds: readonly string[],
): Promise<TAppointmentRow> {
  const [row] = await db.insert(appointments).values(appointment).returning();
  if (!row) throw new Error('the appointment was not written');
  const memberIds = [...new Set(participantMemberIds)];
  if (memberIds.length > 0) {
    await db.insert(appointmentParticipants).values(
      memberIds.map((memberId) => ({
        appointmentId: row.id,
        memberId,
        startsAt: row.startsAt,
        endsAt: row.endsAt,
        status: row.status,
      })),
    );
  }
  return row;
}
