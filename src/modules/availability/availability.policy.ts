import type { TActor, TRole } from '../../server/context.js';

/** Network staff: they plan for everyone (decision 030). */
const STAFF: readonly TRole[] = ['admin', 'coordinator'];

/** Who may read availability: anyone signed in but patients (it describes professionals). */
export const AVAILABILITY_READERS = [
  'admin',
  'coordinator',
  'professional',
  'social',
  'steering',
] as const satisfies readonly TRole[];

/**
 * Who may do what with a member's working hours and absences, as a table:
 * - network staff (admin, coordinator): read with labels, edit anyone's;
 * - the member themself (their account's memberId): read with labels, edit;
 * - an editor of an organisation the member works at (member_organisations.canEditServices):
 *   edit (e.g. a service manager entering the team's leave), read without labels;
 * - any other signed-in non-patient: read, labels shown as "absent".
 */
export const availabilityPolicy = {
  isStaff: (actor: TActor) => STAFF.includes(actor.role),
  canRead: (actor: TActor) => (AVAILABILITY_READERS as readonly TRole[]).includes(actor.role),
  canReadLabels: (actor: TActor, memberId: string) =>
    availabilityPolicy.isStaff(actor) || actor.memberId === memberId,
  /** Given whether the actor edits an organisation of the member (read by the caller). */
  canEdit: (actor: TActor, memberId: string, editsTheirOrganisation: boolean) =>
    availabilityPolicy.isStaff(actor) ||
    actor.memberId === memberId ||
    (actor.memberId !== null && actor.role !== 'patient' && editsTheirOrganisation),
};
