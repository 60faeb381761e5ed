import type { TDb } from '../../db/client.js';
import { pathwayEvents } from '../../db/schema/index.js';

/** What happened on a person's pathway; each module adds its kinds here. */
export type TPathwayEventKind =
  | 'request.filed'
  | 'request.accepted'
  | 'request.redirected'
  | 'request.declined'
  | 'pathway.opened'
  | 'care_team.assessor_added'
  | 'assessment.completed'
  | 'level.computed'
  | 'level.overridden'
  | 'level.override_removed'
  | 'care_team.joined'
  | 'care_team.left'
  | 'care_team.leave_planned'
  | 'access.break_glass'
  | 'pathway.transition'
  | 'pathway.referent'
  | 'case_manager.assigned'
  | 'plan.version_saved'
  | 'logbook.entry_posted'
  | 'referral.sent'
  | 'referral.accepted'
  | 'referral.declined'
  | 'referral.completed'
  | 'hospital.admitted'
  | 'hospital.discharged'
  | 'appointment.planned'
  | 'appointment.done'
  | 'appointment.missed'
  | 'appointment.cancelled'
  | 'conference.decision';

/** The data category of an event: the guard decides from it who sees the event in a timeline. */
export type TPathwayEventCategory = 'identity' | 'medical' | 'social' | 'administrative';

export type TPathwayEvent = {
  /** Null only for a request about a person the network does not follow yet. */
  personId: string | null;
  kind: TPathwayEventKind;
  actorUserId: string | null;
  category: TPathwayEventCategory;
  /** The row the event points at. */
  source: { table: string; id: string };
  /** A few ids or codes (never free text: the timeline is filtered by category, not by field). */
  data?: Record<string, string | number | boolean | null>;
  at?: Date;
};

/**
 * Writes one pathway event in the caller's transaction: call it in the same transaction as the
 * change it describes, so the event commits or rolls back with it (pathway-design.md).
 */
export async function recordPathwayEvent(tx: TDb, event: TPathwayEvent): Promise<void> {
  await tx.insert(pathwayEvents).values({
    personId: event.personId,
    kind: event.kind,
    actorUserId: event.actorUserId,
    category: event.category,
    sourceTable: event.source.table,
    sourceId: event.source.id,
    data: event.data ?? {},
    ...(event.at ? { at: event.at } : {}),
  });
}
