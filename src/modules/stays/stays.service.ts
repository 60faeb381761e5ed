/**
 * Hospital stays (decision 024): an admission and a discharge recorded by the person's care team
 * through the guard, each with a pathway event and the person's alerts recomputed in the same
 * transaction; a discharge tells the team and opens a follow-up for the case manager (an alert
 * due within 48 hours).
 */
import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { decideAccess } from '../access/access.policy.js';
import { loadAccessFacts } from '../access/access.repository.js';
import { requirePersonAccessWith, wouldAllow } from '../access/access.service.js';
import { recomputePersonAlerts } from '../alerts/alerts.sweep.js';
import { insertNotification } from '../notifications/notifications.repository.js';
import { findCaseManagerOf } from '../pathway/caseload.repository.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import { findPathwayOf } from '../pathway/pathway.repository.js';
import {
  findOpenStay,
  findTeamAccounts,
  insertStay,
  listStays,
  lockPersonRow,
  lockStay,
  organisationExists,
  updateDischarge,
} from './stays.repository.js';
import type { z } from 'zod';
import type { ZAdmitRequest, ZDischargeRequest } from './stays.schemas.js';

const YEAR_MS = 365.25 * 86_400_000;
/** A discharge a few minutes ahead of the server's clock is a clock difference, not the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

const dayOf = (ctx: TContext, date: Date) =>
  date.toLocaleDateString(ctx.actor.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'Europe/Paris',
  });

async function guard(
  ctx: TContext,
  tx: TDb,
  personId: string,
  action: 'read' | 'write',
  auditAction: string,
  details: Record<string, unknown> = {},
) {
  return requirePersonAccessWith(
    ctx,
    tx,
    {
      personId,
      action,
      category: 'administrative',
      auditAction,
      resourceType: 'hospital_stay',
      details,
    },
    async () => {
      const facts = await loadAccessFacts(tx, ctx.actor, personId);
      return facts && { facts, data: null };
    },
  );
}

async function staysView(tx: TDb, personId: string, facts: Parameters<typeof wouldAllow>[0]) {
  const rows = await listStays(tx, personId);
  const seesReason = wouldAllow(facts, { action: 'read', category: 'medical' });
  const pathway = await findPathwayOf(tx, personId);
  const open = rows.find((row) => row.stay.dischargedAt === null);
  return {
    items: rows.map(({ stay, organisationName, admittedBy, dischargedBy }) => ({
      id: stay.id,
      facility: {
        organisationId: stay.facilityOrganisationId,
        name: organisationName ?? stay.facilityName ?? '',
      },
      admittedAt: stay.admittedAt.toISOString(),
      planned: stay.admissionPlanned,
      reason: seesReason ? stay.reason : null,
      reasonHidden: !seesReason && stay.reason !== null,
      admittedBy,
      dischargedAt: stay.dischargedAt?.toISOString() ?? null,
      destination: stay.dischargeDestination,
      dischargePlanned: stay.dischargePlanned,
      dischargedBy,
    })),
    canRecord: wouldAllow(facts, { action: 'write', category: 'administrative' }),
    suggestSuspend:
      open !== undefined &&
      !open.stay.admissionPlanned &&
      pathway?.state === 'active' &&
      decideAccess(facts, { action: 'steer', category: 'administrative' }).allowed,
    caseManager: await findCaseManagerOf(tx, personId),
  };
}

/** The person's hospital stays, for those who may read their administrative data (audited). */
export function getStays(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const { facts } = await guard(ctx, tx, options.personId, 'read', 'stays.read');
    return staysView(tx, options.personId, facts);
  });
}

/**
 * Records an admission: one open stay a person (409 naming the open one), the facility from the
 * directory or in words; a 'hospital.admitted' event, and the alerts recomputed (an unplanned
 * admission raises one). The pathway is not suspended here: see decision 024.
 */
export function admitToHospital(
  ctx: TContext,
  options: z.infer<typeof ZAdmitRequest> & { personId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { facts } = await guard(ctx, tx, options.personId, 'write', 'stay.admit', {
      planned: options.planned,
    });
    const hasOrganisation = options.facilityOrganisationId !== undefined;
    const hasName = options.facilityName !== undefined;
    if (!hasOrganisation && !hasName) throw fieldError('facilityName', 'stays.facility_required');
    if (hasOrganisation && hasName) throw fieldError('facilityName', 'stays.facility_both');
    if (hasOrganisation && !(await organisationExists(tx, options.facilityOrganisationId!))) {
      throw fieldError('facilityOrganisationId', 'stays.facility_not_found');
    }
    const admittedAt = new Date(options.admittedAt);
    const now = new Date();
    if (
      admittedAt.getTime() < now.getTime() - 20 * YEAR_MS ||
      admittedAt.getTime() > now.getTime() + YEAR_MS
    ) {
      throw fieldError('admittedAt', 'stays.admitted_too_far');
    }
    await lockPersonRow(tx, options.personId);
    const open = await findOpenStay(tx, options.personId);
    if (open) {
      throw new AppError(
        'conflict',
        'stays.already_open',
        { date: dayOf(ctx, open.admittedAt) },
        { stayId: open.id },
      );
    }
    const stay = await insertStay(tx, {
      personId: options.personId,
      facilityOrganisationId: options.facilityOrganisationId ?? null,
      facilityName: options.facilityName ?? null,
      admittedAt,
      admissionPlanned: options.planned,
      reason: options.reason?.trim() || null,
      admittedByUserId: ctx.actor.userId,
    });
    await recordPathwayEvent(tx, {
      personId: options.personId,
      kind: 'hospital.admitted',
      actorUserId: ctx.actor.userId,
      category: 'administrative',
      source: { table: 'hospital_stays', id: stay.id },
      data: { planned: options.planned, organisationId: stay.facilityOrganisationId },
      at: admittedAt,
    });
    await recomputePersonAlerts(tx, options.personId, now);
    return staysView(tx, options.personId, facts);
  });
}

/**
 * Records a discharge: after the admission and not in the future; a 'hospital.discharged'
 * event; each member of the team with an account (but the one recording it) is told; the
 * alerts are recomputed — the unplanned-stay alert clears and a follow-up for the case manager
 * (or whoever answers for the person, else the coordination team) is due within 48 hours.
 */
export function dischargeFromHospital(
  ctx: TContext,
  options: z.infer<typeof ZDischargeRequest> & { personId: string; stayId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const { facts } = await guard(ctx, tx, options.personId, 'write', 'stay.discharge', {
      stayId: options.stayId,
    });
    const stay = await lockStay(tx, options.personId, options.stayId);
    if (!stay) throw notFound('hospital_stay');
    if (stay.dischargedAt) {
      throw new AppError('conflict', 'stays.already_discharged', {
        date: dayOf(ctx, stay.dischargedAt),
      });
    }
    const dischargedAt = new Date(options.dischargedAt);
    const now = new Date();
    if (dischargedAt.getTime() < stay.admittedAt.getTime()) {
      const error = fieldError('dischargedAt', 'stays.discharge_before_admission');
      throw new AppError(
        error.code,
        error.messageKey,
        { date: dayOf(ctx, stay.admittedAt) },
        error.details,
      );
    }
    if (dischargedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      throw fieldError('dischargedAt', 'stays.discharge_in_future');
    }
    const updated = await updateDischarge(tx, stay.id, {
      dischargedAt,
      dischargeDestination: options.destination,
      dischargePlanned: options.planned,
      dischargedByUserId: ctx.actor.userId,
    });
    if (!updated) throw new AppError('conflict', 'request.conflict');
    await recordPathwayEvent(tx, {
      personId: options.personId,
      kind: 'hospital.discharged',
      actorUserId: ctx.actor.userId,
      category: 'administrative',
      source: { table: 'hospital_stays', id: stay.id },
      data: { planned: options.planned, destination: options.destination },
      at: dischargedAt,
    });
    for (const userId of await findTeamAccounts(tx, options.personId, ctx.actor.userId)) {
      await insertNotification(tx, {
        userId,
        kind: 'stay.discharged',
        personId: options.personId,
        link: `/persons/${options.personId}`,
      });
    }
    await recomputePersonAlerts(tx, options.personId, now);
    return staysView(tx, options.personId, facts);
  });
}
