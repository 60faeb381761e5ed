import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useLoaded } from '../admin/shared';
import { AlertItem } from './AlertItem';
import { alertsApi } from './alerts-api';

/** How many alerts the home shows; the rest are on /alertes. */
const TOP = 3;

/**
 * The case manager's open alerts on "Ma file active": how many, and the most pressing few (overdue
 * follow-ups first), each handled where it stands; a link to the whole list.
 */
export function MyAlertsCard() {
  const { t } = useTranslation();
  const fetcher = useCallback(() => alertsApi.list({ scope: 'mine', limit: TOP }), []);
  const [state, retry] = useLoaded(fetcher);
  if (state.status !== 'ready') return null;
  const list = state.data;
  return (
    <section className="card my-alerts" aria-labelledby="my-alerts-title">
      <h2 id="my-alerts-title">
        {t('alerts.homeTitle')}{' '}
        <span className={list.total > 0 ? 'count-badge count-badge-warning' : 'count-badge'}>
          {list.total}
        </span>
      </h2>
      {list.total === 0 ? (
        <p className="muted">{t('alerts.homeNone')}</p>
      ) : (
        <ul className="alert-list">
          {list.items.map((alert) => (
            <AlertItem key={alert.id} alert={alert} onChanged={retry} />
          ))}
        </ul>
      )}
      <p>
        <Link to="/alertes">
          {list.total > TOP
            ? t('alerts.homeMore', { count: list.total - TOP })
            : t('alerts.homeAll')}
        </Link>
      </p>
    </section>
  );
}
