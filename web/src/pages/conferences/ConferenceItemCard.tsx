import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import type { ConferenceItem, DecisionAction } from './conferences-api';
import { actionOf, DecisionActionFields, type ActionDraft } from './DecisionActionFields';

type Carry = 'action' | 'text';

/**
 * One person of the agenda: move, remove, the decision, and carrying it into the person's plan —
 * as an action (what, who, when) or in words in the priorities (decisions 031, 039). Errors show
 * here, beside what was done, not at the top of a long page.
 */
export function ConferenceItemCard(props: {
  item: ConferenceItem;
  /** The conference's day, YYYY-MM-DD: an action starts then unless changed. */
  day: string;
  busy: boolean;
  canEdit: boolean;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => Promise<unknown>;
  onRemove: () => Promise<unknown>;
  /** Each resolves to null when done, else the error. */
  onDecide: (decision: string) => Promise<unknown>;
  onWriteBack: (action: DecisionAction | null) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { item, busy, canEdit } = props;
  const [decision, setDecision] = useState(item.decision ?? '');
  const [error, setError] = useState<unknown>(null);
  const [carry, setCarry] = useState<Carry>('action');
  const [draft, setDraft] = useState<ActionDraft>({
    goalId: '',
    text: (item.decision ?? '').slice(0, 2000),
    whoMemberId: '',
    start: props.day,
    end: '',
    category: 'case_management',
    target: 'continuity_of_care',
  });
  useEffect(() => {
    setDecision(item.decision ?? '');
    setDraft((previous) =>
      previous.text ? previous : { ...previous, text: (item.decision ?? '').slice(0, 2000) },
    );
  }, [item.decision]);
  const name = item.visible ? (item.personName ?? '') : t('conferences.agenda.hidden');
  const written = item.planVersion !== null;
  const fieldId = `decision-${item.id}`;
  const saved = item.decision !== null && decision === item.decision;
  const actionReady =
    carry === 'text' || (draft.goalId && draft.whoMemberId && draft.start && draft.text.trim());
  const act = async (call: () => Promise<unknown>) => setError(await call());
  const fields = fieldErrorsOf(error);

  return (
    <article className="card conference-item" aria-labelledby={`${fieldId}-name`}>
      <div className="conference-item-head">
        <h3 id={`${fieldId}-name`}>
          {item.visible && item.personId ? (
            <Link to={`/persons/${item.personId}`}>{name}</Link>
          ) : (
            name
          )}
        </h3>
        {canEdit && (
          <div className="actions">
            <button
              type="button"
              className="button button-small"
              disabled={busy || props.first}
              onClick={() => void act(() => props.onMove(-1))}
              aria-label={t('conferences.agenda.up', { name })}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button-small"
              disabled={busy || props.last}
              onClick={() => void act(() => props.onMove(1))}
              aria-label={t('conferences.agenda.down', { name })}
            >
              ↓
            </button>
            {item.visible && !written && (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => void act(props.onRemove)}
                aria-label={t('conferences.agenda.removeNamed', { name })}
              >
                {t('conferences.agenda.remove')}
              </button>
            )}
          </div>
        )}
      </div>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {item.visible && written && (
        <>
          <p className="conference-decision">{item.decision}</p>
          <p className="hint">
            {t('conferences.decision.writtenBack', { version: item.planVersion })}{' '}
            {item.personId && (
              // A decision carried as an action links to that action in the plan (decision 044).
              <Link
                to={`/persons/${item.personId}/plan${item.planActionId ? `#action-${item.planActionId}` : ''}`}
              >
                {item.planActionId
                  ? t('conferences.decision.seeAction')
                  : t('conferences.decision.seePlan')}
              </Link>
            )}
          </p>
        </>
      )}
      {item.visible && !written && item.canDecide && canEdit && (
        <form
          className="form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => props.onDecide(decision));
          }}
        >
          <label htmlFor={fieldId}>{t('conferences.decision.label', { name })}</label>
          <textarea
            id={fieldId}
            className="input"
            rows={3}
            maxLength={4000}
            value={decision}
            aria-describedby={`${fieldId}-state`}
            onChange={(event) => setDecision(event.target.value)}
          />
          <p className="hint" id={`${fieldId}-state`}>
            {saved ? t('conferences.decision.saved') : t('conferences.decision.unsaved')}
          </p>
          {!saved && (
            <div className="actions">
              <button type="submit" className="button" disabled={busy || !decision.trim()}>
                {t('conferences.decision.save')}
              </button>
            </div>
          )}
        </form>
      )}
      {item.visible && !written && item.canDecide && canEdit && saved && item.personId && (
        <form
          className="form conference-carry"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => props.onWriteBack(carry === 'action' ? actionOf(draft) : null));
          }}
        >
          <fieldset className="choice-list">
            <legend>{t('conferences.carry.legend')}</legend>
            <label>
              <input
                type="radio"
                name={`${fieldId}-carry`}
                value="action"
                checked={carry === 'action'}
                onChange={() => setCarry('action')}
              />{' '}
              {t('conferences.carry.action')}
            </label>
            <label>
              <input
                type="radio"
                name={`${fieldId}-carry`}
                value="text"
                checked={carry === 'text'}
                onChange={() => setCarry('text')}
              />{' '}
              {t('conferences.carry.text')}
            </label>
          </fieldset>
          {carry === 'action' && (
            <DecisionActionFields
              personId={item.personId}
              draft={draft}
              onChange={setDraft}
              errors={fields}
            />
          )}
          <p className="hint">
            {carry === 'action'
              ? t('conferences.carry.actionHint')
              : t('conferences.carry.textHint')}
          </p>
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={busy || !actionReady}>
              {t('conferences.decision.writeBack')}
            </button>
          </div>
        </form>
      )}
      {item.visible && !written && !item.canDecide && item.decision && (
        <p className="conference-decision">{item.decision}</p>
      )}
    </article>
  );
}
