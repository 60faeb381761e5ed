import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../format';
import { usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useSession } from '../../session';
import { MyAlertsCard } from '../alerts/MyAlertsCard';
import { Show, useLoaded } from '../directory/shared';
import { pathwayApi, type Caseload, type PathwayState } from './pathway-api';
import { TableScroll } from '../../components/TableScroll';

const fetchCaseload = () => pathwayApi.myCaseload();
/** The levels in the order a case manager reads them: the heaviest first. */
const GROUPS = ['integration', 'coordination', 'liaison', 'none'] as const;

/**
 * "Ma file active", the case manager's home: the cap used, the people by level with their
 * pathway state and next reassessment (overdue ones flagged), the people they answer for as
 * referent professional (decision 027), and the latest events of their pathways. Each row opens
 * the person's page. A professional who manages nobody sees their referent list alone.
 */
export function CaseloadPage() {
  const { t } = useTranslation();
  usePageTitle(t('caseload.title'));
  const { session } = useSession();
  const [state, retry] = useLoaded(fetchCaseload);
  return (
    <>
      <div className="page-intro">
        <h1>{t('caseload.title')}</h1>
        <p className="lead">
          {session?.user.role === 'coordinator' ? t('caseload.intro') : t('caseGaps.intro')}
        </p>
      </div>
      <MyAlertsCard />
      <Show state={state} retry={retry} errorTitle={t('caseload.loadError')}>
        {(caseload) => <CaseloadView caseload={caseload} />}
      </Show>
    </>
  );
}

function CaseloadView({ caseload }: { caseload: Caseload }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const overdue = caseload.items.filter((p) => p.overdue).length;
  const full = caseload.count >= caseload.cap;
  const manager = session?.user.role === 'coordinator' || caseload.count > 0;
  if (!manager) {
    return (
      <>
        <ReferentGroup caseload={caseload} alone />
        {caseload.referentOf.length > 0 && <RecentEvents caseload={caseload} />}
      </>
    );
  }
  return (
    <>
      <section className="card" aria-labelledby="cap-title">
        <h2 id="cap-title">{t('caseload.capTitle')}</h2>
        <p className={full ? 'cap-line cap-full' : 'cap-line'}>
          <strong>
            {caseload.count} / {caseload.cap}
          </strong>{' '}
          {t('caseload.capUsed', { count: caseload.count, cap: caseload.cap })}
        </p>
        <meter
          className="cap-meter"
          min={0}
          max={caseload.cap}
          value={caseload.count}
          high={caseload.cap - 1}
        >
          {caseload.count} / {caseload.cap}
        </meter>
        <p>
          {GROUPS.map((level) => (
            <Fragment key={level}>
              <span className="nowrap">
                {t(`caseload.level.${level}`)} : {caseload.byLevel[level]}
              </span>
              {level !== 'none' && ' · '}
            </Fragment>
          ))}
        </p>
        {overdue > 0 && <p className="warning-text">{t('caseload.overdue', { count: overdue })}</p>}
      </section>
      {caseload.items.length === 0 ? (
        <div className="empty-state">
          <p className="empty-title">{t('caseload.emptyTitle')}</p>
          <p>{t('caseload.empty')}</p>
        </div>
      ) : (
        GROUPS.map((level) => <LevelGroup key={level} level={level} caseload={caseload} />)
      )}
      <ReferentGroup caseload={caseload} alone={false} />
      <RecentEvents caseload={caseload} />
    </>
  );
}

function LevelGroup({ level, caseload }: { level: (typeof GROUPS)[number]; caseload: Caseload }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const people = caseload.items.filter((p) => (p.level ?? 'none') === level);
  if (people.length === 0) return null;
  const title = `${t(`caseload.level.${level}`)} (${String(people.length)})`;
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <PeopleTable
        title={title}
        people={people}
        column={t('caseload.columnReview')}
        cell={(person) =>
          person.reassessmentDue ? (
            <span className={person.overdue ? 'tag tag-overdue' : 'nowrap'}>
              {person.overdue && `${t('caseload.overdueTag')} · `}
              {formatDate(person.reassessmentDue, locale)}
            </span>
          ) : (
            <span className="muted">—</span>
          )
        }
      />
    </section>
  );
}

type TPerson = Caseload['items'][number];

/**
 * The rows of a group of people: name (opens their page), pathway state, one column of the
 * group's own (the next review, or the level), commune.
 */
function PeopleTable<TRow extends TPerson>({
  title,
  people,
  column,
  cell,
}: {
  title: string;
  people: TRow[];
  column: string;
  cell: (person: TRow) => ReactNode;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <TableScroll label={title}>
      <table className="table persons-table">
        <thead>
          <tr>
            <th scope="col">{t('home.columnName')}</th>
            <th scope="col">{t('caseload.columnState')}</th>
            <th scope="col">{column}</th>
            <th scope="col">{t('home.columnCommune')}</th>
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <tr key={person.id}>
              <th scope="row" className="person-name">
                <Link to={`/persons/${person.id}`}>
                  <span className="last-name">{person.lastName}</span> {person.firstName}
                </Link>
              </th>
              <td data-label={t('caseload.columnState')}>
                {person.state ? (
                  <span className={`tag tag-pathway-${person.state}`}>
                    {t(`pathway.state.${person.state}`)}
                  </span>
                ) : (
                  <span className="muted">{t('caseload.noPathway')}</span>
                )}
                {person.expectedEnd && (
                  <span className="secondary">
                    {' '}
                    {t('pathway.until', { date: formatDate(person.expectedEnd, locale) })}
                  </span>
                )}
              </td>
              <td data-label={column}>{cell(person)}</td>
              <td data-label={t('home.columnCommune')}>{person.commune ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The people the reader answers for as referent professional (decision 027): outside the cap;
 * one whose level rose above liaison with nobody as case manager is flagged for the network.
 */
function ReferentGroup({ caseload, alone }: { caseload: Caseload; alone: boolean }) {
  const { t } = useTranslation();
  const people = caseload.referentOf;
  if (people.length === 0) {
    return alone ? (
      <div className="empty-state">
        <p className="empty-title">{t('caseGaps.emptyTitle')}</p>
        <p>{t('caseGaps.empty')}</p>
      </div>
    ) : null;
  }
  const title = t('caseGaps.referentTitle', { count: people.length });
  return (
    <section className="card" aria-label={title}>
      <h2>{title}</h2>
      <p className="hint">{t('caseGaps.referentIntro')}</p>
      <PeopleTable
        title={title}
        people={people}
        column={t('caseGaps.columnLevel')}
        cell={(person) => (
          <>
            {t(`caseload.level.${person.level ?? 'none'}`)}
            {person.needsCaseManager && (
              <>
                {' '}
                <span className="tag tag-overdue">{t('caseGaps.needsCaseManagerTag')}</span>
              </>
            )}
          </>
        )}
      />
    </section>
  );
}

function RecentEvents({ caseload }: { caseload: Caseload }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const names = new Map(
    [...caseload.items, ...caseload.referentOf].map((p) => [p.id, `${p.firstName} ${p.lastName}`]),
  );
  return (
    <section className="card" aria-labelledby="events-title">
      <h2 id="events-title">{t('caseload.eventsTitle')}</h2>
      {caseload.events.length === 0 ? (
        <p className="muted">{t('caseload.noEvents')}</p>
      ) : (
        <ol className="plain-list">
          {caseload.events.map((event) => (
            <li key={event.id}>
              <span className="secondary">{formatDateTime(event.at, locale)}</span> ·{' '}
              <Link to={`/persons/${event.personId}`}>{names.get(event.personId) ?? '—'}</Link> ·{' '}
              {t(`caseload.event.${event.kind.replace('.', '_')}`, { defaultValue: event.kind })}
              {event.kind === 'pathway.transition' && typeof event.data.to === 'string' && (
                <> → {t(`pathway.state.${event.data.to as PathwayState}`)}</>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
