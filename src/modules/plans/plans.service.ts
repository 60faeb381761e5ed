import type { TDb } from '../../db/client.js';
import type { TContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { withTransaction } from '../../server/transaction.js';
import { decideAccess, type TAccessAction } from '../access/access.policy.js';
import { loadAccessFacts } from '../access/access.repository.js';
import { requirePersonAccess } from '../access/access.service.js';
import { findLevelInForce, isGranted } from '../assessments/assessments.service.js';
import { itemsOf } from '../assessments/instruments/instrument.types.js';
import { findInstrument } from '../assessments/instruments/registry.js';
import { recordPathwayEvent } from '../pathway/pathway-events.js';
import {
  contentProblems,
  diffContents,
  EMPTY_PLAN,
  needDimension,
  visibleContent,
  withHiddenItemsOf,
  type TContentProblem,
} from './plan-content.js';
import {
  findNames,
  findPersonHeading,
  findPersonAssessments,
  findPlan,
  findVersion,
  insertPlan,
  insertVersion,
  listVersions,
  setCurrentVersion,
  type TCarePlanRow,
} from './plans.repository.js';
import { renderPlanPdf } from './plan-pdf.js';
import { ZPlanContent, type TPlanContent } from './plans.schemas.js';

const DAY = 86_400_000;
type TAccess = { medical: boolean };

/**
 * Opens a person's plan for this user: the plan is social data at least (the guard answers 404 or
 * 403 otherwise, audited); its medical and psychological items are a second decision, audited
 * under its own action, that leaves them out instead of refusing the whole plan (decision 017).
 */
async function openPlan(
  ctx: TContext,
  tx: TDb,
  options: {
    personId: string;
    action: TAccessAction;
    auditAction: string;
    details?: Record<string, unknown>;
  },
): Promise<TAccess> {
  const request = {
    personId: options.personId,
    action: options.action,
    auditAction: options.auditAction,
    resourceType: 'care_plan',
    ...(options.details ? { details: options.details } : {}),
  };
  await requirePersonAccess(ctx, tx, { ...request, category: 'social' });
  const medical = await isGranted(ctx, tx, options.personId, {
    ...request,
    category: 'medical',
    auditAction: `${options.auditAction}.medical`,
  });
  return { medical };
}

async function versionContent(tx: TDb, planId: string, version: number) {
  const row = await findVersion(tx, planId, version);
  return row && { ...row, content: ZPlanContent.parse(row.content) };
}

/** The names of the referent and of who carries each action, for display. */
function namesOf(tx: TDb, content: TPlanContent) {
  const memberIds = new Set<string>();
  const serviceIds = new Set<string>();
  if (content.referentMemberId) memberIds.add(content.referentMemberId);
  for (const action of content.actions) {
    if (action.who?.kind === 'member') memberIds.add(action.who.memberId);
    if (action.who?.kind === 'service') serviceIds.add(action.who.serviceId);
  }
  return findNames(tx, [...memberIds], [...serviceIds]);
}

/** The review date: the last review plus the reassessment delay of the level in force. */
async function reviewOf(tx: TDb, personId: string, plan: TCarePlanRow | undefined) {
  const { level, settings } = await findLevelInForce(tx, personId);
  const delayDays = settings.reassessmentDays[level ?? 'coordination'];
  const due = plan ? new Date(plan.lastReviewedAt.getTime() + delayDays * DAY) : null;
  return {
    level,
    delayDays,
    lastReviewedAt: plan?.lastReviewedAt.toISOString() ?? null,
    due: due?.toISOString() ?? null,
    overdue: due !== null && due.getTime() < Date.now(),
  };
}

/** One version as this reader may see it. */
async function versionView(
  tx: TDb,
  personId: string,
  version: Awaited<ReturnType<typeof versionContent>>,
  access: TAccess,
) {
  const content = visibleContent(version?.content ?? EMPTY_PLAN, access);
  return {
    personId,
    version: version?.version ?? 0,
    savedAt: version?.savedAt.toISOString() ?? null,
    savedBy: version?.savedBy ?? null,
    content,
    dimensions: Object.fromEntries(
      content.needs.map((need) => [need.id, needDimension(need.code)]),
    ),
    names: await namesOf(tx, content),
    hiddenCategories: access.medical ? [] : ['medical' as const],
  };
}

async function planView(ctx: TContext, tx: TDb, personId: string, access: TAccess) {
  const plan = await findPlan(tx, personId);
  const current = plan ? await versionContent(tx, plan.id, plan.currentVersion) : undefined;
  const facts = await loadAccessFacts(tx, ctx.actor, personId);
  return {
    ...(await versionView(tx, personId, current, access)),
    review: await reviewOf(tx, personId, plan),
    canWrite:
      facts !== null && decideAccess(facts, { action: 'write', category: 'social' }).allowed,
  };
}

/** The person's current plan, without the items of a category this reader may not see. */
export function getPlan(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    const access = await openPlan(ctx, tx, {
      ...options,
      action: 'read',
      auditAction: 'plan.read',
    });
    return planView(ctx, tx, options.personId, access);
  });
}

/** The ids the content points at that do not exist (members, services, assessment findings). */
async function referenceProblems(
  tx: TDb,
  personId: string,
  content: TPlanContent,
): Promise<TContentProblem[]> {
  const problems: TContentProblem[] = [];
  const names = new Set((await namesOf(tx, content)).map((name) => name.id));
  if (content.referentMemberId && !names.has(content.referentMemberId)) {
    problems.push({ field: 'content.referentMemberId', message: 'plans.unknown_member' });
  }
  content.actions.forEach((action, index) => {
    const id = action.who?.kind === 'member' ? action.who.memberId : action.who?.serviceId;
    if (id && !names.has(id)) {
      problems.push({ field: `content.actions.${index}.who`, message: 'plans.unknown_who' });
    }
  });
  const findings = content.needs.flatMap((need) => need.findings);
  const found = await findPersonAssessments(tx, personId, [
    ...new Set(findings.map((finding) => finding.assessmentId)),
  ]);
  const itemsById = new Map(
    found.map((row) => {
      const instrument = findInstrument(row.instrumentId, row.instrumentVersion);
      return [row.id, new Set(instrument ? itemsOf(instrument).map((item) => item.id) : [])];
    }),
  );
  content.needs.forEach((need, index) => {
    need.findings.forEach((finding, position) => {
      if (!itemsById.get(finding.assessmentId)?.has(finding.itemKey)) {
        problems.push({
          field: `content.needs.${index}.findings.${position}`,
          message: 'plans.unknown_finding',
        });
      }
    });
  });
  return problems;
}

/** 409 with what changed between the version the edits were made on and the current one. */
async function conflictWith(tx: TDb, plan: TCarePlanRow, baseVersion: number, access: TAccess) {
  const current = await versionContent(tx, plan.id, plan.currentVersion);
  const base = baseVersion >= 1 ? await versionContent(tx, plan.id, baseVersion) : undefined;
  const diff = diffContents(
    { version: baseVersion, content: visibleContent(base?.content ?? EMPTY_PLAN, access) },
    {
      version: plan.currentVersion,
      content: visibleContent(current?.content ?? EMPTY_PLAN, access),
    },
  );
  return new AppError(
    'conflict',
    'plans.conflict',
    { version: plan.currentVersion, by: current?.savedBy ?? '' },
    { currentVersion: plan.currentVersion, savedBy: current?.savedBy ?? null, diff },
  );
}

/**
 * Saves a new version of the plan on the version the edits were made on. If someone saved since,
 * nothing is stored and the answer is 409 with what changed. A writer who may not see medical items
 * keeps the base version's unchanged. Goals not closed stay; the pathway event commits with it.
 */
export function savePlan(
  ctx: TContext,
  options: { personId: string; baseVersion: number; review: boolean; content: TPlanContent },
) {
  return withTransaction(ctx.db, (tx) =>
    savePlanIn(ctx, tx, { ...options, content: () => options.content }),
  );
}

/**
 * A new version written by another module in its own transaction (a case conference's decision,
 * decision 031): the same guard, lock, checks and pathway event as savePlan, on the current
 * version. `amend` receives the current content as this writer may see it and returns the new
 * one; the items it cannot see are carried over unchanged. Returns the plan as savePlan does.
 */
export function amendPlan(
  ctx: TContext,
  tx: TDb,
  options: {
    personId: string;
    amend: (visible: TPlanContent) => TPlanContent;
    details?: Record<string, unknown>;
  },
) {
  return savePlanIn(ctx, tx, {
    personId: options.personId,
    baseVersion: 'current',
    review: false,
    content: options.amend,
    ...(options.details ? { details: options.details } : {}),
  });
}

async function savePlanIn(
  ctx: TContext,
  tx: TDb,
  options: {
    personId: string;
    /** 'current': the version found under the lock (an amendment, which cannot be stale). */
    baseVersion: number | 'current';
    review: boolean;
    content: (visible: TPlanContent) => TPlanContent;
    details?: Record<string, unknown>;
  },
) {
  const { personId } = options;
  const access = await openPlan(ctx, tx, {
    personId,
    action: 'write',
    auditAction: 'plan.save',
    details: { baseVersion: options.baseVersion, ...options.details },
  });
  const now = new Date();
  const locked = await findPlan(tx, personId, { lock: true });
  const baseVersion =
    options.baseVersion === 'current' ? (locked?.currentVersion ?? 0) : options.baseVersion;
  if (locked && locked.currentVersion !== baseVersion) {
    throw await conflictWith(tx, locked, baseVersion, access);
  }
  if (!locked && baseVersion !== 0) throw notFound('care_plan');
  const base = locked ? await versionContent(tx, locked.id, baseVersion) : undefined;
  const baseContent = base?.content ?? EMPTY_PLAN;
  const content = options.content(visibleContent(baseContent, access));
  const merged = access.medical
    ? { content, problems: [] }
    : withHiddenItemsOf(content, baseContent);
  const problems = [
    ...merged.problems,
    ...contentProblems(merged.content, baseContent),
    ...(await referenceProblems(tx, personId, content)),
  ];
  if (problems.length) {
    throw new AppError('unprocessable', 'plans.invalid', {}, { fields: problems });
  }
  const plan = locked ?? (await insertPlan(tx, { personId, at: now }));
  if (!plan) {
    // Someone saved the first version while this one was being checked.
    const created = await findPlan(tx, personId, { lock: true });
    if (created) throw await conflictWith(tx, created, baseVersion, access);
    throw notFound('care_plan');
  }
  const version = locked ? locked.currentVersion + 1 : 1;
  const isReview = options.review || version === 1;
  await insertVersion(tx, {
    planId: plan.id,
    version,
    content: merged.content,
    isReview,
    savedBy: ctx.actor.userId,
    savedAt: now,
  });
  if (locked) await setCurrentVersion(tx, plan.id, { version, at: now, reviewed: isReview });
  await recordPathwayEvent(tx, {
    personId,
    kind: 'plan.version_saved',
    actorUserId: ctx.actor.userId,
    category: 'social',
    source: { table: 'care_plans', id: plan.id },
    data: { version, review: isReview },
    at: now,
  });
  return planView(ctx, tx, personId, access);
}

/** The versions of the person's plan, newest first (who saved each, when, review or not). */
export function listPlanVersions(ctx: TContext, options: { personId: string }) {
  return withTransaction(ctx.db, async (tx) => {
    await openPlan(ctx, tx, { ...options, action: 'read', auditAction: 'plan.versions' });
    const plan = await findPlan(tx, options.personId);
    const rows = plan ? await listVersions(tx, plan.id) : [];
    return { items: rows.map((row) => ({ ...row, savedAt: row.savedAt.toISOString() })) };
  });
}

async function existingVersion(tx: TDb, personId: string, version: number) {
  const plan = await findPlan(tx, personId);
  const row = plan && (await versionContent(tx, plan.id, version));
  if (!row) throw notFound('care_plan_version');
  return row;
}

/** One saved version, as this reader may see it. */
export function getPlanVersion(ctx: TContext, options: { personId: string; version: number }) {
  return withTransaction(ctx.db, async (tx) => {
    const access = await openPlan(ctx, tx, {
      personId: options.personId,
      action: 'read',
      auditAction: 'plan.version.read',
      details: { version: options.version },
    });
    const row = await existingVersion(tx, options.personId, options.version);
    return versionView(tx, options.personId, row, access);
  });
}

/** What changed between two versions (0: the empty plan), without items this reader may not see. */
export function diffPlanVersions(
  ctx: TContext,
  options: { personId: string; from: number; to: number },
) {
  return withTransaction(ctx.db, async (tx) => {
    const access = await openPlan(ctx, tx, {
      personId: options.personId,
      action: 'read',
      auditAction: 'plan.diff',
      details: { from: options.from, to: options.to },
    });
    const from =
      options.from === 0
        ? EMPTY_PLAN
        : (await existingVersion(tx, options.personId, options.from)).content;
    const to = (await existingVersion(tx, options.personId, options.to)).content;
    return diffContents(
      { version: options.from, content: visibleContent(from, access) },
      { version: options.to, content: visibleContent(to, access) },
    );
  });
}

/**
 * The current plan as a PDF for the person's home, in French or English, built from the same view
 * as getPlan: items of a category the reader may not see are not in it. Audited as plan.print.
 */
export async function getPlanPdf(ctx: TContext, options: { personId: string; lang?: 'fr' | 'en' }) {
  const printable = await withTransaction(ctx.db, async (tx) => {
    const access = await openPlan(ctx, tx, {
      personId: options.personId,
      action: 'read',
      auditAction: 'plan.print',
    });
    const view = await planView(ctx, tx, options.personId, access);
    const person = await findPersonHeading(tx, options.personId);
    if (!person) throw notFound('care_plan');
    return {
      ...view,
      person,
      reviewDue: view.review.due,
      hidden: view.hiddenCategories.length > 0,
    };
  });
  return renderPlanPdf(printable, options.lang ?? ctx.actor.locale);
}
