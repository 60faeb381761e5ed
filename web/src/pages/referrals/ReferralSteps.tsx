import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../format';
import { currentLocale } from '../../i18n';
import type { Referral } from './referrals-api';

/** The referral's state and urgency as tags, an overdue one flagged. */
export function ReferralTags({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`tag tag-referral-${referral.state}`}>
        {t(`referrals.state.${referral.state}`)}
      </span>{' '}
      <span className="tag">{t(`referrals.urgency.${referral.urgency}`)}</span>
      {referral.overdue && (
        <>
          {' '}
          <span className="tag tag-overdue">{t('referrals.overdue')}</span>
        </>
      )}
    </>
  );
}

/**
 * Every timed step of a referral, oldest first: sent, each recipient's question, answer and
 * acceptance or decline, filled, completed or cancelled.
 */
export function ReferralSteps({ referral }: { referral: Referral }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const steps: { at: string; text: string; note?: string | null }[] = [
    { at: referral.sentAt, text: t('referrals.step.sent', { count: referral.recipients.length }) },
  ];
  for (const r of referral.recipients) {
    if (r.infoRequestedAt) {
      steps.push({
        at: r.infoRequestedAt,
        text: t('referrals.step.infoRequested', { name: r.name }),
        note: r.infoQuestion,
      });
    }
    if (r.infoAnsweredAt) {
      steps.push({
        at: r.infoAnsweredAt,
        text: t('referrals.step.infoAnswered', { name: r.name }),
        note: r.infoAnswer,
      });
    }
    if (r.answeredAt && r.state === 'accepted') {
      steps.push({
        at: r.answeredAt,
        text: t('referrals.step.accepted', {
          name: r.name,
          date: r.firstDate ? formatDate(r.firstDate, locale) : '',
        }),
      });
    }
    if (r.answeredAt && r.state === 'declined') {
      steps.push({
        at: r.answeredAt,
        text: t('referrals.step.declined', { name: r.name }),
        note: r.declineReason,
      });
    }
  }
  if (referral.closedAt) {
    steps.push({
      at: referral.closedAt,
      text: t(`referrals.step.${referral.state === 'completed' ? 'completed' : 'cancelled'}`),
      note: referral.outcome,
    });
  }
  steps.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className="plain-list timeline referral-steps">
      {steps.map((step, index) => (
        <li key={index}>
          <time dateTime={step.at}>{formatDateTime(step.at, locale)}</time> — {step.text}
          {step.note && <span className="secondary"> : « {step.note} »</span>}
        </li>
      ))}
      {referral.state === 'sent' && (
        <li className={referral.overdue ? 'warning-text' : 'secondary'}>
          {t(referral.overdue ? 'referrals.dueWas' : 'referrals.dueBy', {
            date: formatDateTime(referral.dueAt, locale),
          })}
        </li>
      )}
    </ol>
  );
}
