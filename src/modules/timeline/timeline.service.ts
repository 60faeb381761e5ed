import type { TContext } from '../../server/context.js';
import { withTransaction } from '../../server/transaction.js';
import { loadAccessFacts } from '../access/access.repository.js';
import { decideAccess } from '../access/access.policy.js';
import { requirePersonAccessWith } from '../access/access.service.js';
import type { TPathwayEventCategory } from '../pathway/pathway-events.js';
import { listTimelineEvents, type TTimelineRow } from './timeline.repository.js';

const CATEGORIES: readonly TPathwayEventCategory[] = [
  'identity',
  'medical',
  'social',
  'administrative',
];

/** Where the web app shows an event's source, for the sources that have a page. */
function linkOf(personId: string, row: TTimelineRow): string | null {
  switch (row.source_table) {
    case 'assessments':
      return `/persons/${personId}/assessments/${row.source_id}`;
    case 'logbook_entries':
      return `/persons/${personId}#logbook`;
    case 'referrals':
      return `/adressages/${row.source_id}`;
    case 'referral_recipients': {
      const referralId = row.data?.referralId;
      return typeof referralId === 'string' ? `/adressages/${referralId}` : null;
    }
    default:
      return null;
  }
}

/** Only the scalar values of an event's data (it holds ids and codes). */
function scalarsOf(data: Record<string, unknown> | null) {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      out[key] = value as string | number | boolean | null;
    }
  }
  return out;
}

/**
 * A person's timeline (decision 018): one feed over pathway_events, newest first. The reader must
 * be able to read the person (audited like any read, refused → 404); each category is then
 * decided by the guard's table on the same facts, and only the events of the categories allowed
 * are read — a social-role member without the medical grant sees no medical event.
 */
export function getTimeline(
  ctx: TContext,
  options: { personId: string; before?: number | undefined; limit: number },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { data: facts } = await requirePersonAccessWith(
      ctx,
      tx,
      {
        personId: options.personId,
        action: 'read',
        category: 'identity',
        auditAction: 'person.timeline_read',
        resourceType: 'timeline',
      },
      async () => {
        const loaded = await loadAccessFacts(tx, ctx.actor, options.personId);
        return loaded && { facts: loaded, data: loaded };
      },
    );
    const categories = CATEGORIES.filter(
      (category) => decideAccess(facts, { action: 'read', category }).allowed,
    );
    const rows = await listTimelineEvents(tx, {
      personId: options.personId,
      categories: [...categories],
      before: options.before,
      limit: options.limit + 1,
    });
    const page = rows.slice(0, options.limit);
    return {
      items: page.map((row) => ({
        id: Number(row.id),
        kind: row.kind,
        at: new Date(row.at).toISOString(),
        category: row.category as TPathwayEventCategory,
        actorName: row.actor_name,
        memberName: row.member_name,
        data: scalarsOf(row.data),
        source: { table: row.source_table, id: row.source_id },
        link: linkOf(options.personId, row),
      })),
      nextCursor: rows.length > options.limit ? Number(page[page.length - 1]!.id) : null,
    };
  });
}
