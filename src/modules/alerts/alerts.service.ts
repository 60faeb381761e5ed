/**
 * Reading and handling pathway-break alerts (decision 024). An alert about a person is read only
 * by those who may read the person's administrative data (the guard decides and audits each, as
 * for person data); one about a case manager's caseload, by the coordination team. The owner or
 * the coordination team acknowledges and resolves (decideAlertHandling).
 */
import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { decideAlertHandling, TRIAGE_ROLES } from '../access/access.policy.js';
import { loadAccessFacts, loadAccessFactsOf } from '../access/access.repository.js';
import { filterPersonsAccess, requirePersonAccessWith } from '../access/access.service.js';
import { appendAudit } from '../audit/audit.repository.js';
import type { TAlertKind } from './alert-rules.js';
import {
  findAlert,
  findAlerts,
  setAlertState,
  type TAlertListRow,
  type TAlertRow,
} from './alerts.repository.js';

const STATE_WORDS = {
  fr: { open: 'ouverte', acknowledged: 'prise en compte', resolved: 'résolue', cleared: 'levée' },
  en: { open: 'open', acknowledged: 'acknowledged', resolved: 'resolved', cleared: 'cleared' },
} as const;

const isStaff = (ctx: TContext) => TRIAGE_ROLES.includes(ctx.actor.role);

function viewOf(ctx: TContext, row: TAlertListRow, canHandle: boolean, now: Date) {
  const { alert } = row;
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    id: alert.id,
    kind: alert.kind as TAlertKind,
    state: alert.state,
    person:
      alert.personId && row.personFirstName !== null
        ? { id: alert.personId, firstName: row.personFirstName, lastName: row.personLastName! }
        : null,
    member:
      alert.sourceTable === 'members' && row.memberFirstName !== null
        ? { id: alert.sourceId, firstName: row.memberFirstName, lastName: row.memberLastName! }
        : null,
    owner:
      alert.ownerUserId && row.ownerName !== null
        ? { id: alert.ownerUserId, displayName: row.ownerName }
        : null,
    raisedAt: alert.raisedAt.toISOString(),
    dueAt: iso(alert.dueAt),
    overdue:
      alert.dueAt !== null &&
      alert.dueAt.getTime() < now.getTime() &&
      (alert.state === 'open' || alert.state === 'acknowledged'),
    data: alert.data,
    acknowledged: alert.acknowledgedAt
      ? {
          at: alert.acknowledgedAt.toISOString(),
          by: row.acknowledgedBy,
          note: alert.acknowledgeNote,
        }
      : null,
    resolved: alert.resolvedAt
      ? { at: alert.resolvedAt.toISOString(), by: row.resolvedBy, note: alert.resolveNote }
      : null,
    clearedAt: iso(alert.clearedAt),
    canHandle:
      canHandle &&
      (alert.state === 'open' || alert.state === 'acknowledged') &&
      (alert.ownerUserId === ctx.actor.userId || isStaff(ctx)),
  };
}

/**
 * Keeps the rows the reader may read: each alert about a person through the guard (every
 * decision audited, the refused left out), the others for the coordination team only.
 */
async function readable(ctx: TContext, tx: TDb, rows: TAlertListRow[]) {
  const facts = await loadAccessFactsOf(
    tx,
    ctx.actor,
    rows.flatMap((row) => (row.alert.personId ? [row.alert.personId] : [])),
  );
  const about = rows.flatMap((row) => {
    const known = row.alert.personId ? facts.get(row.alert.personId) : undefined;
    return known ? [{ personId: row.alert.personId!, facts: known, data: row }] : [];
  });
  const granted = await filterPersonsAccess(ctx, tx, about, {
    action: 'read',
    category: 'administrative',
    auditAction: 'alerts.read',
    resourceType: 'alert',
  });
  const allowed = new Set(granted.map((entry) => entry.data.alert.id));
  const handles = new Map(
    about.map((row) => [
      row.data.alert.id,
      decideAlertHandling(row.facts, { isOwner: row.data.alert.ownerUserId === ctx.actor.userId })
        .allowed,
    ]),
  );
  return rows.flatMap((row) => {
    if (row.alert.personId === null) return isStaff(ctx) ? [{ row, canHandle: true }] : [];
    return allowed.has(row.alert.id)
      ? [{ row, canHandle: handles.get(row.alert.id) ?? false }]
      : [];
  });
}

/** The reader's alerts (for the coordination team also nobody's), or all of them for staff. */
export function listAlerts(
  ctx: TContext,
  query: {
    scope: 'mine' | 'all';
    kind?: TAlertKind | undefined;
    state: 'standing' | 'closed';
    limit: number;
  },
) {
  if (query.scope === 'all' && !isStaff(ctx)) {
    throw new AppError('forbidden', 'alerts.all_staff_only');
  }
  return withTransaction(ctx.db, async (tx) => {
    const rows = await findAlerts(tx, {
      ...(query.scope === 'mine'
        ? { ownerUserId: ctx.actor.userId, includeUnowned: isStaff(ctx) }
        : {}),
      kind: query.kind,
      state: query.state,
      limit: 500,
    });
    const now = new Date();
    const kept = await readable(ctx, tx, rows);
    return {
      items: kept
        .slice(0, query.limit)
        .map(({ row, canHandle }) => viewOf(ctx, row, canHandle, now)),
      total: kept.length,
      isStaff: isStaff(ctx),
    };
  });
}

/** The person's standing alerts and the latest closed ones (guard: administrative read). */
export function listPersonAlerts(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const { facts } = await requirePersonAccessWith(
      ctx,
      tx,
      {
        personId: options.personId,
        action: 'read',
        category: 'administrative',
        auditAction: 'alerts.read',
        resourceType: 'alert',
      },
      async () => {
        const loaded = await loadAccessFacts(tx, ctx.actor, options.personId);
        return loaded && { facts: loaded, data: null };
      },
    );
    const now = new Date();
    const standing = await findAlerts(tx, {
      personId: options.personId,
      state: 'standing',
      limit: 50,
    });
    const closed = await findAlerts(tx, { personId: options.personId, state: 'closed', limit: 10 });
    const rows = [...standing, ...closed];
    return {
      items: rows.map((row) =>
        viewOf(
          ctx,
          row,
          decideAlertHandling(facts, { isOwner: row.alert.ownerUserId === ctx.actor.userId })
            .allowed,
          now,
        ),
      ),
      total: standing.length,
      isStaff: isStaff(ctx),
    };
  });
}

/**
 * Acknowledges (open → acknowledged) or resolves (open or acknowledged → resolved, with a note)
 * an alert: the guard's decideAlertHandling on its person (audited; 404 to those who may not
 * read the person, 403 to the others), the coordination team for an alert about no person.
 */
function handleAlert(
  ctx: TContext,
  options: { alertId: string; note: string | null },
  step: 'acknowledge' | 'resolve',
) {
  return withTransaction(ctx.db, async (tx) => {
    const found = await findAlert(tx, options.alertId);
    if (!found) throw notFound('alert');
    const auditAction = `alert.${step}`;
    if (found.personId) {
      await requirePersonAccessWith(
        ctx,
        tx,
        {
          personId: found.personId,
          action: 'write',
          category: 'administrative',
          auditAction,
          resourceType: 'alert',
          resourceId: found.id,
          details: { kind: found.kind },
        },
        async () => {
          const facts = await loadAccessFacts(tx, ctx.actor, found.personId!);
          return facts && { facts, data: null };
        },
        (facts) => decideAlertHandling(facts, { isOwner: found.ownerUserId === ctx.actor.userId }),
      );
    } else {
      if (!isStaff(ctx)) throw notFound('alert');
      await appendAudit(tx, {
        actorUserId: ctx.actor.userId,
        actorRole: ctx.actor.role,
        action: auditAction,
        resourceType: 'alert',
        resourceId: found.id,
        outcome: 'allowed',
        requestId: ctx.requestId,
        details: { kind: found.kind },
      });
    }
    const alert = (await findAlert(tx, options.alertId, true)) as TAlertRow;
    const from: TAlertRow['state'][] = step === 'acknowledge' ? ['open'] : ['open', 'acknowledged'];
    if (!from.includes(alert.state)) {
      throw new AppError(
        'conflict',
        'alerts.not_standing',
        { state: STATE_WORDS[ctx.actor.locale][alert.state] },
        { state: alert.state },
      );
    }
    const now = new Date();
    const note = options.note?.trim() || null;
    await setAlertState(
      tx,
      alert.id,
      from,
      step === 'acknowledge'
        ? {
            state: 'acknowledged',
            acknowledgedAt: now,
            acknowledgedByUserId: ctx.actor.userId,
            acknowledgeNote: note,
          }
        : {
            state: 'resolved',
            resolvedAt: now,
            resolvedByUserId: ctx.actor.userId,
            resolveNote: note,
          },
    );
    const [row] = await findAlerts(tx, {
      id: alert.id,
      state: step === 'acknowledge' ? 'standing' : 'closed',
      limit: 1,
    });
    return viewOf(ctx, row!, true, now);
  });
}

export function acknowledgeAlert(
  ctx: TContext,
  options: { alertId: string; note?: string | undefined },
) {
  return handleAlert(ctx, { alertId: options.alertId, note: options.note ?? null }, 'acknowledge');
}

export async function resolveAlert(ctx: TContext, options: { alertId: string; note: string }) {
  if (!options.note.trim()) throw fieldError('note', 'alerts.note_required');
  return handleAlert(ctx, { alertId: options.alertId, note: options.note }, 'resolve');
}
