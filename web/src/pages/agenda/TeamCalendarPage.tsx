import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { usePageTitle, useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../admin/shared';
import { agendaApi, inZone, today } from './agenda-api';
import { EntryItem } from './AgendaPage';

/** A care team's week: every appointment of its members; what the reader may not read is busy. */
export function TeamCalendarPage() {
  const { personId = '' } = useParams();
  const { t } = useTranslation();
  usePageTitle(t('agenda.team.title'));
  const locale = currentLocale();
  const errorText = useErrorText();
  const [monday, setMonday] = useState(() => today().startOf('week'));
  const fetcher = useCallback(() => agendaApi.team(personId, monday, 7), [personId, monday]);
  const [loaded] = useLoaded(fetcher);
  const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }));
  return (
    <div className="agenda-page">
      <p>
        <Link to={`/persons/${personId}`}>← {t('agenda.team.back')}</Link>
      </p>
      <h1>{t('agenda.team.title')}</h1>
      <div className="agenda-toolbar">
        <button
          type="button"
          className="button button-quiet"
          onClick={() => setMonday(monday.minus({ weeks: 1 }))}
        >
          ← {t('agenda.previousWeek')}
        </button>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => setMonday(monday.plus({ weeks: 1 }))}
        >
          {t('agenda.nextWeek')} →
        </button>
      </div>
      <h2 aria-live="polite">
        {t('agenda.weekOf', { date: monday.setLocale(locale).toFormat('d LLLL yyyy') })}
      </h2>
      {loaded.status === 'error' && <Alert tone="error">{errorText(loaded.error)}</Alert>}
      {loaded.status === 'ready' && (
        <>
          <p className="muted">
            {t('agenda.team.members', { names: loaded.data.members.map((m) => m.name).join(', ') })}
          </p>
          <div className="agenda-week">
            {days.map((day) => {
              const key = day.toISODate()!;
              const entries = loaded.data.items.filter(
                (e) => inZone(e.startsAt).toISODate() === key,
              );
              return (
                <section key={key} className="agenda-column" aria-labelledby={`team-${key}`}>
                  <h3 id={`team-${key}`}>{day.setLocale(locale).toFormat('ccc d LLL')}</h3>
                  {entries.length === 0 ? (
                    <p className="muted">{t('agenda.empty')}</p>
                  ) : (
                    <ul className="plain-list agenda-entries">
                      {entries.map((entry, index) => (
                        <EntryItem key={entry.id ?? `busy-${String(index)}`} entry={entry} />
                      ))}
                    </ul>
                  )}
                </section>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}
