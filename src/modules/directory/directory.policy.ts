import type { TDb } from '../../db/client.js';
import type { TActor } from '../../server/context.js';
import { canMemberEditServicesOf, editsWorkplaceOf } from './directory.repository.js';

/**
 * Who may change the directory, as a table:
 * - network staff (admin): everything;
 * - a member: their own profile (not where they work: staff declare that);
 * - a member allowed by staff for an organisation (can_edit_services): that organisation's services,
 *   and whether the people working there accept new people (decision 033).
 * Everyone logged in may read the directory: it describes professionals, not patients.
 */
export const directoryPolicy = {
  canCreateMember: (actor: TActor) => actor.role === 'admin',
  canEditMember: (actor: TActor, memberId: string) =>
    actor.role === 'admin' || actor.memberId === memberId,
  canEditMemberOrganisations: (actor: TActor) => actor.role === 'admin',
  /**
   * Whether a member accepts new people: the member, staff, or an editor of one of the member's
   * organisations (given whether the reader is one, read beside the profile).
   */
  canEditMemberAcceptingWith: (actor: TActor, memberId: string, editsWorkplace: boolean) =>
    directoryPolicy.canEditMember(actor, memberId) || (actor.memberId !== null && editsWorkplace),
  /** The same, reading the declaration first (for a change). */
  async canEditMemberAccepting(db: TDb, actor: TActor, memberId: string): Promise<boolean> {
    if (directoryPolicy.canEditMember(actor, memberId)) return true;
    return actor.memberId !== null && (await editsWorkplaceOf(db, actor.memberId, memberId));
  },
  canEditOrganisation: (actor: TActor) => actor.role === 'admin',
  canImportExport: (actor: TActor) => actor.role === 'admin',
  /**
   * Creating and editing services of an organisation, given whether the actor's member profile
   * is declared able to for it (read beside a profile page: no query here).
   */
  canEditServicesWith: (actor: TActor, memberEditsServices: boolean) =>
    actor.role === 'admin' || (actor.memberId !== null && memberEditsServices),
  /** The same, reading the declaration first (for a change). */
  async canEditServicesOf(db: TDb, actor: TActor, organisationId: string): Promise<boolean> {
    if (actor.role === 'admin') return true;
    return directoryPolicy.canEditServicesWith(
      actor,
      actor.memberId !== null &&
        (await canMemberEditServicesOf(db, actor.memberId, organisationId)),
    );
  },
};
