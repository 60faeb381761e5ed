import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDay } from '../../format';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../admin/shared';
import { agendaApi } from './agenda-api';
import { EntryItem } from './AgendaPage';

/** The person page's appointments: the last month's and those to come, and "plan one". */
export function AppointmentsSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const fetcher = useCallback(() => agendaApi.ofPerson(personId), [personId]);
  const [loaded] = useLoaded(fetcher);
  // A reader the guard refuses (or a patient) sees no section at all.
  if (loaded.status !== 'ready') return null;
  const now = new Date().toISOString();
  const coming = loaded.data.items.filter((i) => i.endsAt >= now);
  const past = loaded.data.items.filter((i) => i.endsAt < now).reverse();
  const byDay = (items: typeof coming) =>
    items.map((entry, index) => (
      <EntryItem
        key={entry.id ?? String(index)}
        entry={{
          ...entry,
          title: `${formatDay(entry.startsAt, locale)} · ${entry.title ?? t(`agenda.kinds.${entry.kind ?? 'meeting'}`)}`,
        }}
        showPerson={false}
      />
    ));
  return (
    <section className="card" aria-labelledby="appointments-title">
      <h2 id="appointments-title">{t('agenda.section.title')}</h2>
      {coming.length === 0 ? (
        <p className="muted">{t('agenda.section.none')}</p>
      ) : (
        <ul className="plain-list agenda-entries">{byDay(coming)}</ul>
      )}
      {past.length > 0 && (
        <details className="disclosure">
          <summary>{t('agenda.section.past', { count: past.length })}</summary>
          <ul className="plain-list agenda-entries">{byDay(past)}</ul>
        </details>
      )}
      {loaded.data.canPlan && (
        <div className="actions">
          <Link className="button" to={`/agenda/nouveau?personId=${personId}`}>
            {t('agenda.section.plan')}
          </Link>
          <Link className="button button-quiet" to={`/agenda/equipe/${personId}`}>
            {t('agenda.section.team')}
          </Link>
        </div>
      )}
    </section>
  );
}
