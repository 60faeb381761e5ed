import { DateTime } from 'luxon';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { usePageTitle, useErrorText } from '../../hooks';
import { formatDateTime } from '../../format';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../admin/shared';
import {
  agendaApi,
  hourOf,
  inZone,
  today,
  ZONE,
  type CalendarEntry,
  type Conflict,
} from './agenda-api';
import { ConflictList } from './ConflictList';

type TView = 'week' | 'day';

/** What the form hands back after a save: shown once above the week. */
export type SavedState = { saved?: { title: string; conflicts: Conflict[] } };

/**
 * My agenda (decision 029): the week (default) or the day, one column per day with its
 * appointments by time; ← → move by a week (a day), T comes back to today; "+" in a day plans
 * an appointment there. At 390 px the days are one list.
 */
export function AgendaPage() {
  const { t } = useTranslation();
  usePageTitle(t('agenda.title'));
  const locale = currentLocale();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const saved = (location.state as SavedState | null)?.saved;
  const [params, setParams] = useSearchParams();
  const view: TView = params.get('vue') === 'jour' ? 'day' : 'week';
  const date = params.get('date');
  const anchor = (date ? DateTime.fromISO(date, { zone: ZONE }) : today()).startOf('day');
  const from = view === 'week' ? anchor.startOf('week') : anchor;
  const days = view === 'week' ? 7 : 1;
  const fromKey = from.toISODate()!;
  const fetcher = useCallback(
    () => agendaApi.mine(DateTime.fromISO(fromKey, { zone: ZONE }), days),
    [fromKey, days],
  );
  const [calendar] = useLoaded(fetcher);

  const go = useCallback(
    (next: DateTime | null, nextView: TView = view) => {
      const search = new URLSearchParams();
      if (next) search.set('date', next.toISODate()!);
      if (nextView === 'day') search.set('vue', 'jour');
      setParams(search);
    },
    [setParams, view],
  );
  const step = view === 'week' ? { weeks: 1 } : { days: 1 };

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.key === 'ArrowLeft') go(anchor.minus(step));
      else if (event.key === 'ArrowRight') go(anchor.plus(step));
      else if (event.key === 't' || event.key === 'T') go(null);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const dayList = Array.from({ length: days }, (_, i) => from.plus({ days: i }));
  const title =
    view === 'week'
      ? t('agenda.weekOf', { date: from.setLocale(locale).toFormat('d LLLL yyyy') })
      : from.setLocale(locale).toFormat('cccc d LLLL yyyy');

  return (
    <div className="agenda-page">
      <h1>{t('agenda.title')}</h1>
      {saved && (
        <Alert tone={saved.conflicts.length > 0 ? 'warning' : 'success'}>
          {t('agenda.saved', { title: saved.title })}
          {saved.conflicts.length > 0 && <ConflictList conflicts={saved.conflicts} />}
        </Alert>
      )}
      <div className="agenda-toolbar" role="toolbar" aria-label={t('agenda.navigation')}>
        <button
          type="button"
          className="button button-quiet"
          onClick={() => go(anchor.minus(step))}
        >
          ← {view === 'week' ? t('agenda.previousWeek') : t('agenda.previousDay')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => go(null)}>
          {t('agenda.today')}
        </button>
        <button type="button" className="button button-quiet" onClick={() => go(anchor.plus(step))}>
          {view === 'week' ? t('agenda.nextWeek') : t('agenda.nextDay')} →
        </button>
        <button
          type="button"
          className="button button-quiet"
          aria-pressed={view === 'day'}
          onClick={() => go(anchor, view === 'week' ? 'day' : 'week')}
        >
          {view === 'week' ? t('agenda.dayView') : t('agenda.weekView')}
        </button>
        <Link className="button button-primary" to="/agenda/nouveau">
          {t('agenda.new')}
        </Link>
        <Link className="button button-quiet" to="/agenda/creneaux">
          {t('agenda.findSlot')}
        </Link>
        <Link className="button button-quiet" to="/agenda/disponibilites">
          {t('agenda.myAvailability')}
        </Link>
      </div>
      <h2 aria-live="polite">{title}</h2>
      <p className="muted agenda-keys">{t('agenda.keys')}</p>
      {calendar.status === 'error' && <Alert tone="error">{errorText(calendar.error)}</Alert>}
      {calendar.status === 'loading' && <p className="muted">{t('agenda.loading')}</p>}
      {calendar.status === 'ready' && (
        <div className={view === 'week' ? 'agenda-week' : 'agenda-day'}>
          {dayList.map((day) => {
            const key = day.toISODate()!;
            const entries = calendar.data.items.filter(
              (entry) => inZone(entry.startsAt).toISODate() === key,
            );
            const isToday = key === today().toISODate();
            const start = day.plus({ hours: 9 });
            return (
              <section
                key={key}
                className={`agenda-column${isToday ? ' agenda-today' : ''}`}
                aria-labelledby={`day-${key}`}
              >
                <h3 id={`day-${key}`}>
                  {day.setLocale(locale).toFormat('ccc d LLL')}
                  {isToday && <span className="tag">{t('agenda.todayTag')}</span>}
                </h3>
                {entries.length === 0 ? (
                  <p className="muted">{t('agenda.empty')}</p>
                ) : (
                  <ul className="plain-list agenda-entries">
                    {entries.map((entry, index) => (
                      <EntryItem key={entry.id ?? `busy-${String(index)}`} entry={entry} />
                    ))}
                  </ul>
                )}
                <button
                  type="button"
                  className="button button-small agenda-add"
                  onClick={() =>
                    void navigate(
                      `/agenda/nouveau?start=${encodeURIComponent(start.toISO()!)}&end=${encodeURIComponent(start.plus({ hours: 1 }).toISO()!)}`,
                    )
                  }
                >
                  {t('agenda.addOn', { day: day.setLocale(locale).toFormat('cccc d LLLL') })}
                </button>
              </section>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** One block: a link to the appointment, or "busy" without any detail. */
export function EntryItem({
  entry,
  showPerson = true,
}: {
  entry: CalendarEntry;
  showPerson?: boolean;
}) {
  const { t } = useTranslation();
  const time = `${hourOf(entry.startsAt)}–${hourOf(entry.endsAt)}`;
  if (entry.busy || !entry.id) {
    return (
      <li className="agenda-entry agenda-busy">
        <span className="agenda-time">{time}</span> {t('agenda.busy')}
        {entry.participants.length > 0 && (
          <span className="secondary"> · {entry.participants.map((p) => p.name).join(', ')}</span>
        )}
      </li>
    );
  }
  const label = entry.title ?? t(`agenda.kinds.${entry.kind ?? 'meeting'}`);
  // A moved occurrence of a series says so in words, with its planned time (not by colour alone).
  const movedFrom =
    entry.occurrenceStart !== null &&
    new Date(entry.occurrenceStart).getTime() !== new Date(entry.startsAt).getTime()
      ? entry.occurrenceStart
      : null;
  return (
    <li className={`agenda-entry agenda-${entry.status}`}>
      <Link to={`/agenda/rendez-vous/${entry.id}`}>
        <span className="agenda-time">{time}</span> {label}
      </Link>
      <span className="secondary">
        {' '}
        · {t(`agenda.kinds.${entry.kind ?? 'meeting'}`)}
        {showPerson && entry.person && ` · ${entry.person.firstName} ${entry.person.lastName}`}
        {entry.status !== 'planned' && ` · ${t(`agenda.statuses.${entry.status}`)}`}
        {entry.seriesId && ` · ${t('agenda.recurring')}`}
      </span>
      {movedFrom && (
        <span className="agenda-moved">
          {' · '}
          {t('agenda.movedWas', { date: formatDateTime(movedFrom, currentLocale()) })}
        </span>
      )}
    </li>
  );
}
