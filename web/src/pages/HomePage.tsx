import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import type { PersonSummary, User } from '../api';
import { Alert } from '../components/Alert';
import { PERSON_CREATORS } from '../components/Layout';
import { Loading } from '../components/guards';
import { ageInYears, formatDate } from '../format';
import { useErrorText, usePageTitle } from '../hooks';
import { currentLocale } from '../i18n';
import { useSession } from '../session';
import { CaseloadLink } from './pathway/CaseloadLink';
import { PersonAccountForm, personName } from './persons/PersonAccountForm';
import { TableScroll } from '../components/TableScroll';

/** The greeting and, for everyone but the steering committee, the people they follow. */
export function HomePage() {
  const { t } = useTranslation();
  usePageTitle(t('home.title'));
  const { session } = useSession();
  if (!session) return null;
  const { user } = session;

  return (
    <>
      <div className="page-intro">
        <h1>{t('home.greeting', { name: user.displayName })}</h1>
        <p className="lead">{t('home.roleLine', { role: t(`roles.${user.role}`) })}</p>
        {user.role === 'coordinator' && <CaseloadLink />}
      </div>
      {user.role === 'steering' ? <SteeringNotice /> : <PersonsSection user={user} />}
    </>
  );
}

function SteeringNotice() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="steering-title">
      <h2 id="steering-title">{t('home.steeringTitle')}</h2>
      <p>{t('home.steering')}</p>
    </section>
  );
}

type PersonsState =
  | { status: 'loading' }
  | { status: 'ready'; items: PersonSummary[] }
  | { status: 'error'; error: unknown };

function PersonsSection({ user }: { user: User }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state, setState] = useState<PersonsState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const filterId = useId();

  useEffect(() => {
    let active = true;
    setState({ status: 'loading' });
    api.listPersons().then(
      ({ items }) => active && setState({ status: 'ready', items: sortPersons(items) }),
      (error: unknown) => active && setState({ status: 'error', error }),
    );
    return () => {
      active = false;
    };
  }, [user.id, attempt]);

  const visible = useMemo(() => {
    if (state.status !== 'ready') return [];
    const needle = normalise(query.trim());
    if (!needle) return state.items;
    return state.items.filter((person) =>
      normalise(`${person.firstName} ${person.lastName} ${person.commune ?? ''}`).includes(needle),
    );
  }, [state, query]);

  return (
    <section className="card persons" aria-labelledby="persons-title">
      <div className="section-heading">
        <h2 id="persons-title">{t('home.personsTitle')}</h2>
        {state.status === 'ready' && state.items.length > 0 && (
          <p className="count">{t('home.personsCount', { count: state.items.length })}</p>
        )}
        {PERSON_CREATORS.includes(user.role) && (
          <Link className="button button-small" to="/persons/new">
            {t('home.newPerson')}
          </Link>
        )}
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && (
        <Alert tone="error" title={t('home.loadError')}>
          <p>{errorText(state.error)}</p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.retry')}
          </button>
        </Alert>
      )}
      {state.status === 'ready' && state.items.length === 0 && (
        <div className="empty-state">
          <p className="empty-title">{t('home.emptyTitle')}</p>
          <p>{t('home.empty')}</p>
        </div>
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <>
          {state.items.length > 8 && (
            <div className="field filter">
              <label htmlFor={filterId}>{t('home.filterLabel')}</label>
              <p className="hint" id={`${filterId}-hint`}>
                {t('home.filterHint')}
              </p>
              <input
                id={filterId}
                type="search"
                value={query}
                aria-describedby={`${filterId}-hint`}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
          )}
          <div className="live-region" aria-live="polite">
            {visible.length === 0 && <p>{t('home.filterNoMatch', { query: query.trim() })}</p>}
          </div>
          {visible.length > 0 && <PersonsTable persons={visible} />}
        </>
      )}
    </section>
  );
}

/**
 * The people the user follows. Where the user is the case manager, a row offers to give the
 * person their own account (the server decides and audits; the form opens under the row).
 */
function PersonsTable({ persons }: { persons: PersonSummary[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [openId, setOpenId] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const sentRef = useRef<HTMLDivElement>(null);
  const toggles = useRef(new Map<string, HTMLButtonElement>());

  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  const close = (personId: string) => {
    setOpenId(null);
    toggles.current.get(personId)?.focus();
  };

  return (
    <>
      {sent && (
        <Alert tone="success" ref={sentRef}>
          {sent}
        </Alert>
      )}
      <TableScroll label={t('home.personsTitle')}>
        <table className="table persons-table">
          <caption className="visually-hidden">{t('home.personsTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('home.columnName')}</th>
              <th scope="col">{t('home.columnBirthDate')}</th>
              <th scope="col">{t('home.columnCommune')}</th>
              <th scope="col">{t('home.columnRelation')}</th>
            </tr>
          </thead>
          <tbody>
            {persons.map((person) => {
              const age = person.birthDate ? ageInYears(person.birthDate) : null;
              const open = openId === person.id;
              return (
                <Fragment key={person.id}>
                  <tr>
                    <th scope="row" className="person-name">
                      <Link to={`/persons/${person.id}`}>
                        <span className="last-name">{person.lastName}</span> {person.firstName}
                      </Link>
                    </th>
                    <td data-label={t('home.columnBirthDate')}>
                      {person.birthDate ? (
                        <>
                          <span className="nowrap">{formatDate(person.birthDate, locale)}</span>
                          {age !== null && (
                            <span className="secondary">{t('home.age', { count: age })}</span>
                          )}
                        </>
                      ) : (
                        <span className="muted">{t('common.notProvided')}</span>
                      )}
                    </td>
                    <td data-label={t('home.columnCommune')}>
                      {person.commune ?? <span className="muted">{t('common.notProvided')}</span>}
                    </td>
                    <td>
                      <span className={`tag tag-${person.relation}`}>
                        {t(`relations.${person.relation}`)}
                      </span>
                      <Link
                        to={`/persons/${person.id}/assessments`}
                        className="button button-small"
                        aria-label={t('assess.openFor', { name: personName(person) })}
                      >
                        {t('assess.open')}
                      </Link>
                      {person.relation === 'case_manager' && (
                        <button
                          type="button"
                          className="button button-small person-account-toggle"
                          ref={(node) => {
                            if (node) toggles.current.set(person.id, node);
                            else toggles.current.delete(person.id);
                          }}
                          aria-expanded={open}
                          aria-controls={open ? `account-${person.id}` : undefined}
                          aria-label={t('personAccount.openFor', { name: personName(person) })}
                          onClick={() => {
                            setSent(null);
                            setOpenId(open ? null : person.id);
                          }}
                        >
                          {t('personAccount.open')}
                        </button>
                      )}
                    </td>
                  </tr>
                  {open && (
                    <tr className="row-actions-row">
                      <td colSpan={4} id={`account-${person.id}`}>
                        <PersonAccountForm
                          person={person}
                          onCancel={() => close(person.id)}
                          onSent={(message) => {
                            setOpenId(null);
                            setSent(message);
                          }}
                        />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

function sortPersons(items: PersonSummary[]): PersonSummary[] {
  return [...items].sort(
    (a, b) =>
      a.lastName.localeCompare(b.lastName, 'fr', { sensitivity: 'base' }) ||
      a.firstName.localeCompare(b.firstName, 'fr', { sensitivity: 'base' }),
  );
}

/** Lower case without accents, so "helene" finds "Hélène". */
function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
