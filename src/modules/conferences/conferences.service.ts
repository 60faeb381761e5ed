/**
 * Case conferences (concertation pluriprofessionnelle, issue 16, decision 031): on an appointment
 * of kind case_conference, the persons to discuss, the attendance, and for each person the
 * decision, carried into the person's coordination plan (a new version through the plans service)
 * and onto their timeline. Who takes part (participants and the organiser) sees the conference;
 * each item about a person goes through the guard for the reader and is audited.
 */
import { randomUUID } from 'node:crypto';
import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import type { TMessageKey } from '../../server/messages.js';
import { AccessDeniedError, withTransaction } from '../../server/transaction.js';
import { decideAccess } from '../access/access.policy.js';
import { loadAccessFactsOf } from '../access/access.repository.js';
import { auditPersonDecisions, requirePersonAccess } from '../access/access.service.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import { amendPlan } from '../plans/plans.service.js';
import {
  deleteItem,
  findConference,
  findItem,
  findMemberName,
  findPersonName,
  insertItem,
  listItems,
  listParticipants,
  memberFollows,
  setAttendance,
  setPositions,
  updateItem,
  type TConferenceRow,
} from './conferences.repository.js';
import type { TConference, TConferenceItem, TDecisionAction } from './conferences.schemas.js';

/** The plan's "priorities" field holds at most this many characters (ZPlanContent). */
const PRIORITIES_MAX = 4000;

type TOpened = {
  row: TConferenceRow;
  participants: Awaited<ReturnType<typeof listParticipants>>;
};

/**
 * The conference, for someone who takes part in it (a participant or the organiser). Anyone
 * else — or an appointment that is not a case conference — gets 404, the refusal audited.
 */
export async function openConference(
  ctx: TContext,
  tx: TDb,
  appointmentId: string,
  options: { lock?: boolean; change?: boolean } = {},
): Promise<TOpened> {
  const row = await findConference(tx, appointmentId, options);
  const participants = row ? await listParticipants(tx, appointmentId) : [];
  const memberId = ctx.actor.memberId;
  const takesPart =
    row !== undefined &&
    memberId !== null &&
    (row.organiserMemberId === memberId || participants.some((p) => p.memberId === memberId));
  if (!row || !takesPart) {
    throw new AccessDeniedError(
      {
        actorUserId: ctx.actor.userId,
        actorRole: ctx.actor.role,
        action: 'conference.open',
        resourceType: 'appointment',
        resourceId: appointmentId,
        outcome: 'denied',
        reason: row ? 'not taking part in the conference' : 'no such conference',
        requestId: ctx.requestId,
      },
      notFound('conference'),
    );
  }
  if (options.change && row.status === 'cancelled') {
    throw new AppError('conflict', 'conferences.cancelled');
  }
  return { row, participants };
}

const nameOf = (row: { firstName: string; lastName: string }) => `${row.firstName} ${row.lastName}`;

/**
 * The conference as this reader may see it: each person of the agenda goes through the guard
 * (social data: that they are discussed, and the decision), each decision audited (one row for
 * the agenda, decision 056); a person the reader may not see is "a person outside your teams", without identity nor decision.
 */
async function conferenceView(ctx: TContext, tx: TDb, opened: TOpened): Promise<TConference> {
  const { row, participants } = opened;
  const items = await listItems(tx, row.id);
  const facts = await loadAccessFactsOf(
    tx,
    ctx.actor,
    items.map(({ item }) => item.personId),
  );
  const decided = items.flatMap(({ item }) => {
    const known = facts.get(item.personId);
    return known
      ? [
          {
            personId: item.personId,
            facts: known,
            decision: decideAccess(known, { action: 'read', category: 'social' }),
          },
        ]
      : [];
  });
  await auditPersonDecisions(ctx, tx, decided, {
    action: 'read',
    category: 'social',
    auditAction: 'conference.item.read',
    resourceType: 'conference_item',
    details: { appointmentId: row.id },
  });
  const views: TConferenceItem[] = items.map(({ item, firstName, lastName }) => {
    const known = facts.get(item.personId);
    const visible = known
      ? decideAccess(known, { action: 'read', category: 'social' }).allowed
      : false;
    if (!visible) {
      return {
        id: item.id,
        position: item.position,
        visible: false,
        personId: null,
        personName: null,
        decision: null,
        decidedAt: null,
        planVersion: null,
        planActionId: null,
        writtenBackAt: null,
        canDecide: false,
      };
    }
    return {
      id: item.id,
      position: item.position,
      visible: true,
      personId: item.personId,
      personName: nameOf({ firstName, lastName }),
      decision: item.decision,
      decidedAt: item.decidedAt?.toISOString() ?? null,
      planVersion: item.planVersion,
      planActionId: item.planActionId,
      writtenBackAt: item.writtenBackAt?.toISOString() ?? null,
      canDecide: known
        ? decideAccess(known, { action: 'write', category: 'social' }).allowed
        : false,
    };
  });
  const organiserListed = participants.some((p) => p.memberId === row.organiserMemberId);
  const organiser =
    row.organiserMemberId && !organiserListed
      ? await findMemberName(tx, row.organiserMemberId)
      : undefined;
  return {
    appointmentId: row.id,
    title: row.title,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    status: row.status,
    organiserMemberId: row.organiserMemberId,
    participants: [
      ...(organiser && row.organiserMemberId
        ? [
            {
              memberId: row.organiserMemberId,
              name: nameOf(organiser),
              organiser: true,
              response: 'accepted' as const,
              attendance: null,
            },
          ]
        : []),
      ...participants.map((p) => ({
        memberId: p.memberId,
        name: nameOf(p),
        organiser: p.memberId === row.organiserMemberId,
        response: p.response,
        attendance: p.attendance,
      })),
    ],
    items: views,
    canEdit: row.status !== 'cancelled',
  };
}

/** The conference: its participants, attendance and agenda, each person as the reader may see. */
export function getConference(ctx: TContext, options: { appointmentId: string }) {
  return withTransaction(ctx.db, async (tx) =>
    conferenceView(ctx, tx, await openConference(ctx, tx, options.appointmentId)),
  );
}

/**
 * Puts a person on the agenda: the one who adds must see them (the guard, 404 otherwise), and the
 * person's care team must include the organiser, or the organiser manage them (422 naming the
 * person otherwise). A person already on it: 409.
 */
export function addConferenceItem(
  ctx: TContext,
  options: { appointmentId: string; personId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const opened = await openConference(ctx, tx, options.appointmentId, {
      lock: true,
      change: true,
    });
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'read',
      category: 'social',
      auditAction: 'conference.item.add',
      resourceType: 'conference_item',
      details: { appointmentId: options.appointmentId },
    });
    const organiser = opened.row.organiserMemberId;
    if (!organiser || !(await memberFollows(tx, organiser, options.personId, new Date()))) {
      const person = await findPersonName(tx, options.personId);
      throw new AppError(
        'unprocessable',
        'conferences.not_in_organiser_teams',
        { name: person ? nameOf(person) : '' },
        { fields: [{ field: 'personId', message: 'conferences.not_in_organiser_teams' }] },
      );
    }
    const row = await insertItem(tx, {
      appointmentId: options.appointmentId,
      personId: options.personId,
      addedByUserId: ctx.actor.userId,
    });
    if (!row) throw new AppError('conflict', 'conferences.already_listed');
    return conferenceView(ctx, tx, opened);
  });
}

/** The item and the guard's decision on its person for this change, audited. */
async function openItem(
  ctx: TContext,
  tx: TDb,
  options: { appointmentId: string; itemId: string },
  access: { action: 'read' | 'write'; auditAction: string },
) {
  const opened = await openConference(ctx, tx, options.appointmentId, {
    lock: true,
    change: true,
  });
  const item = await findItem(tx, options.appointmentId, options.itemId);
  if (!item) throw notFound('conference_item');
  await requirePersonAccess(ctx, tx, {
    personId: item.personId,
    action: access.action,
    category: 'social',
    auditAction: access.auditAction,
    resourceType: 'conference_item',
    resourceId: item.id,
    details: { appointmentId: options.appointmentId },
  });
  return { opened, item };
}

/** Takes a person off the agenda, unless their decision is already in their plan (409). */
export function removeConferenceItem(
  ctx: TContext,
  options: { appointmentId: string; itemId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { opened, item } = await openItem(ctx, tx, options, {
      action: 'read',
      auditAction: 'conference.item.remove',
    });
    if (item.planVersion !== null) throw new AppError('conflict', 'conferences.written_back');
    await deleteItem(tx, item.id);
    return conferenceView(ctx, tx, opened);
  });
}

/** A new order of the agenda: every item once (422 otherwise). */
export function reorderConference(
  ctx: TContext,
  options: { appointmentId: string; itemIds: string[] },
) {
  return withTransaction(ctx.db, async (tx) => {
    const opened = await openConference(ctx, tx, options.appointmentId, {
      lock: true,
      change: true,
    });
    const current = (await listItems(tx, options.appointmentId)).map(({ item }) => item.id);
    const given = new Set(options.itemIds);
    if (
      given.size !== options.itemIds.length ||
      given.size !== current.length ||
      current.some((id) => !given.has(id))
    ) {
      throw new AppError(
        'unprocessable',
        'conferences.order_mismatch',
        {},
        { fields: [{ field: 'itemIds', message: 'conferences.order_mismatch' }] },
      );
    }
    await setPositions(tx, options.itemIds);
    return conferenceView(ctx, tx, opened);
  });
}

/** Records whether a participant came (present, absent, excused) or clears it. */
export function setConferenceAttendance(
  ctx: TContext,
  options: {
    appointmentId: string;
    memberId: string;
    attendance: 'present' | 'absent' | 'excused' | null;
  },
) {
  return withTransaction(ctx.db, async (tx) => {
    const opened = await openConference(ctx, tx, options.appointmentId, {
      lock: true,
      change: true,
    });
    const found = await setAttendance(
      tx,
      options.appointmentId,
      options.memberId,
      options.attendance,
    );
    if (!found) throw notFound('participant');
    return conferenceView(ctx, tx, await openConference(ctx, tx, opened.row.id));
  });
}

/**
 * Writes (or corrects) the decision taken about a person: a writer of the person's social data
 * (the guard). Once carried into the plan it is final (409): a new decision goes in a new
 * conference or in the plan itself.
 */
export function setConferenceDecision(
  ctx: TContext,
  options: { appointmentId: string; itemId: string; decision: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { opened, item } = await openItem(ctx, tx, options, {
      action: 'write',
      auditAction: 'conference.decision',
    });
    if (item.planVersion !== null) throw new AppError('conflict', 'conferences.written_back');
    await updateItem(tx, item.id, {
      decision: options.decision,
      decidedAt: new Date(),
      decidedByUserId: ctx.actor.userId,
    });
    return conferenceView(ctx, tx, opened);
  });
}

/** "Concertation du 05/12/2026 : …", the day in the network's time zone. */
function decisionLine(ctx: TContext, at: Date, decision: string): string {
  const day = new Intl.DateTimeFormat(ctx.actor.locale === 'en' ? 'en-GB' : 'fr-FR', {
    timeZone: ctx.config.timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(at);
  return ctx.actor.locale === 'en'
    ? `Case conference of ${day}: ${decision}`
    : `Concertation du ${day} : ${decision}`;
}

/** A 422 on one field of the action the decision becomes. */
const actionProblem = (field: string, message: TMessageKey, params: Record<string, string> = {}) =>
  new AppError('unprocessable', message, params, {
    fields: [{ field: `action.${field}`, message }],
  });

/**
 * The plan with the decision in it: as an action (what, who, when) under one of the goals this
 * writer may see, done by a member who follows the person; or, without an action, as a line
 * "Concertation du JJ/MM/AAAA : …" added to the priorities (decision 031, 039).
 */
async function amendWithDecision(
  ctx: TContext,
  tx: TDb,
  options: {
    personId: string;
    line: string;
    action: TDecisionAction | null;
    details: Record<string, unknown>;
  },
) {
  const { action } = options;
  if (action) {
    if (action.end && action.end < action.start) throw actionProblem('end', 'plans.dates_order');
    if (!(await memberFollows(tx, action.whoMemberId, options.personId, new Date()))) {
      throw actionProblem('whoMemberId', 'conferences.who_not_in_team');
    }
  }
  const actionId = action ? randomUUID() : null;
  const plan = await amendPlan(ctx, tx, {
    personId: options.personId,
    details: options.details,
    amend: (content) => {
      if (action && actionId) {
        if (!content.goals.some((goal) => goal.id === action.goalId)) {
          throw actionProblem('goalId', 'conferences.unknown_goal');
        }
        return {
          ...content,
          actions: [
            ...content.actions,
            {
              id: actionId,
              goalId: action.goalId,
              category: action.category,
              target: action.target,
              text: action.text,
              who: { kind: 'member', memberId: action.whoMemberId },
              frequency: '',
              start: action.start,
              end: action.end,
              status: 'planned',
              outcome: '',
            },
          ],
        };
      }
      const priorities = content.priorities
        ? `${content.priorities}\n${options.line}`
        : options.line;
      if (priorities.length > PRIORITIES_MAX) {
        throw new AppError('unprocessable', 'conferences.plan_full');
      }
      return { ...content, priorities };
    },
  });
  return { plan, actionId };
}

/**
 * Carries the decision into the person's coordination plan — a new version saved through the
 * plans service (its guard, lock and checks; the items this writer may not see kept as they
 * are), as a plan action when one is given, else added to the plan's priorities with the
 * conference's day — and onto the person's timeline (`conference.decision`), in one transaction.
 */
export function writeBackDecision(
  ctx: TContext,
  options: { appointmentId: string; itemId: string; action: TDecisionAction | null },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { opened, item } = await openItem(ctx, tx, options, {
      action: 'write',
      auditAction: 'conference.write_back',
    });
    if (item.planVersion !== null) throw new AppError('conflict', 'conferences.written_back');
    if (!item.decision) {
      throw new AppError(
        'unprocessable',
        'conferences.no_decision',
        {},
        { fields: [{ field: 'decision', message: 'conferences.no_decision' }] },
      );
    }
    const { plan, actionId } = await amendWithDecision(ctx, tx, {
      personId: item.personId,
      line: decisionLine(ctx, opened.row.startsAt, item.decision),
      action: options.action,
      details: { appointmentId: opened.row.id, conferenceItemId: item.id },
    });
    const now = new Date();
    await updateItem(tx, item.id, {
      planVersion: plan.version,
      planActionId: actionId,
      writtenBackAt: now,
    });
    await recordPathwayEvent(tx, {
      personId: item.personId,
      kind: 'conference.decision',
      actorUserId: ctx.actor.userId,
      category: 'social',
      source: { table: 'conference_items', id: item.id },
      data: { appointmentId: opened.row.id, planVersion: plan.version, actionId },
      at: now,
    });
    return conferenceView(ctx, tx, opened);
  });
}
