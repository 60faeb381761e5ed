import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from '../directory/shared';
import { referralsApi, type Referral } from './referrals-api';
import { ReferralTags } from './ReferralSteps';

const fetchInbox = () => referralsApi.inbox();

/** Still waiting for my answer: a line of mine the table lets me move. */
const toAnswer = (referral: Referral) => referral.recipients.some((r) => r.mine && r.moves.length);

/**
 * "Adressages reçus": the referrals addressed to me or to the services of the structures I work
 * at — those waiting for an answer first (overdue on top), then the others.
 */
export function ReferralInboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('referrals.inbox.title'));
  const [state, retry] = useLoaded(fetchInbox);
  return (
    <>
      <div className="page-intro">
        <h1>{t('referrals.inbox.title')}</h1>
        <p className="lead">{t('referrals.inbox.intro')}</p>
      </div>
      <Show state={state} retry={retry} errorTitle={t('referrals.loadError')}>
        {(list) => {
          const waiting = list.items
            .filter(toAnswer)
            .sort(
              (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt),
            );
          const others = list.items.filter((r) => !toAnswer(r));
          return (
            <>
              <section className="card" aria-labelledby="inbox-waiting">
                <h2 id="inbox-waiting">
                  {t('referrals.inbox.waiting', { count: waiting.length })}
                </h2>
                {waiting.length === 0 ? (
                  <p className="muted">{t('referrals.inbox.nothingWaiting')}</p>
                ) : (
                  <InboxList items={waiting} />
                )}
              </section>
              {others.length > 0 && (
                <section className="card" aria-labelledby="inbox-others">
                  <h2 id="inbox-others">{t('referrals.inbox.others')}</h2>
                  <InboxList items={others} />
                </section>
              )}
            </>
          );
        }}
      </Show>
    </>
  );
}

function InboxList({ items }: { items: Referral[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <ul className="plain-list referral-list">
      {items.map((referral) => {
        const mine = referral.recipients.find((r) => r.mine);
        const subject = referral.subject;
        return (
          <li key={referral.id}>
            <p>
              <Link to={`/adressages/${referral.id}`}>
                {subject
                  ? t('referrals.subjectLine', {
                      name: `${subject.firstName} ${subject.lastName}`,
                      age: subject.age ?? '?',
                      commune: subject.commune ?? '—',
                    })
                  : t('referrals.noSubject')}
              </Link>{' '}
              <ReferralTags referral={referral} />
            </p>
            <p className="referral-reason">{referral.reason}</p>
            <p className="secondary">
              {t('referrals.inbox.sentAt', { date: formatDateTime(referral.sentAt, locale) })}
              {mine && (
                <>
                  {' · '}
                  {mine.name} : {t(`referrals.recipientState.${mine.state}`)}
                </>
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
