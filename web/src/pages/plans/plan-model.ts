import type { PlanAction, PlanContent, PlanGoal, PlanNeed, PlanVocabulary } from '../../api';
import type { Locale } from '../../api';

export const DIMENSIONS = ['medical', 'psychological', 'social', 'environmental'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Who may carry an action or be the referent: the case manager, the team, names already used. */
export type PersonOption = { value: string; label: string };

/** A new need of this code: the id stays with it across versions (the diff follows it). */
export function newNeed(code: string, text: string): PlanNeed {
  return { id: crypto.randomUUID(), code, text, findings: [] };
}

export function newGoal(needId: string, text: string): PlanGoal {
  return {
    id: crypto.randomUUID(),
    needId,
    code: 'status',
    baseline: null,
    target: null,
    text,
    targetDate: null,
    status: 'in_progress',
    outcome: '',
  };
}

export function newAction(goalId: string, text: string): PlanAction {
  return {
    id: crypto.randomUUID(),
    goalId,
    category: 'case_management',
    target: 'other',
    text,
    who: null,
    frequency: '',
    start: null,
    end: null,
    status: 'planned',
    outcome: '',
  };
}

/** Labels of the plan's codes in the reader's language. */
export function codeLabels(vocabulary: PlanVocabulary, locale: Locale) {
  const map = (list: { code: string; fr: string; en: string }[]) =>
    new Map(list.map((term) => [term.code, term[locale]]));
  const needs = map(vocabulary.needs);
  const goals = map(vocabulary.goals);
  const categories = map(vocabulary.actionCategories);
  const targets = map(vocabulary.actionTargets);
  return {
    need: (code: string) => needs.get(code) ?? code,
    goal: (code: string) => goals.get(code) ?? code,
    category: (code: string) => categories.get(code) ?? code,
    target: (code: string) => targets.get(code) ?? code,
    dimensionOf: (code: string): Dimension =>
      vocabulary.needs.find((need) => need.code === code)?.dimension ?? 'medical',
  };
}
export type CodeLabels = ReturnType<typeof codeLabels>;

/** The value of an action's "who" in a select: member:<id>, service:<id>, or '' for nobody yet. */
export function whoValue(who: PlanAction['who']): string {
  if (!who) return '';
  return who.kind === 'member' ? `member:${who.memberId}` : `service:${who.serviceId}`;
}

export function whoFrom(value: string): PlanAction['who'] {
  const [kind, id] = value.split(':');
  if (kind === 'member' && id) return { kind: 'member', memberId: id };
  if (kind === 'service' && id) return { kind: 'service', serviceId: id };
  return null;
}

/** The server's field errors tied to the item they name (content.needs.3.code → that need's id). */
export function errorsByItem(content: PlanContent, details: unknown): Map<string, string[]> {
  const result = new Map<string, string[]>();
  const fields = (details as { fields?: { field: string; message: string }[] } | null)?.fields;
  for (const { field, message } of fields ?? []) {
    const [, list, index] = field.split('.');
    const items =
      list === 'needs' || list === 'goals' || list === 'actions' ? content[list] : undefined;
    const key = items?.[Number(index)]?.id ?? 'plan';
    result.set(key, [...(result.get(key) ?? []), message]);
  }
  return result;
}
