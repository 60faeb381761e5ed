import type { TContext } from '../../server/context.js';
import { AppError, fieldError, notFound } from '../../server/errors.js';
import type { TMessageKey } from '../../server/messages.js';
import { withTransaction } from '../../server/transaction.js';
import type { TDb } from '../../db/client.js';
import type { TAccessAction } from '../access/access.policy.js';
import { loadAccessFacts } from '../access/access.repository.js';
import {
  filterPersonsAccess,
  requirePersonAccess,
  type TPersonAccessRequest,
} from '../access/access.service.js';
import {
  completeAssessment,
  findAnswers,
  findAssessments,
  findLatestCompleted,
  insertAssessment,
  lockAssessment,
  saveAnswers,
  type TAssessmentRow,
} from './assessments.repository.js';
import { answerProblem, missingRequired } from './instruments/answers.js';
import {
  itemsOf,
  type TAnswers,
  type TAnswerValue,
  type TItemCategory,
} from './instruments/instrument.types.js';
import { findInstrument, type TAnyInstrument } from './instruments/registry.js';
import type { TAggirResult } from './instruments/aggir.js';
import type { TMultidimensionalResult } from './instruments/multidimensional.js';
import type { TPrisma7Result } from './instruments/prisma7.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import {
  decideIntegrationLevel,
  LEVEL_LABELS,
  reassessmentDue,
  type TLevel,
} from './integration-level.js';
import { getLevelSettings } from './level-settings.repository.js';
import {
  findLatestOverride,
  insertOverride,
  type TLevelOverrideRow,
} from './level-overrides.repository.js';

/**
 * What of a person's assessments this user may see or change. An assessment is social data at
 * least (the guard's 'social' decision opens it, or answers 404/403); its medical items are a
 * second decision, audited under its own action, that leaves them out instead of refusing all.
 */
async function openAssessments(
  ctx: TContext,
  tx: TDb,
  options: { personId: string; action: TAccessAction; auditAction: string; resourceId?: string },
): Promise<{ medical: boolean }> {
  const request = {
    personId: options.personId,
    action: options.action,
    auditAction: options.auditAction,
    resourceType: 'assessment',
    ...(options.resourceId ? { resourceId: options.resourceId } : {}),
  };
  await requirePersonAccess(ctx, tx, { ...request, category: 'social' });
  const medical = await isGranted(ctx, tx, options.personId, {
    ...request,
    category: 'medical',
    auditAction: `${options.auditAction}.medical`,
  });
  return { medical };
}

/**
 * A second decision of the guard on the same person (the medical items of an assessment the user
 * may open): audited, granted or refused, without failing the request when refused.
 */
export async function isGranted(
  ctx: TContext,
  tx: TDb,
  personId: string,
  request: Omit<TPersonAccessRequest, 'personId'>,
): Promise<boolean> {
  const facts = await loadAccessFacts(tx, ctx.actor, personId);
  if (!facts) return false;
  const granted = await filterPersonsAccess(ctx, tx, [{ personId, facts, data: null }], request);
  return granted.length > 0;
}

const visible = (category: TItemCategory, access: { medical: boolean }) =>
  category !== 'medical' || access.medical;

function instrumentOf(row: { instrumentId: string; instrumentVersion: number }): TAnyInstrument {
  const instrument = findInstrument(row.instrumentId, row.instrumentVersion);
  // Definitions are never removed from the registry: a stored one always has its instrument.
  if (!instrument)
    throw new Error(`instrument ${row.instrumentId}@${row.instrumentVersion} missing`);
  return instrument;
}

function answersMap(rows: { itemId: string; value: unknown }[]): TAnswers {
  return Object.fromEntries(rows.map((row) => [row.itemId, row.value as TAnswerValue]));
}

function view(row: TAssessmentRow, access: { medical: boolean }, live?: TAnswers) {
  const instrument = instrumentOf(row);
  const resultHidden = !visible(instrument.resultCategory, access);
  const result = row.state === 'draft' && live ? instrument.score(live) : row.result;
  return {
    id: row.id,
    personId: row.personId,
    instrumentId: row.instrumentId,
    instrumentVersion: row.instrumentVersion,
    state: row.state,
    startedBy: row.startedBy,
    startedAt: row.startedAt.toISOString(),
    completedBy: row.completedBy,
    completedAt: row.completedAt?.toISOString() ?? null,
    result:
      resultHidden || result === null || result === undefined
        ? null
        : (result as Record<string, unknown>),
    resultHidden,
  };
}

/** A person's assessments, newest first; results the user may not see are left out. */
export function listAssessments(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const access = await openAssessments(ctx, tx, {
      ...options,
      action: 'read',
      auditAction: 'assessment.list',
    });
    const rows = await findAssessments(tx, options.personId);
    return { items: rows.map((row) => view(row, access)) };
  });
}

async function detail(
  tx: TDb,
  personId: string,
  assessmentId: string,
  access: { medical: boolean },
) {
  const [row] = await findAssessments(tx, personId, assessmentId);
  if (!row) throw notFound('assessment');
  const instrument = instrumentOf(row);
  const answerRows = await findAnswers(tx, row.id);
  const all = answersMap(answerRows);
  const shown = new Set(
    itemsOf(instrument)
      .filter((item) => visible(item.category, access))
      .map((item) => item.id),
  );
  const shownRow = view(row, access, all);
  // The level this assessment gives with the latest completed others (a draft: as answered so far).
  const ownResult = row.state === 'draft' ? instrument.score(all) : row.result;
  const preview = await levelFor(
    tx,
    personId,
    access,
    ownResult === null ? undefined : { instrumentId: row.instrumentId, result: ownResult },
  );
  return {
    ...shownRow,
    levelPreview: preview.view,
    answers: Object.fromEntries(
      answerRows
        .filter((answer) => shown.has(answer.itemId))
        .map((answer) => [
          answer.itemId,
          {
            value: answer.value as TAnswerValue,
            answeredBy: answer.answeredBy,
            answeredAt: answer.answeredAt.toISOString(),
          },
        ]),
    ),
    hiddenCategories: access.medical
      ? []
      : (['medical'] as const).filter(() =>
          itemsOf(instrument).some((item) => item.category === 'medical'),
        ),
    missing:
      row.state === 'draft' ? missingRequired(instrument, all).filter((id) => shown.has(id)) : [],
  };
}

/** One assessment with the answers this user may see (who gave each and when). */
export function getAssessment(ctx: TContext, options: { personId: string; assessmentId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const access = await openAssessments(ctx, tx, {
      ...options,
      action: 'read',
      auditAction: 'assessment.read',
      resourceId: options.assessmentId,
    });
    return detail(tx, options.personId, options.assessmentId, access);
  });
}

/** Starts a draft of the latest version of an instrument (one draft per person and instrument). */
export function startAssessment(
  ctx: TContext,
  options: { personId: string; instrumentId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    const access = await openAssessments(ctx, tx, {
      personId: options.personId,
      action: 'write',
      auditAction: 'assessment.start',
    });
    const instrument = findInstrument(options.instrumentId);
    if (!instrument) throw fieldError('instrumentId', 'assessments.unknown_instrument');
    const created = await insertAssessment(tx, {
      personId: options.personId,
      instrumentId: instrument.id,
      instrumentVersion: instrument.version,
      startedBy: ctx.actor.userId,
    });
    if (!created) throw fieldError('instrumentId', 'assessments.draft_exists', 'conflict');
    return detail(tx, options.personId, created.id, access);
  });
}

/** The problems of a set of answers, as field errors naming answers.<item>. */
function answerErrors(fields: { field: string; message: TMessageKey }[], key: TMessageKey) {
  return new AppError('unprocessable', key, {}, { fields });
}

/**
 * Saves answers of a draft as they are typed: each is checked against its item; medical items
 * need the medical decision (a social role not granted is refused, nothing saved).
 */
export function saveAssessmentAnswers(
  ctx: TContext,
  options: { personId: string; assessmentId: string; answers: Record<string, TAnswerValue | null> },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'write',
      category: 'social',
      auditAction: 'assessment.answer',
      resourceType: 'assessment',
      resourceId: options.assessmentId,
      details: { items: Object.keys(options.answers) },
    });
    const row = await lockAssessment(tx, options.personId, options.assessmentId);
    if (!row) throw notFound('assessment');
    if (row.state !== 'draft') throw new AppError('conflict', 'assessments.not_draft');
    const items = new Map(itemsOf(instrumentOf(row)).map((item) => [item.id, item]));
    const problems: { field: string; message: TMessageKey }[] = [];
    for (const [itemId, value] of Object.entries(options.answers)) {
      const item = items.get(itemId);
      const problem = !item
        ? 'assessments.unknown_item'
        : value === null
          ? null
          : answerProblem(item, value);
      if (problem) problems.push({ field: `answers.${itemId}`, message: problem });
    }
    if (problems.length) throw answerErrors(problems, 'request.invalid');
    const touchesMedical = Object.keys(options.answers).some(
      (id) => items.get(id)?.category === 'medical',
    );
    if (touchesMedical) {
      await requirePersonAccess(ctx, tx, {
        personId: options.personId,
        action: 'write',
        category: 'medical',
        auditAction: 'assessment.answer.medical',
        resourceType: 'assessment',
        resourceId: options.assessmentId,
      });
    }
    await saveAnswers(tx, row.id, Object.entries(options.answers), ctx.actor.userId);
    const access = {
      medical:
        touchesMedical ||
        (await canSeeMedical(ctx, tx, options.personId, 'assessment.answer.medical')),
    };
    return detail(tx, options.personId, row.id, access);
  });
}

async function canSeeMedical(ctx: TContext, tx: TDb, personId: string, auditAction: string) {
  return isGranted(ctx, tx, personId, {
    action: 'read',
    category: 'medical',
    auditAction,
    resourceType: 'assessment',
  });
}

/**
 * Completes a checked draft with its computed result, writing its pathway event (of the category
 * of its result) and, when the level in force moves, the level's (social): the application and
 * the demo seed complete through here.
 */
export async function completeWithEvents(
  tx: TDb,
  row: { id: string; personId: string; instrumentId: string; instrumentVersion: number },
  values: { result: unknown; userId: string },
): Promise<void> {
  const instrument = instrumentOf(row);
  const before = await personLevel(tx, row.personId, { medical: true });
  await completeAssessment(tx, row, values);
  await recordPathwayEvent(tx, {
    personId: row.personId,
    kind: 'assessment.completed',
    actorUserId: values.userId,
    // What the event reveals: the result, of the instrument's result category.
    category: instrument.resultCategory,
    source: { table: 'assessments', id: row.id },
    data: { instrumentId: instrument.id, instrumentVersion: instrument.version },
  });
  const after = await personLevel(tx, row.personId, { medical: true });
  if (after.levelInForce !== before.levelInForce || after.level !== before.level) {
    await recordPathwayEvent(tx, {
      personId: row.personId,
      kind: 'level.computed',
      actorUserId: values.userId,
      category: 'social',
      source: { table: 'assessments', id: row.id },
      data: { level: after.level, previousLevel: before.levelInForce },
    });
  }
}

/**
 * Completes a draft: every required item answered, the result computed and stored, the draft made
 * immutable and the previous completed one of the instrument superseded. The one who completes
 * vouches for every item, so an instrument with medical items needs the medical decision.
 */
export function completeAssessmentDraft(
  ctx: TContext,
  options: { personId: string; assessmentId: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'write',
      category: 'social',
      auditAction: 'assessment.complete',
      resourceType: 'assessment',
      resourceId: options.assessmentId,
    });
    const row = await lockAssessment(tx, options.personId, options.assessmentId);
    if (!row) throw notFound('assessment');
    if (row.state !== 'draft') throw new AppError('conflict', 'assessments.not_draft');
    const instrument = instrumentOf(row);
    if (itemsOf(instrument).some((item) => item.category === 'medical')) {
      await requirePersonAccess(ctx, tx, {
        personId: options.personId,
        action: 'write',
        category: 'medical',
        auditAction: 'assessment.complete.medical',
        resourceType: 'assessment',
        resourceId: options.assessmentId,
      });
    }
    const answers = answersMap(await findAnswers(tx, row.id));
    const missing = missingRequired(instrument, answers);
    if (missing.length) {
      throw answerErrors(
        missing.map((id) => ({ field: `answers.${id}`, message: 'validation.required' as const })),
        'assessments.incomplete',
      );
    }
    const result = instrument.score(answers);
    // Every scored item is required: a complete draft always scores.
    if (result === null) throw new Error(`${instrument.id}: complete answers gave no result`);
    await completeWithEvents(tx, row, { result, userId: ctx.actor.userId });
    return detail(tx, options.personId, row.id, { medical: true });
  });
}

/**
 * The level from the latest completed assessment of each instrument — or, for a preview, with one
 * instrument's result replaced by a draft's live one — its reasons filtered to what this user may see.
 */
async function levelFor(
  tx: TDb,
  personId: string,
  access: { medical: boolean },
  live?: { instrumentId: string; result: unknown },
) {
  const latest = await findLatestCompleted(tx, personId);
  const resultOf = (id: string) =>
    live?.instrumentId === id
      ? live.result
      : (latest.find((row) => row.instrumentId === id)?.result ?? null);
  const settings = await getLevelSettings(tx);
  const aggir = resultOf('aggir') as TAggirResult | null;
  const decision = decideIntegrationLevel(
    {
      multidimensional: resultOf('multidimensional') as TMultidimensionalResult | null,
      aggir,
      prisma7: resultOf('prisma7') as TPrisma7Result | null,
    },
    settings,
  );
  const reasons = decision.reasons.filter((reason) => visible(reason.category, access));
  return {
    decision,
    latest,
    settings,
    gir: aggir?.gir ?? null,
    view: {
      level: decision.level,
      label: decision.level ? LEVEL_LABELS[decision.level] : null,
      reasons,
      hiddenReasons: decision.reasons.length - reasons.length,
    },
  };
}

/** The override in force: the latest one, newer than every completed assessment, with a level. */
function overrideInForce(override: TLevelOverrideRow | undefined, lastCompleted: Date | null) {
  if (!override || override.level === null) return null;
  if (lastCompleted && lastCompleted >= override.at) return null;
  return { ...override, level: override.level };
}

/** The level computed, the override in force beside it, and the reassessment date that follows. */
async function personLevel(tx: TDb, personId: string, access: { medical: boolean }) {
  const { decision, latest, settings, gir, view } = await levelFor(tx, personId, access);
  const lastCompleted = latest.reduce<Date | null>(
    (last, row) => (row.completedAt && (!last || row.completedAt > last) ? row.completedAt : last),
    null,
  );
  const override = overrideInForce(await findLatestOverride(tx, personId), lastCompleted);
  const levelInForce = override?.level ?? decision.level;
  const since = override && !lastCompleted ? override.at : lastCompleted;
  return {
    ...view,
    basedOn: latest.map((row) => ({
      assessmentId: row.id,
      instrumentId: row.instrumentId,
      completedAt: (row.completedAt ?? new Date(0)).toISOString(),
    })),
    gir,
    override: override && {
      level: override.level,
      label: LEVEL_LABELS[override.level],
      justification: override.justification,
      by: override.by,
      at: override.at.toISOString(),
    },
    levelInForce,
    reassessmentDue:
      levelInForce && since ? reassessmentDue(levelInForce, since, settings).toISOString() : null,
  };
}

/** The integration level in force (override or computed) and the network's settings, for other modules. */
export async function findLevelInForce(tx: TDb, personId: string) {
  const level = await personLevel(tx, personId, { medical: false });
  return { level: level.levelInForce, settings: await getLevelSettings(tx) };
}

/** The level's answer for this reader: may they override it (the person's case manager)? */
async function withCanOverride<T>(ctx: TContext, tx: TDb, personId: string, level: T) {
  const facts = await loadAccessFacts(tx, ctx.actor, personId);
  return { ...level, canOverride: facts?.relation === 'case_manager' };
}

/**
 * The person's integration level from the latest completed assessment of each instrument, with
 * its reasons (a reason that read data of a category the user may not see is left out, counted),
 * and the case manager's override in force beside it.
 */
export function getPersonLevel(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const access = await openAssessments(ctx, tx, {
      ...options,
      action: 'read',
      auditAction: 'person.level.read',
    });
    return withCanOverride(
      ctx,
      tx,
      options.personId,
      await personLevel(tx, options.personId, access),
    );
  });
}

/**
 * The case manager overrides the computed level with a written justification, or ('computed')
 * brings it back. Social data, like the level it sits beside (decision 010); the person's case
 * manager alone, audited as level.override; a pathway event in the same transaction.
 */
export function overridePersonLevel(
  ctx: TContext,
  options: { personId: string; level: TLevel | 'computed'; justification: string },
) {
  return withTransaction(ctx.db, async (tx) => {
    await requirePersonAccess(ctx, tx, {
      personId: options.personId,
      action: 'override_level',
      category: 'social',
      auditAction: 'level.override',
      resourceType: 'integration_level',
      details: { level: options.level },
    });
    const level = options.level === 'computed' ? null : options.level;
    const before = await personLevel(tx, options.personId, { medical: false });
    const created = await insertOverride(tx, {
      personId: options.personId,
      level,
      justification: options.justification,
      createdBy: ctx.actor.userId,
    });
    await recordPathwayEvent(tx, {
      personId: options.personId,
      kind: level ? 'level.overridden' : 'level.override_removed',
      actorUserId: ctx.actor.userId,
      category: 'social',
      source: { table: 'integration_level_overrides', id: created.id },
      data: { level, computedLevel: before.level, previousLevel: before.levelInForce },
      at: created.createdAt,
    });
    const medical = await canSeeMedical(ctx, tx, options.personId, 'person.level.read.medical');
    return withCanOverride(
      ctx,
      tx,
      options.personId,
      await personLevel(tx, options.personId, { medical }),
    );
  });
}
