import { useId, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanAction, PlanGoal, PlanVocabulary } from '../../api';
import { Field, SelectField } from '../../components/Field';
import { currentLocale } from '../../i18n';
import { type CodeLabels, type PersonOption, whoFrom, whoValue } from './plan-model';
import { ServicePicker } from './ServicePicker';

/**
 * A text input and a button that add an item: Enter in the input adds too, and the focus stays
 * there for the next one (keyboard entry, no mouse needed).
 */
export function AddRow({
  label,
  button,
  onAdd,
  before,
}: {
  label: string;
  button: string;
  onAdd: (text: string) => void;
  before?: ReactNode;
}) {
  const [text, setText] = useState('');
  const id = useId();
  const add = () => {
    if (!text.trim()) return;
    onAdd(text.trim());
    setText('');
  };
  return (
    <div className="plan-add">
      {before}
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          value={text}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
      </div>
      <button type="button" className="button button-small" onClick={add}>
        {button}
      </button>
    </div>
  );
}

const ratings = (t: (key: 'plan.none') => string) => [
  { value: '', label: t('plan.none') },
  ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) })),
];

/** Messages of the server about one item, shown beside it. */
export function ItemErrors({ messages }: { messages: string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <ul className="field-error plan-errors">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** One goal: what it measures, from which rating to which, by when, where it stands. */
export function GoalFields({
  goal,
  vocabulary,
  labels,
  readOnly,
  onChange,
  onRemove,
}: {
  goal: PlanGoal;
  vocabulary: PlanVocabulary;
  labels: CodeLabels;
  readOnly: boolean;
  onChange: (goal: PlanGoal) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const set = (changes: Partial<PlanGoal>) => onChange({ ...goal, ...changes });
  const rating = (value: string) => (value ? Number(value) : null);
  return (
    <fieldset className="plan-goal" disabled={readOnly}>
      <legend>{t('plan.goal', { text: goal.text })}</legend>
      <div className="plan-grid">
        <Field
          label={t('plan.field.text')}
          name="text"
          value={goal.text}
          onChange={(event) => set({ text: event.target.value })}
          hint={t('plan.goalHint')}
        />
        <SelectField
          label={t('plan.field.code')}
          name="code"
          value={goal.code}
          onChange={(code) => set({ code: code })}
          options={vocabulary.goals.map((term) => ({
            value: term.code,
            label: labels.goal(term.code),
          }))}
        />
        <SelectField
          label={t('plan.field.baseline')}
          name="baseline"
          value={goal.baseline === null ? '' : String(goal.baseline)}
          onChange={(value) => set({ baseline: rating(value) })}
          options={ratings(t)}
        />
        <SelectField
          label={t('plan.field.target')}
          name="target"
          value={goal.target === null ? '' : String(goal.target)}
          onChange={(value) => set({ target: rating(value) })}
          options={ratings(t)}
        />
        <Field
          label={t('plan.field.targetDate')}
          name="targetDate"
          type="date"
          value={goal.targetDate ?? ''}
          onChange={(event) => set({ targetDate: event.target.value || null })}
        />
        <SelectField
          label={t('plan.field.status')}
          name="status"
          value={goal.status}
          onChange={(status) => set({ status: status as PlanGoal['status'] })}
          options={vocabulary.goalStatuses.map((code) => ({
            value: code,
            label: t(`plan.goalStatus.${code as PlanGoal['status']}`),
          }))}
        />
        <Field
          label={t('plan.field.outcome')}
          name="outcome"
          value={goal.outcome}
          onChange={(event) => set({ outcome: event.target.value })}
        />
      </div>
      {!readOnly && (
        <button type="button" className="button button-quiet button-small" onClick={onRemove}>
          {t('plan.removeGoal')}
        </button>
      )}
    </fieldset>
  );
}

/** One action: its code, what, who, how often, from when to when, where it stands. */
export function ActionFields({
  action,
  vocabulary,
  labels,
  people,
  readOnly,
  onChange,
  onRemove,
  onNewPerson,
}: {
  action: PlanAction;
  vocabulary: PlanVocabulary;
  labels: CodeLabels;
  people: PersonOption[];
  /** A service found in the directory joins the choices. */
  onNewPerson: (option: PersonOption) => void;
  readOnly: boolean;
  onChange: (action: PlanAction) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const set = (changes: Partial<PlanAction>) => onChange({ ...action, ...changes });
  const sorted = (list: { code: string; fr: string; en: string }[]) =>
    [...list]
      .sort((a, b) => a[locale].localeCompare(b[locale], locale))
      .map((term) => ({ value: term.code, label: term[locale] }));
  return (
    <fieldset className="plan-action" disabled={readOnly}>
      <legend>{t('plan.action', { text: action.text })}</legend>
      <div className="plan-grid">
        <Field
          label={t('plan.field.text')}
          name="text"
          value={action.text}
          onChange={(event) => set({ text: event.target.value })}
        />
        <SelectField
          label={t('plan.field.category')}
          name="category"
          value={action.category}
          onChange={(category) => set({ category: category })}
          options={vocabulary.actionCategories.map((term) => ({
            value: term.code,
            label: labels.category(term.code),
          }))}
        />
        <SelectField
          label={t('plan.field.actionTarget')}
          name="target"
          value={action.target}
          onChange={(target) => set({ target: target })}
          options={sorted(vocabulary.actionTargets)}
        />
        <SelectField
          label={t('plan.field.who')}
          name="who"
          value={whoValue(action.who)}
          onChange={(value) => set({ who: whoFrom(value) })}
          options={[{ value: '', label: t('plan.none') }, ...people]}
        />
        <Field
          label={t('plan.field.frequency')}
          name="frequency"
          value={action.frequency}
          onChange={(event) => set({ frequency: event.target.value })}
        />
        <Field
          label={t('plan.field.start')}
          name="start"
          type="date"
          value={action.start ?? ''}
          onChange={(event) => set({ start: event.target.value || null })}
        />
        <Field
          label={t('plan.field.end')}
          name="end"
          type="date"
          value={action.end ?? ''}
          onChange={(event) => set({ end: event.target.value || null })}
        />
        <SelectField
          label={t('plan.field.status')}
          name="status"
          value={action.status}
          onChange={(status) => set({ status: status as PlanAction['status'] })}
          options={vocabulary.actionStatuses.map((code) => ({
            value: code,
            label: t(`plan.actionStatus.${code as PlanAction['status']}`),
          }))}
        />
        <Field
          label={t('plan.field.outcome')}
          name="outcome"
          value={action.outcome}
          onChange={(event) => set({ outcome: event.target.value })}
        />
      </div>
      {!readOnly && (
        <ServicePicker
          onPick={(option) => {
            onNewPerson(option);
            set({ who: whoFrom(option.value) });
          }}
        />
      )}
      {!readOnly && (
        <button type="button" className="button button-quiet button-small" onClick={onRemove}>
          {t('plan.removeAction')}
        </button>
      )}
    </fieldset>
  );
}
