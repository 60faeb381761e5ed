import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { TextAreaField } from '../../components/Field';
import { formatDateTime, formatDay } from '../../format';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useSubmit } from '../pathway/use-submit';
import { alertsApi, type AlertView } from './alerts-api';

/** What the alert says, in words, from its kind and its few data. */
export function useAlertText() {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (alert: AlertView) => {
    const { data } = alert;
    const date = (value: unknown) => (typeof value === 'string' ? formatDay(value, locale) : '—');
    switch (alert.kind) {
      case 'no_contact':
        return t('alerts.text.no_contact', {
          days: data.days ?? '?',
          level: t(`assess.levels.${String(data.level)}`, { defaultValue: String(data.level) }),
        });
      case 'unplanned_stay':
        return t('alerts.text.unplanned_stay', { date: date(data.admittedAt) });
      case 'discharge_follow_up':
        return t('alerts.text.discharge_follow_up', { date: date(data.dischargedAt) });
      case 'plan_review_overdue':
        return t('alerts.text.plan_review_overdue', { date: date(data.lastReviewedAt) });
      case 'referral_unanswered':
        return t('alerts.text.referral_unanswered', {
          date: date(data.sentAt),
          urgency: t(`referrals.urgency.${String(data.urgency)}`, {
            defaultValue: String(data.urgency),
          }),
        });
      case 'caseload_over_cap':
        return t('alerts.text.caseload_over_cap', { count: data.count ?? 0, cap: data.cap ?? 0 });
      case 'appointment_missed':
        return t('alerts.text.appointment_missed', {
          date: typeof data.startsAt === 'string' ? formatDateTime(data.startsAt, locale) : '—',
          kind: t(`agenda.kinds.${String(data.kind)}`, { defaultValue: String(data.kind) }),
        });
    }
  };
}

/**
 * One alert: its kind, whom it is about, what it says, when it was raised and is due, who owns
 * it; the owner (or the coordination team) acknowledges it or resolves it with a note.
 */
export function AlertItem({
  alert,
  showPerson = true,
  onChanged,
}: {
  alert: AlertView;
  showPerson?: boolean;
  onChanged: (alert: AlertView) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const text = useAlertText();
  const [step, setStep] = useState<'acknowledge' | 'resolve' | null>(null);
  const standing = alert.state === 'open' || alert.state === 'acknowledged';
  const about = alert.person ?? alert.member;
  return (
    <li className={`alert-item alert-item-${alert.state}`}>
      <p className="alert-item-head">
        <span className={`tag tag-alert-${alert.kind}`}>{t(`alerts.kinds.${alert.kind}`)}</span>{' '}
        {alert.state !== 'open' && <span className="tag">{t(`alerts.states.${alert.state}`)}</span>}{' '}
        {alert.overdue && <span className="tag tag-overdue">{t('alerts.overdue')}</span>}
      </p>
      {showPerson && about && (
        <p className="alert-item-about">
          {alert.person ? (
            <Link to={`/persons/${alert.person.id}`}>
              <span className="last-name">{alert.person.lastName}</span> {alert.person.firstName}
            </Link>
          ) : (
            <span>
              {about.firstName} {about.lastName}
            </span>
          )}
        </p>
      )}
      <p>{text(alert)}</p>
      <p className="secondary">
        {t('alerts.raised', { date: formatDateTime(alert.raisedAt, locale) })}
        {alert.dueAt && (
          <>
            {' · '}
            <span className={alert.overdue ? 'warning-text' : undefined}>
              {t('alerts.due', { date: formatDateTime(alert.dueAt, locale) })}
            </span>
          </>
        )}
        {' · '}
        {alert.owner ? t('alerts.owner', { name: alert.owner.displayName }) : t('alerts.ownerTeam')}
      </p>
      {alert.acknowledged && (
        <p className="secondary">
          {t('alerts.acknowledgedBy', {
            name: alert.acknowledged.by ?? '—',
            date: formatDateTime(alert.acknowledged.at, locale),
          })}
          {alert.acknowledged.note && <> : « {alert.acknowledged.note} »</>}
        </p>
      )}
      {alert.resolved && (
        <p className="secondary">
          {t('alerts.resolvedBy', {
            name: alert.resolved.by ?? '—',
            date: formatDateTime(alert.resolved.at, locale),
          })}
          {alert.resolved.note && <> : « {alert.resolved.note} »</>}
        </p>
      )}
      {alert.clearedAt && (
        <p className="secondary">
          {t('alerts.clearedAt', { date: formatDateTime(alert.clearedAt, locale) })}
        </p>
      )}
      {alert.canHandle && standing && (
        <ul className="page-actions" aria-label={t('alerts.actions')}>
          {alert.state === 'open' && (
            <li>
              <button
                type="button"
                className="button button-small"
                aria-expanded={step === 'acknowledge'}
                onClick={() => setStep(step === 'acknowledge' ? null : 'acknowledge')}
              >
                {t('alerts.acknowledge')}
              </button>
            </li>
          )}
          <li>
            <button
              type="button"
              className="button button-small"
              aria-expanded={step === 'resolve'}
              onClick={() => setStep(step === 'resolve' ? null : 'resolve')}
            >
              {t('alerts.resolve')}
            </button>
          </li>
        </ul>
      )}
      {step && (
        <NoteForm
          key={step}
          alert={alert}
          step={step}
          onDone={(next) => {
            setStep(null);
            onChanged(next);
          }}
        />
      )}
    </li>
  );
}

function NoteForm({
  alert,
  step,
  onDone,
}: {
  alert: AlertView;
  step: 'acknowledge' | 'resolve';
  onDone: (alert: AlertView) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [note, setNote] = useState('');
  const { error, busy, onSubmit } = useSubmit(async () =>
    onDone(
      step === 'acknowledge'
        ? await alertsApi.acknowledge(alert.id, note)
        : await alertsApi.resolve(alert.id, note),
    ),
  );
  const errors = fieldErrorsOf(error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <TextAreaField
        label={step === 'resolve' ? t('alerts.resolveNote') : t('alerts.acknowledgeNote')}
        hint={step === 'resolve' ? t('alerts.resolveHint') : t('alerts.acknowledgeHint')}
        name={`note-${alert.id}`}
        required={step === 'resolve'}
        rows={3}
        maxLength={1000}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={errors.note}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy
          ? t('common.saving')
          : step === 'resolve'
            ? t('alerts.resolveSubmit')
            : t('alerts.acknowledgeSubmit')}
      </button>
    </form>
  );
}
