import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Relation } from '../../api';
import { useSession } from '../../session';
import { Show, useLoaded } from '../directory/shared';
import { referralsApi } from './referrals-api';
import { ReferralSteps, ReferralTags } from './ReferralSteps';

/**
 * The person page's "Adressages": send a new one ("Adresser"), and the person's referrals with
 * their recipients' answers and timed steps, the overdue ones flagged.
 */
export function ReferralsSection({ personId, relation }: { personId: string; relation: Relation }) {
  const { t } = useTranslation();
  const { session } = useSession();
  // who may send: the care team and network staff (the server's guard decides again)
  const canSend =
    session?.user.role === 'admin' || relation === 'case_manager' || relation === 'team_member';
  const [state, retry] = useLoaded(useCallback(() => referralsApi.ofPerson(personId), [personId]));
  return (
    <section className="card" aria-labelledby="referrals-title">
      <div className="section-header">
        <h2 id="referrals-title">{t('referrals.section.title')}</h2>
        {canSend && (
          <Link className="button button-primary" to={`/persons/${personId}/adresser`}>
            {t('referrals.section.send')}
          </Link>
        )}
      </div>
      <Show state={state} retry={retry} errorTitle={t('referrals.loadError')}>
        {(list) =>
          list.items.length === 0 ? (
            <p className="muted">{t('referrals.section.empty')}</p>
          ) : (
            <ul className="plain-list referral-list">
              {list.items.map((referral) => (
                <li key={referral.id}>
                  <p>
                    <Link to={`/adressages/${referral.id}`}>{referral.reason}</Link>{' '}
                    <ReferralTags referral={referral} />
                  </p>
                  <p className="secondary">
                    {referral.recipients
                      .map((r) => `${r.name} (${t(`referrals.recipientState.${r.state}`)})`)
                      .join(' · ')}
                  </p>
                  <details>
                    <summary>{t('referrals.section.steps')}</summary>
                    <ReferralSteps referral={referral} />
                  </details>
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}
