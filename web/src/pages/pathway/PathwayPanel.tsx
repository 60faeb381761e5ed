import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Field, SelectField, TextAreaField } from '../../components/Field';
import { formatDate, formatDateTime, formatDay } from '../../format';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import type { Role } from '../../api';
import { useSession } from '../../session';
import { useLoaded } from '../admin/shared';
import { AssignForm } from './AssignForm';
import { useSubmit } from './use-submit';
import {
  CLOSE_REASONS,
  pathwayApi,
  type CloseReason,
  type PathwayState,
  type PathwayView,
  type WorkloadBoard,
} from './pathway-api';

/** The coordination team: they pick among every case manager (the workload board's list). */
const STAFF: readonly Role[] = ['admin', 'coordinator'];

type Member = { firstName: string; lastName: string } | null;
const nameOf = (member: Member) => (member ? `${member.firstName} ${member.lastName}` : '—');

/**
 * The person page's pathway panel: the state, since when and why, who answers for the person,
 * the moves this reader may make (a button each, opening a small form), and the history.
 */
export function PathwayPanel({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const fetcher = useCallback(() => pathwayApi.get(personId), [personId]);
  const [state] = useLoaded(fetcher);
  const [view, setView] = useState<PathwayView | null>(null);
  const { session } = useSession();
  // A reader the guard refuses the pathway (an objection, say) sees no panel at all.
  if (state.status !== 'ready') return null;
  const current = view ?? state.data;
  return (
    <section className="card pathway-panel" aria-labelledby="pathway-title">
      <h2 id="pathway-title">{t('pathway.title')}</h2>
      {current.pathway ? (
        <PathwayBody personId={personId} view={current} onChanged={setView} />
      ) : (
        <p className="muted">{t('pathway.none')}</p>
      )}
      {current.canSteer && STAFF.includes(session?.user.role ?? 'patient') && (
        <Handover
          personId={personId}
          currentId={current.caseManager?.id ?? null}
          onDone={() => void pathwayApi.get(personId).then(setView)}
        />
      )}
    </section>
  );
}

function PathwayBody({
  personId,
  view,
  onChanged,
}: {
  personId: string;
  view: PathwayView;
  onChanged: (view: PathwayView) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [moving, setMoving] = useState<PathwayState | null>(null);
  const pathway = view.pathway!;
  return (
    <>
      <p>
        <span className={`tag tag-pathway-${pathway.state}`}>
          {t(`pathway.state.${pathway.state}`)}
        </span>{' '}
        {t('pathway.since', { date: formatDay(pathway.stateSince, locale) })}
        {pathway.state === 'active' && pathway.level && (
          <> · {t(`assess.levels.${pathway.level}`)}</>
        )}
      </p>
      <dl className="facts">
        {pathway.stateReason && (
          <div>
            <dt>{t('pathway.reason')}</dt>
            <dd>{pathway.stateReason}</dd>
          </div>
        )}
        {pathway.expectedEnd && (
          <div>
            <dt>{t('pathway.expectedEnd')}</dt>
            <dd>{formatDate(pathway.expectedEnd, locale)}</dd>
          </div>
        )}
        {pathway.closeReason && (
          <div>
            <dt>{t('pathway.closeReason')}</dt>
            <dd>{t(`pathway.close.${pathway.closeReason}`)}</dd>
          </div>
        )}
        <div>
          <dt>{t('pathway.caseManager')}</dt>
          <dd>{view.caseManager ? nameOf(view.caseManager) : t('pathway.noCaseManager')}</dd>
        </div>
        {pathway.referent && (
          <div>
            <dt>{t('pathway.referent')}</dt>
            <dd>{nameOf(pathway.referent)}</dd>
          </div>
        )}
      </dl>
      {view.needsCaseManager && (
        <p className="warning-text" role="status">
          {t('caseGaps.needsCaseManager', {
            level: view.levelInForce ? t(`caseload.level.${view.levelInForce}`) : '—',
          })}
        </p>
      )}
      {view.nextStates.length > 0 && (
        <ul className="page-actions" aria-label={t('pathway.actions')}>
          {view.nextStates.map((to) => (
            <li key={to}>
              <button
                type="button"
                className="button button-small"
                aria-expanded={moving === to}
                onClick={() => setMoving(moving === to ? null : to)}
              >
                {t(`pathway.move.${to}`)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {moving && (
        <TransitionForm
          key={moving}
          personId={personId}
          version={pathway.version}
          to={moving}
          onDone={(next) => {
            setMoving(null);
            onChanged(next);
          }}
        />
      )}
      <PathwayHistory history={view.history} />
    </>
  );
}

/** The small form of one move: a reason, the expected end of a suspension, a closure's reason. */
function TransitionForm({
  personId,
  version,
  to,
  onDone,
}: {
  personId: string;
  version: number;
  to: PathwayState;
  onDone: (view: PathwayView) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const [expectedEnd, setExpectedEnd] = useState('');
  const [closeReason, setCloseReason] = useState<CloseReason>('goals_met');
  const { error, busy, onSubmit } = useSubmit(async () =>
    onDone(
      await pathwayApi.transition(personId, {
        version,
        to,
        ...(reason.trim() ? { reason } : {}),
        ...(to === 'suspended' && expectedEnd ? { expectedEnd } : {}),
        ...(to === 'closed' ? { closeReason } : {}),
      }),
    ),
  );

  const errors = fieldErrorsOf(error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h3>{t(`pathway.move.${to}`)}</h3>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {to === 'closed' && (
        <SelectField
          label={t('pathway.closeReason')}
          name="closeReason"
          value={closeReason}
          onChange={(value) => setCloseReason(value as CloseReason)}
          options={CLOSE_REASONS.map((value) => ({ value, label: t(`pathway.close.${value}`) }))}
          error={errors.closeReason}
        />
      )}
      {to === 'suspended' && (
        <Field
          label={t('pathway.expectedEnd')}
          name="expectedEnd"
          type="date"
          required
          value={expectedEnd}
          onChange={(event) => setExpectedEnd(event.target.value)}
          error={errors.expectedEnd}
        />
      )}
      <TextAreaField
        label={t('pathway.reason')}
        name="reason"
        hint={t(to === 'closed' ? 'pathway.reasonOptional' : 'pathway.reasonHint')}
        required={to !== 'closed'}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('pathway.confirm')}
      </button>
    </form>
  );
}

/** Who moved the pathway or handed the person over, when and why, newest first. */
function PathwayHistory({ history }: { history: PathwayView['history'] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (history.length === 0) return null;
  return (
    <>
      <h3>{t('pathway.history')}</h3>
      <ol className="plain-list pathway-history">
        {history.map((entry) => (
          <li key={entry.id}>
            <span className="secondary">
              {formatDateTime(entry.at, locale)}
              {entry.by && ` · ${entry.by}`}
            </span>
            <br />
            {entry.kind === 'transition' &&
              t('pathway.historyMove', {
                from: t(`pathway.state.${entry.fromState ?? 'requested'}`),
                to: t(`pathway.state.${entry.toState ?? 'requested'}`),
              })}
            {entry.kind === 'case_manager' &&
              t('pathway.historyCaseManager', {
                from: nameOf(entry.fromMember),
                to: nameOf(entry.toMember),
              })}
            {entry.kind === 'referent' &&
              t('pathway.historyReferent', {
                from: nameOf(entry.fromMember),
                to: nameOf(entry.toMember),
              })}
            {entry.forced && <strong> {t('pathway.forced')}</strong>}
            {entry.closeReason && <> · {t(`pathway.close.${entry.closeReason}`)}</>}
            {entry.expectedEnd && (
              <> · {t('pathway.until', { date: formatDate(entry.expectedEnd, locale) })}</>
            )}
            {entry.reason && <> — « {entry.reason} »</>}
          </li>
        ))}
      </ol>
    </>
  );
}

/** Hands the person over to another case manager (the coordination team), with the cap shown. */
function Handover({
  personId,
  currentId,
  onDone,
}: {
  personId: string;
  currentId: string | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [managers, setManagers] = useState<WorkloadBoard['managers'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);

  async function toggle() {
    setOpen(!open);
    if (open || managers) return;
    try {
      setManagers((await pathwayApi.board()).managers);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <>
      <p>
        <button
          type="button"
          className="button button-small"
          aria-expanded={open}
          onClick={() => void toggle()}
        >
          {currentId ? t('pathway.handover') : t('board.assign')}
        </button>
      </p>
      {open && error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {open && managers && (
        <AssignForm
          personId={personId}
          managers={managers}
          currentId={currentId}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      )}
    </>
  );
}
