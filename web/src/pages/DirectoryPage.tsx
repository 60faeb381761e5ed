import { useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert } from '../components/Alert';
import { Field, SelectField } from '../components/Field';
import { Loading } from '../components/guards';
import { directoryApi, type SearchResponse, type Vocabulary } from '../directory/directoryApi';
import { labelOf, optionsOf } from '../directory/labels';
import { useErrorText, usePageTitle } from '../hooks';
import { currentLocale } from '../i18n';
import { useSession } from '../session';

const FILTERS = [
  'type',
  'profession',
  'organisationType',
  'careStream',
  'commune',
  'accepting',
  'language',
  'channel',
] as const;
const ENTRY_ROUTES = {
  member: 'members',
  organisation: 'organisations',
  service: 'services',
} as const;

/** "Qui fait quoi": one search box, filters, ranked results that say why they matched. */
export function DirectoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('directory.title'));
  const locale = currentLocale();
  const errorText = useErrorText();
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const [vocabulary, setVocabulary] = useState<Vocabulary | null>(null);
  const [loaded, setLoaded] = useState<{ query: string; response: SearchResponse } | null>(null);
  // Results are shown only for the query in the address, never a previous one.
  const result = loaded && loaded.query === params.toString() ? loaded.response : null;
  const [error, setError] = useState<unknown>(null);
  const [draft, setDraft] = useState(() =>
    Object.fromEntries(['q', ...FILTERS].map((k) => [k, params.get(k) ?? ''])),
  );

  useEffect(() => {
    directoryApi.vocabulary().then(setVocabulary, setError);
  }, []);

  useEffect(() => {
    let active = true;
    const query = params.toString();
    directoryApi.search(params).then(
      (response) => active && setLoaded({ query, response }),
      (e: unknown) => active && setError(e),
    );
    return () => {
      active = false;
    };
  }, [params]);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setError(null);
    setParams(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== '')));
  };
  const set = (key: string) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const page = Number(params.get('page') ?? '1');
  const goTo = (n: number) => {
    const next = new URLSearchParams(params);
    next.set('page', String(n));
    setParams(next);
  };
  const all = t('directory.filters.all');
  const fixed = (values: readonly string[], label: (v: string) => string) => [
    { value: '', label: all },
    ...values.map((v) => ({ value: v, label: label(v) })),
  ];
  const filterOptions: Record<(typeof FILTERS)[number], { value: string; label: string }[]> = {
    type: fixed(['member', 'organisation', 'service'], (v) =>
      t(`directory.types.${v as 'member'}`),
    ),
    profession: optionsOf(vocabulary?.professions, locale, all),
    organisationType: optionsOf(vocabulary?.organisationTypes, locale, all),
    careStream: optionsOf(vocabulary?.careStreams, locale, all),
    commune: fixed(vocabulary?.communes ?? [], (c) => c),
    accepting: fixed(['yes', 'conditions', 'no'], (v) => t(`directory.accepting.${v as 'yes'}`)),
    language: optionsOf(vocabulary?.languages, locale, all),
    channel: optionsOf(vocabulary?.channels, locale, all),
  };

  return (
    <>
      <div className="page-intro">
        <h1>{t('directory.title')}</h1>
        <p className="lead">{t('directory.lead')}</p>
        {session?.user.role === 'admin' && (
          <p>
            <Link to="/directory/import">{t('directory.import.link')}</Link>
          </p>
        )}
      </div>
      <section className="card" aria-labelledby="directory-search-title">
        <h2 id="directory-search-title" className="visually-hidden">
          {t('directory.searchTitle')}
        </h2>
        <form onSubmit={submit} role="search" className="directory-form">
          <Field
            name="q"
            type="search"
            label={t('directory.q')}
            placeholder={t('directory.qPlaceholder')}
            value={draft.q}
            onChange={(e) => set('q')(e.target.value)}
          />
          <div className="filters">
            {FILTERS.map((name) => (
              <SelectField
                key={name}
                name={name}
                label={t(`directory.filters.${name}`)}
                value={draft[name] ?? ''}
                onChange={set(name)}
                options={filterOptions[name]}
              />
            ))}
          </div>
          <button type="submit" className="button button-primary">
            {t('directory.search')}
          </button>
        </form>
      </section>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <section
        aria-labelledby="directory-results-title"
        className="directory-results"
        data-loaded={result ? params.toString() : undefined}
      >
        <h2 id="directory-results-title" aria-live="polite">
          {result ? t('directory.resultsCount', { count: result.total }) : t('directory.searching')}
        </h2>
        {!result && error === null && <Loading />}
        {result && result.items.length === 0 && (
          <p className="empty-state">{t('directory.empty')}</p>
        )}
        <ul className="result-list">
          {result?.items.map((item) => (
            <li key={`${item.type}:${item.id}`} className="card result">
              <h3>
                <Link to={`/directory/${ENTRY_ROUTES[item.type]}/${item.id}`}>{item.title}</Link>
              </h3>
              <p className="subtitle">
                {t(`directory.types.${item.type}`)}
                {item.subtitle ? ` · ${item.subtitle}` : ''}
              </p>
              <p className="badges">
                {item.accepting && (
                  <span className={`badge accepting-${item.accepting}`}>
                    {t(`directory.accepting.${item.accepting}` as 'directory.accepting.yes')}
                  </span>
                )}
                {item.careStreams.slice(0, 4).map((c) => (
                  <span key={c} className="badge">
                    {labelOf(vocabulary?.careStreams, c, locale)}
                  </span>
                ))}
                {item.stale && <span className="badge badge-warning">{t('directory.stale')}</span>}
              </p>
              {item.matched.length > 0 && (
                <p className="matched">
                  {t('directory.matched')}{' '}
                  {item.matched
                    .map(
                      (m) =>
                        `${t(`directory.fields.${m.field}` as 'directory.fields.name')} « ${m.value.length > 80 ? `${m.value.slice(0, 80)}…` : m.value} »${m.exact ? '' : ` (${t('directory.approx')})`}`,
                    )
                    .join(' ; ')}
                </p>
              )}
            </li>
          ))}
        </ul>
        {result && result.total > result.pageSize && (
          <nav className="pagination" aria-label={t('directory.pagination')}>
            <button
              type="button"
              className="button"
              disabled={page <= 1}
              onClick={() => goTo(page - 1)}
            >
              {t('directory.previous')}
            </button>
            <span>
              {t('directory.pageOf', { page, pages: Math.ceil(result.total / result.pageSize) })}
            </span>
            <button
              type="button"
              className="button"
              disabled={page * result.pageSize >= result.total}
              onClick={() => goTo(page + 1)}
            >
              {t('directory.next')}
            </button>
          </nav>
        )}
      </section>
    </>
  );
}
