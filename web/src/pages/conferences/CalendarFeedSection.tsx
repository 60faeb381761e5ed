import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { useErrorText } from '../../hooks';
import { Show, useLoaded } from '../directory/shared';
import { calendarApi, type FeedStatus } from './conferences-api';

/**
 * The account page's "Mon agenda dans mon calendrier": a private feed address to create, copy
 * (shown once, when made), regenerate or revoke, and how long before an appointment to be reminded.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const fetcher = useCallback(
    () => Promise.all([calendarApi.status(), calendarApi.reminders()]),
    [],
  );
  const [state, retry] = useLoaded(fetcher);
  const [feed, setFeed] = useState<FeedStatus | null>(null);
  const [leads, setLeads] = useState<number[]>([]);
  const [choices, setChoices] = useState<number[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') {
      setFeed(state.data[0]);
      setLeads(state.data[1].leadMinutes);
      setChoices(state.data[1].choices);
    }
  }, [state]);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const create = () =>
    run(async () => {
      setFeed(await calendarApi.create());
    });
  const revoke = () =>
    run(async () => {
      await calendarApi.revoke();
      setFeed({ active: false, createdAt: null });
      setMessage(t('conferences.feed.revoked'));
    });
  const copy = (url: string) =>
    run(async () => {
      await navigator.clipboard.writeText(url);
      setMessage(t('conferences.feed.copied'));
    });
  const toggleLead = (lead: number) =>
    run(async () => {
      const next = leads.includes(lead) ? leads.filter((l) => l !== lead) : [...leads, lead];
      const saved = await calendarApi.saveReminders(next);
      setLeads(saved.leadMinutes);
      setMessage(t('conferences.reminders.saved'));
    });

  return (
    <section className="card" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">{t('conferences.feed.title')}</h2>
      <p className="hint">{t('conferences.feed.intro')}</p>
      <Show state={state} retry={retry}>
        {() => (
          <div className="stack">
            {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
            {message && <Alert tone="success">{message}</Alert>}
            {feed?.url ? (
              <div className="stack">
                <label htmlFor="calendar-feed-url">{t('conferences.feed.url')}</label>
                <input id="calendar-feed-url" className="input" readOnly value={feed.url} />
                <p className="hint">{t('conferences.feed.once')}</p>
              </div>
            ) : feed?.active ? (
              <p>
                {t('conferences.feed.active', {
                  date: new Date(feed.createdAt ?? '').toLocaleDateString(),
                })}
              </p>
            ) : (
              <p>{t('conferences.feed.none')}</p>
            )}
            <div className="actions">
              {feed?.url && (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void copy(feed.url ?? '')}
                >
                  {t('conferences.feed.copy')}
                </button>
              )}
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => void create()}
              >
                {feed?.active ? t('conferences.feed.regenerate') : t('conferences.feed.create')}
              </button>
              {feed?.active && (
                <button
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => void revoke()}
                >
                  {t('conferences.feed.revoke')}
                </button>
              )}
            </div>
            <p className="hint">{t('conferences.feed.privacy')}</p>
            <fieldset>
              <legend>{t('conferences.reminders.title')}</legend>
              {choices.map((lead) => (
                <label key={lead} className="checkbox">
                  <input
                    type="checkbox"
                    checked={leads.includes(lead)}
                    disabled={busy || (!leads.includes(lead) && leads.length >= 2)}
                    onChange={() => void toggleLead(lead)}
                  />{' '}
                  {t(`conferences.reminders.lead.${String(lead) as '60'}`)}
                </label>
              ))}
              <p className="hint">{t('conferences.reminders.hint')}</p>
            </fieldset>
          </div>
        )}
      </Show>
    </section>
  );
}
