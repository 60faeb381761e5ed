import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanContent, PlanNeed, PlanVocabulary } from '../../api';
import { SelectField, TextAreaField } from '../../components/Field';
import { currentLocale } from '../../i18n';
import { FindingsPicker, type FindingChoice } from './FindingsPicker';
import { ActionFields, AddRow, GoalFields, ItemErrors } from './PlanItems';
import {
  type CodeLabels,
  DIMENSIONS,
  type Dimension,
  newAction,
  newGoal,
  newNeed,
  type PersonOption,
} from './plan-model';

type EditorProps = {
  content: PlanContent;
  onChange: (content: PlanContent) => void;
  vocabulary: PlanVocabulary;
  labels: CodeLabels;
  people: PersonOption[];
  onNewPerson: (option: PersonOption) => void;
  errors: Map<string, string[]>;
  readOnly: boolean;
  /** Dimensions whose items this reader may not see (and so may not add). */
  hiddenDimensions: Dimension[];
  /** The person's assessment items a need may be linked to. */
  findings: FindingChoice[];
};

/**
 * The plan's content as a form: the person's situation, wishes and priorities with the referent,
 * then the needs of each PPCS dimension, each need's goals under it and each goal's actions.
 */
export function PlanEditor(props: EditorProps) {
  const { t } = useTranslation();
  const { content, onChange, people, readOnly } = props;
  const set = (changes: Partial<PlanContent>) => onChange({ ...content, ...changes });
  const situationId = useId();
  return (
    <div className="stack">
      <section className="card" aria-labelledby={situationId}>
        <h2 id={situationId}>{t('plan.situationTitle')}</h2>
        <ItemErrors messages={props.errors.get('plan')} />
        <fieldset className="plan-fields" disabled={readOnly}>
          <legend className="visually-hidden">{t('plan.situationTitle')}</legend>
          <TextAreaField
            label={t('plan.field.situation')}
            name="situation"
            value={content.situation}
            onChange={(event) => set({ situation: event.target.value })}
          />
          <TextAreaField
            label={t('plan.field.wishes')}
            name="wishes"
            hint={t('plan.wishesHint')}
            value={content.wishes}
            onChange={(event) => set({ wishes: event.target.value })}
          />
          <TextAreaField
            label={t('plan.field.priorities')}
            name="priorities"
            value={content.priorities}
            onChange={(event) => set({ priorities: event.target.value })}
          />
          <SelectField
            label={t('plan.field.referentMemberId')}
            name="referentMemberId"
            value={content.referentMemberId ?? ''}
            onChange={(value) => set({ referentMemberId: value || null })}
            options={[
              { value: '', label: t('plan.none') },
              ...people
                .filter((person) => person.value.startsWith('member:'))
                .map((person) => ({ ...person, value: person.value.slice(7) })),
            ]}
          />
        </fieldset>
      </section>
      {DIMENSIONS.filter((dimension) => !props.hiddenDimensions.includes(dimension)).map(
        (dimension) => (
          <DimensionSection key={dimension} dimension={dimension} {...props} />
        ),
      )}
      {props.hiddenDimensions.length > 0 && <p className="hint">{t('plan.hiddenNote')}</p>}
    </div>
  );
}

function DimensionSection({ dimension, ...props }: EditorProps & { dimension: Dimension }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { content, onChange, labels, readOnly } = props;
  const headingId = useId();
  const codes = props.vocabulary.needs
    .filter((need) => need.dimension === dimension)
    .map((need) => ({ value: need.code, label: need[locale] }));
  const [code, setCode] = useState(codes[0]?.value ?? '');
  const needs = content.needs.filter((need) => labels.dimensionOf(need.code) === dimension);
  return (
    <section className="card plan-dimension" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`plan.dimension.${dimension}`)}</h2>
      {needs.length === 0 && <p className="muted">{t('plan.noNeed')}</p>}
      {needs.map((need) => (
        <NeedCard key={need.id} need={need} codes={codes} {...props} />
      ))}
      {!readOnly && (
        <AddRow
          label={t('plan.newNeed')}
          button={t('plan.addNeed')}
          onAdd={(text) => onChange({ ...content, needs: [...content.needs, newNeed(code, text)] })}
          before={
            <SelectField
              label={t('plan.field.needCode')}
              name="newNeedCode"
              value={code}
              onChange={setCode}
              options={codes}
            />
          }
        />
      )}
    </section>
  );
}

function NeedCard({
  need,
  codes,
  content,
  onChange,
  vocabulary,
  labels,
  people,
  errors,
  readOnly,
  findings,
  onNewPerson,
}: EditorProps & { need: PlanNeed; codes: { value: string; label: string }[] }) {
  const { t } = useTranslation();
  const setNeed = (changes: Partial<PlanNeed>) =>
    onChange({
      ...content,
      needs: content.needs.map((item) => (item.id === need.id ? { ...item, ...changes } : item)),
    });
  const goals = content.goals.filter((goal) => goal.needId === need.id);
  const removeNeed = () => {
    const goalIds = new Set(goals.map((goal) => goal.id));
    onChange({
      ...content,
      needs: content.needs.filter((item) => item.id !== need.id),
      goals: content.goals.filter((goal) => goal.needId !== need.id),
      actions: content.actions.filter((action) => !goalIds.has(action.goalId)),
    });
  };
  return (
    <article className="plan-need">
      <h3>{labels.need(need.code)}</h3>
      <ItemErrors messages={errors.get(need.id)} />
      <fieldset className="plan-grid" disabled={readOnly}>
        <legend className="visually-hidden">{labels.need(need.code)}</legend>
        <SelectField
          label={t('plan.field.needCode')}
          name="code"
          value={need.code}
          onChange={(code) => setNeed({ code })}
          options={codes}
        />
        <TextAreaField
          label={t('plan.field.text')}
          name="text"
          value={need.text}
          onChange={(event) => setNeed({ text: event.target.value })}
        />
      </fieldset>
      <FindingsPicker
        need={need}
        choices={findings}
        readOnly={readOnly}
        onChange={(changed) => setNeed({ findings: changed })}
      />
      {!readOnly && (
        <button type="button" className="button button-quiet button-small" onClick={removeNeed}>
          {t('plan.removeNeed')}
        </button>
      )}
      <ol className="plan-goals">
        {goals.map((goal) => (
          <li key={goal.id}>
            <ItemErrors messages={errors.get(goal.id)} />
            <GoalFields
              goal={goal}
              vocabulary={vocabulary}
              labels={labels}
              readOnly={readOnly}
              onChange={(changed) =>
                onChange({
                  ...content,
                  goals: content.goals.map((item) => (item.id === goal.id ? changed : item)),
                })
              }
              onRemove={() =>
                onChange({
                  ...content,
                  goals: content.goals.filter((item) => item.id !== goal.id),
                  actions: content.actions.filter((action) => action.goalId !== goal.id),
                })
              }
            />
            <ul className="plan-actions">
              {content.actions
                .filter((action) => action.goalId === goal.id)
                .map((action) => (
                  <li key={action.id} id={`action-${action.id}`} tabIndex={-1}>
                    <ItemErrors messages={errors.get(action.id)} />
                    <ActionFields
                      action={action}
                      vocabulary={vocabulary}
                      labels={labels}
                      people={people}
                      onNewPerson={onNewPerson}
                      readOnly={readOnly}
                      onChange={(changed) =>
                        onChange({
                          ...content,
                          actions: content.actions.map((item) =>
                            item.id === action.id ? changed : item,
                          ),
                        })
                      }
                      onRemove={() =>
                        onChange({
                          ...content,
                          actions: content.actions.filter((item) => item.id !== action.id),
                        })
                      }
                    />
                  </li>
                ))}
            </ul>
            {!readOnly && (
              <AddRow
                label={t('plan.newAction')}
                button={t('plan.addAction')}
                onAdd={(text) =>
                  onChange({ ...content, actions: [...content.actions, newAction(goal.id, text)] })
                }
              />
            )}
          </li>
        ))}
      </ol>
      {!readOnly && (
        <AddRow
          label={t('plan.newGoal')}
          button={t('plan.addGoal')}
          onAdd={(text) =>
            onChange({ ...content, goals: [...content.goals, newGoal(need.id, text)] })
          }
        />
      )}
    </article>
  );
}
