import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../components/Field';
import { usePageTitle } from '../../hooks';
import { useSession } from '../../session';
import { Show, useLoaded } from '../directory/shared';
import { AlertItem } from './AlertItem';
import { ALERT_KINDS, alertsApi, type AlertKind, type AlertList } from './alerts-api';

const STAFF = ['admin', 'coordinator'];

/**
 * The alerts list (/alertes): mine by default — for the coordination team also those nobody
 * owns —, all of them for the coordination team; filters by kind and by state; each alert is
 * acknowledged or resolved with a note where it stands.
 */
export function AlertsPage() {
  const { t } = useTranslation();
  usePageTitle(t('alerts.title'));
  const { session } = useSession();
  const staff = STAFF.includes(session?.user.role ?? '');
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [kind, setKind] = useState<AlertKind | ''>('');
  const [state, setState] = useState<'standing' | 'closed'>('standing');
  const fetcher = useCallback(
    () => alertsApi.list({ scope, state, ...(kind ? { kind } : {}) }),
    [scope, kind, state],
  );
  const [loaded, retry] = useLoaded(fetcher);
  return (
    <>
      <div className="page-intro">
        <h1>{t('alerts.title')}</h1>
        <p className="lead">{staff ? t('alerts.introStaff') : t('alerts.intro')}</p>
      </div>
      <form className="filters-row" role="search" onSubmit={(event) => event.preventDefault()}>
        {staff && (
          <SelectField
            label={t('alerts.scope')}
            name="scope"
            value={scope}
            onChange={(value) => setScope(value as 'mine' | 'all')}
            options={[
              { value: 'mine', label: t('alerts.scopeMine') },
              { value: 'all', label: t('alerts.scopeAll') },
            ]}
          />
        )}
        <SelectField
          label={t('alerts.kind')}
          name="kind"
          value={kind}
          onChange={(value) => setKind(value as AlertKind | '')}
          options={[
            { value: '', label: t('alerts.allKinds') },
            ...ALERT_KINDS.map((value) => ({ value, label: t(`alerts.kinds.${value}`) })),
          ]}
        />
        <SelectField
          label={t('alerts.state')}
          name="state"
          value={state}
          onChange={(value) => setState(value as 'standing' | 'closed')}
          options={[
            { value: 'standing', label: t('alerts.standing') },
            { value: 'closed', label: t('alerts.closed') },
          ]}
        />
      </form>
      <Show state={loaded} retry={retry} errorTitle={t('alerts.loadError')}>
        {(list) => <AlertsList list={list} onChanged={retry} />}
      </Show>
    </>
  );
}

function AlertsList({ list, onChanged }: { list: AlertList; onChanged: () => void }) {
  const { t } = useTranslation();
  if (list.items.length === 0) {
    return (
      <div className="empty-state">
        <p className="empty-title">{t('alerts.emptyTitle')}</p>
        <p>{t('alerts.empty')}</p>
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="alerts-count">
      <h2 id="alerts-count">{t('alerts.count', { count: list.total })}</h2>
      <ul className="alert-list">
        {list.items.map((alert) => (
          <AlertItem key={alert.id} alert={alert} onChanged={onChanged} />
        ))}
      </ul>
    </section>
  );
}
