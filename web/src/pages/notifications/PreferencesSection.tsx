import { type SubmitEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { useErrorText } from '../../hooks';
import { Show, useLoaded } from '../directory/shared';
import {
  type FamilyPreference,
  NOTIFICATION_FAMILIES,
  notificationsApi,
} from './notifications-api';
import { TableScroll } from '../../components/TableScroll';

const CHANNELS = ['inApp', 'emailNow', 'digest'] as const;
type TChannel = (typeof CHANNELS)[number];

/** The account page's section: per family, in the app / e-mail at once / daily digest. */
export function NotificationPreferencesSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const fetcher = useCallback(() => notificationsApi.preferences(), []);
  const [state, retry] = useLoaded(fetcher);
  const [rows, setRows] = useState<FamilyPreference[]>([]);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (state.status === 'ready') setRows(state.data.families);
  }, [state]);

  const toggle = (family: string, channel: TChannel) => {
    setSaved(false);
    setRows((current) =>
      current.map((row) => (row.family === family ? { ...row, [channel]: !row[channel] } : row)),
    );
  };

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      setRows((await notificationsApi.savePreferences(rows)).families);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" id="notification-preferences" aria-labelledby="notif-prefs-title">
      <h2 id="notif-prefs-title">{t('notifications.prefs.title')}</h2>
      <p className="hint">{t('notifications.prefs.intro')}</p>
      <Show state={state} retry={retry}>
        {() => (
          <form className="form" onSubmit={(event) => void submit(event)} noValidate>
            {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
            {saved && <Alert tone="success">{t('notifications.prefs.saved')}</Alert>}
            <TableScroll label={t('notifications.prefs.title')}>
              <table className="table notification-prefs">
                <caption className="visually-hidden">{t('notifications.prefs.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('notifications.prefs.family')}</th>
                    {CHANNELS.map((channel) => (
                      <th scope="col" key={channel}>
                        {t(`notifications.prefs.${channel}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {NOTIFICATION_FAMILIES.map((family) => {
                    const row = rows.find((item) => item.family === family);
                    if (!row) return null;
                    const label = t(`notifications.family.${family}`);
                    return (
                      <tr key={family}>
                        <th scope="row">{label}</th>
                        {CHANNELS.map((channel) => (
                          <td key={channel}>
                            <input
                              type="checkbox"
                              checked={row[channel]}
                              onChange={() => toggle(family, channel)}
                              aria-label={`${label} — ${t(`notifications.prefs.${channel}`)}`}
                            />
                          </td>
                        ))}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
            <p className="hint">{t('notifications.prefs.note')}</p>
            <div className="actions">
              <button type="submit" className="button button-primary" disabled={busy}>
                {busy ? t('notifications.prefs.saving') : t('notifications.prefs.save')}
              </button>
            </div>
          </form>
        )}
      </Show>
    </section>
  );
}
