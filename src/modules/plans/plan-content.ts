/**
 * Pure rules over a plan's content (decision 017): which items a reader may see, how a writer who
 * may not see some keeps them untouched, what must stay in view, and the diff of two versions.
 */
import type { TMessageKey } from '../../server/messages.js';
import { categoryOfDimension, dimensionOf, type TPlanDimension } from './plan-vocabulary.js';
import type { TPlanContent, TPlanDiff } from './plans.schemas.js';

export const EMPTY_PLAN: TPlanContent = {
  situation: '',
  wishes: '',
  priorities: '',
  referentMemberId: null,
  needs: [],
  goals: [],
  actions: [],
};

/** Goals that may leave the plan: those closed as reached or abandoned. Others stay in view. */
const GOAL_MAY_LEAVE = new Set(['reached', 'abandoned']);

/** The need's PPCS dimension (the code fixes it; a code is never removed from the list). */
export function needDimension(code: string): TPlanDimension {
  return dimensionOf(code) ?? 'medical';
}

/** The ids of the items of a category the reader may not see: medical needs, their goals and actions. */
function hiddenIds(content: TPlanContent) {
  const needs = new Set(
    content.needs
      .filter((need) => categoryOfDimension(needDimension(need.code)) === 'medical')
      .map((need) => need.id),
  );
  const goals = new Set(
    content.goals.filter((goal) => needs.has(goal.needId)).map((goal) => goal.id),
  );
  const actions = new Set(
    content.actions.filter((action) => goals.has(action.goalId)).map((action) => action.id),
  );
  return { needs, goals, actions };
}

/** The content this reader may see: without medical and psychological items unless granted. */
export function visibleContent(content: TPlanContent, access: { medical: boolean }): TPlanContent {
  if (access.medical) return content;
  const hidden = hiddenIds(content);
  return {
    ...content,
    needs: content.needs.filter((need) => !hidden.needs.has(need.id)),
    goals: content.goals.filter((goal) => !hidden.goals.has(goal.id)),
    actions: content.actions.filter((action) => !hidden.actions.has(action.id)),
  };
}

export type TContentProblem = { field: string; message: TMessageKey };

/**
 * A save by a writer who may not see medical items: their content must hold none (nor point at
 * one), and the base version's hidden items are carried over unchanged.
 */
export function withHiddenItemsOf(
  submitted: TPlanContent,
  base: TPlanContent,
): { content: TPlanContent; problems: TContentProblem[] } {
  const problems: TContentProblem[] = [];
  const ownHidden = hiddenIds(submitted);
  const baseHidden = hiddenIds(base);
  submitted.needs.forEach((need, index) => {
    if (ownHidden.needs.has(need.id) || baseHidden.needs.has(need.id)) {
      problems.push({ field: `content.needs.${index}.code`, message: 'plans.medical_not_allowed' });
    }
  });
  submitted.goals.forEach((goal, index) => {
    if (baseHidden.goals.has(goal.id) || baseHidden.needs.has(goal.needId)) {
      problems.push({
        field: `content.goals.${index}.needId`,
        message: 'plans.medical_not_allowed',
      });
    }
  });
  submitted.actions.forEach((action, index) => {
    if (baseHidden.actions.has(action.id) || baseHidden.goals.has(action.goalId)) {
      problems.push({
        field: `content.actions.${index}.goalId`,
        message: 'plans.medical_not_allowed',
      });
    }
  });
  const content: TPlanContent = {
    ...submitted,
    needs: [...submitted.needs, ...base.needs.filter((need) => baseHidden.needs.has(need.id))],
    goals: [...submitted.goals, ...base.goals.filter((goal) => baseHidden.goals.has(goal.id))],
    actions: [
      ...submitted.actions,
      ...base.actions.filter((action) => baseHidden.actions.has(action.id)),
    ],
  };
  return { content, problems };
}

/**
 * The structure of a version: ids unique, each goal under a need of the plan, each action under a
 * goal, dates in order, and every goal of the base version that is not closed as reached or
 * abandoned still there ("goals set and not reached stay in view", HAS PPCS).
 */
export function contentProblems(content: TPlanContent, base: TPlanContent): TContentProblem[] {
  const problems: TContentProblem[] = [];
  const seen = new Set<string>();
  const unique = (id: string, field: string) => {
    if (seen.has(id)) problems.push({ field, message: 'plans.duplicate_id' });
    seen.add(id);
  };
  content.needs.forEach((need, index) => unique(need.id, `content.needs.${index}.id`));
  content.goals.forEach((goal, index) => unique(goal.id, `content.goals.${index}.id`));
  content.actions.forEach((action, index) => unique(action.id, `content.actions.${index}.id`));
  const needIds = new Set(content.needs.map((need) => need.id));
  const goalIds = new Set(content.goals.map((goal) => goal.id));
  content.goals.forEach((goal, index) => {
    if (!needIds.has(goal.needId)) {
      problems.push({ field: `content.goals.${index}.needId`, message: 'plans.unknown_need' });
    }
  });
  content.actions.forEach((action, index) => {
    if (!goalIds.has(action.goalId)) {
      problems.push({ field: `content.actions.${index}.goalId`, message: 'plans.unknown_goal' });
    }
    if (action.start && action.end && action.end < action.start) {
      problems.push({ field: `content.actions.${index}.end`, message: 'plans.dates_order' });
    }
  });
  base.goals.forEach((goal) => {
    if (!goalIds.has(goal.id) && !GOAL_MAY_LEAVE.has(goal.status)) {
      problems.push({ field: 'content.goals', message: 'plans.goal_kept' });
    }
  });
  return problems;
}

type TChange = TPlanDiff['fields'][number];
type TItem = { id: string; text: string };

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function changesOf(before: Record<string, unknown>, after: Record<string, unknown>): TChange[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((key) => key !== 'id' && !same(before[key], after[key]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
}

function diffItems<T extends TItem>(before: readonly T[], after: readonly T[]) {
  const beforeById = new Map(before.map((item) => [item.id, item]));
  const afterIds = new Set(after.map((item) => item.id));
  return {
    added: after.filter((item) => !beforeById.has(item.id)),
    removed: before.filter((item) => !afterIds.has(item.id)),
    changed: after.flatMap((item) => {
      const previous = beforeById.get(item.id);
      const changes = previous ? changesOf(previous, item) : [];
      return changes.length ? [{ id: item.id, label: item.text.slice(0, 120), changes }] : [];
    }),
  };
}

const FIELDS = ['situation', 'wishes', 'priorities', 'referentMemberId'] as const;

/** What changed from one version to another: fields, and needs, goals and actions by id. */
export function diffContents(
  from: { version: number; content: TPlanContent },
  to: { version: number; content: TPlanContent },
): TPlanDiff {
  return {
    from: from.version,
    to: to.version,
    fields: FIELDS.filter((field) => !same(from.content[field], to.content[field])).map(
      (field) => ({ field, before: from.content[field], after: to.content[field] }),
    ),
    needs: diffItems(from.content.needs, to.content.needs),
    goals: diffItems(from.content.goals, to.content.goals),
    actions: diffItems(from.content.actions, to.content.actions),
  };
}
