import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import type { MyRequest } from '../../api';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/guards';
import { formatDateTime } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useDurationText } from './shared';

/** The requests I filed: their state, the answer and how long it took. */
export function MyRequestsPage() {
  const { t } = useTranslation();
  usePageTitle(t('requests.mineTitle'));
  const errorText = useErrorText();
  const locale = currentLocale();
  const durationText = useDurationText();
  const [items, setItems] = useState<MyRequest[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let active = true;
    api.myRequests().then(
      (answer) => active && setItems(answer.items),
      (caught: unknown) => active && setError(caught),
    );
    return () => {
      active = false;
    };
  }, []);

  return (
    <section className="card">
      <div className="section-heading">
        <h1>{t('requests.mineTitle')}</h1>
        <Link className="button button-primary" to="/demandes/nouvelle">
          {t('requests.newTitle')}
        </Link>
      </div>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {items === null && error === null && <Loading />}
      {items?.length === 0 && <p>{t('requests.mineEmpty')}</p>}
      {items && items.length > 0 && (
        <ul className="request-list">
          {items.map((item) => (
            <li key={item.id} className="request-item">
              <p className="request-head">
                <strong>{item.personName}</strong>{' '}
                <span className={`badge badge-${item.state}`}>
                  {t(`requests.state.${item.state}`)}
                </span>
              </p>
              <p className="hint">
                {item.reference} ·{' '}
                {t('requests.filedOn', { date: formatDateTime(item.receivedAt, locale) })} ·{' '}
                {t(`requests.urgency.${item.urgency}`)}
              </p>
              {item.firstAnswerMinutes !== null && (
                <p>{t('requests.answeredIn', { delay: durationText(item.firstAnswerMinutes) })}</p>
              )}
              {item.serviceName && (
                <p>{t('requests.redirectedTo', { service: item.serviceName })}</p>
              )}
              {item.answerNote && <p className="answer-note">{item.answerNote}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
