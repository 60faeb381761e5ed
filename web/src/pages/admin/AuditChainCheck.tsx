import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { Alert } from '../../components/Alert';
import { formatDateTime } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { Show, useLoaded } from './shared';

const fetchAuditCheck = () => api.lastAuditCheck().then((answer) => answer.check);

/** The tamper-evident log's last check (daily, or now on demand) and what it found. */
export function AuditChainCheck() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const [last, reload] = useLoaded(fetchAuditCheck);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function runNow() {
    setBusy(true);
    setError(null);
    try {
      await api.runAuditCheck();
      reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>{t('admin.auditIntro')}</p>
      <Show state={last}>
        {(check) =>
          check === null ? (
            <p className="empty-state">{t('admin.auditNever')}</p>
          ) : check.ok ? (
            <Alert tone="success" title={t('admin.auditOkTitle')}>
              <p>
                {t('admin.auditOk', {
                  count: check.checked,
                  date: formatDateTime(check.at, locale),
                })}
              </p>
            </Alert>
          ) : (
            <Alert tone="error" title={t('admin.auditBrokenTitle')}>
              <p>{t('admin.auditBroken', { date: formatDateTime(check.at, locale) })}</p>
              <ul>
                {check.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </Alert>
          )
        }
      </Show>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <button type="button" className="button" disabled={busy} onClick={() => void runNow()}>
        {busy ? t('admin.auditRunning') : t('admin.auditRun')}
      </button>
    </>
  );
}
