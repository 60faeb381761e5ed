import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import { Field, SelectField } from '../../components/Field';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from '../directory/shared';
import type { DecisionAction } from './conferences-api';

export type ActionDraft = {
  goalId: string;
  text: string;
  whoMemberId: string;
  start: string;
  end: string;
  category: string;
  target: string;
};

/** The draft as the server takes it (an empty end: open-ended). */
export function actionOf(draft: ActionDraft): DecisionAction {
  return {
    goalId: draft.goalId,
    text: draft.text,
    whoMemberId: draft.whoMemberId,
    start: draft.start,
    end: draft.end || null,
    category: draft.category,
    target: draft.target,
  };
}

/**
 * What, who and when of the plan action a decision becomes (decision 039): under one of the
 * plan's goals, done by a member of the person's care team. The goals, the team and the codes
 * come from the person's plan and record, read through the guard like on their pages.
 */
export function DecisionActionFields({
  personId,
  draft,
  onChange,
  errors,
}: {
  personId: string;
  draft: ActionDraft;
  onChange: (draft: ActionDraft) => void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const fetcher = useCallback(
    () => Promise.all([api.getPlan(personId), api.getPerson(personId), api.getPlanVocabulary()]),
    [personId],
  );
  const [state, retry] = useLoaded(fetcher);
  const hintId = useId();
  const set = (field: keyof ActionDraft) => (value: string) =>
    onChange({ ...draft, [field]: value });
  const locale = currentLocale();
  return (
    <Show state={state} retry={retry}>
      {([plan, person, vocabulary]) => {
        const goals = plan.content.goals.filter(
          (goal) => goal.status !== 'reached' && goal.status !== 'abandoned',
        );
        if (goals.length === 0) {
          return (
            <p className="hint" role="status">
              {t('conferences.action.noGoal')}{' '}
              <Link to={`/persons/${personId}/plan`}>{t('conferences.action.openPlan')}</Link>
            </p>
          );
        }
        const team = [
          ...(person.caseManager
            ? [
                {
                  memberId: person.caseManager.memberId,
                  label: `${person.caseManager.firstName} ${person.caseManager.lastName} — ${t('conferences.action.caseManager')}`,
                },
              ]
            : []),
          ...person.careTeam
            .filter((member) => member.memberId !== person.caseManager?.memberId)
            .map((member) => ({
              memberId: member.memberId,
              label: `${member.firstName} ${member.lastName} — ${member.roleTitle ?? member.profession}`,
            })),
        ];
        return (
          <div className="stack conference-action" aria-describedby={hintId}>
            <p className="hint" id={hintId}>
              {t('conferences.action.hint')}
            </p>
            <SelectField
              label={t('conferences.action.goal')}
              name="action.goalId"
              value={draft.goalId}
              onChange={set('goalId')}
              error={errors['action.goalId']}
              options={[
                { value: '', label: t('conferences.action.choose') },
                ...goals.map((goal) => ({ value: goal.id, label: goal.text })),
              ]}
            />
            <Field
              label={t('conferences.action.text')}
              name="action.text"
              value={draft.text}
              maxLength={2000}
              onChange={(event) => set('text')(event.target.value)}
              error={errors['action.text']}
            />
            <SelectField
              label={t('conferences.action.who')}
              name="action.whoMemberId"
              value={draft.whoMemberId}
              onChange={set('whoMemberId')}
              error={errors['action.whoMemberId']}
              hint={t('conferences.action.whoHint')}
              options={[
                { value: '', label: t('conferences.action.choose') },
                ...team.map((member) => ({ value: member.memberId, label: member.label })),
              ]}
            />
            <div className="conference-action-dates">
              <Field
                label={t('conferences.action.start')}
                name="action.start"
                type="date"
                value={draft.start}
                onChange={(event) => set('start')(event.target.value)}
                error={errors['action.start']}
              />
              <Field
                label={t('conferences.action.end')}
                name="action.end"
                type="date"
                value={draft.end}
                onChange={(event) => set('end')(event.target.value)}
                error={errors['action.end']}
              />
            </div>
            <details>
              <summary>{t('conferences.action.codes')}</summary>
              <SelectField
                label={t('conferences.action.category')}
                name="action.category"
                value={draft.category}
                onChange={set('category')}
                options={vocabulary.actionCategories.map((term) => ({
                  value: term.code,
                  label: term[locale],
                }))}
              />
              <SelectField
                label={t('conferences.action.target')}
                name="action.target"
                value={draft.target}
                onChange={set('target')}
                options={[...vocabulary.actionTargets]
                  .sort((a, b) => a[locale].localeCompare(b[locale], locale))
                  .map((term) => ({ value: term.code, label: term[locale] }))}
              />
            </details>
          </div>
        );
      }}
    </Show>
  );
}
