import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { ReactNode, SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api, KIND_OF, listOf } from '../../api';
import type {
  DirectoryQuery,
  SearchAnswer,
  SearchMatch,
  SearchResult,
  Vocabulary,
} from '../../api';
import { SelectField } from '../../components/Field';
import { usePageTitle } from '../../hooks';
import { useSession } from '../../session';
import {
  AcceptingBadge,
  CardContact,
  Show,
  StaleBadge,
  termOptions,
  useLabels,
  useLoaded,
  useVocabulary,
} from './shared';
import type { VocabularyList } from './shared';

const PAGE_SIZE = 20;
/** The server's search filters (every criterion but the words and the paging). */
type Filter = Exclude<keyof DirectoryQuery, 'q' | 'page' | 'pageSize'>;
const FILTERS = listOf<Filter>({
  type: true,
  profession: true,
  organisationType: true,
  careStream: true,
  commune: true,
  accepting: true,
  language: true,
  channel: true,
});
type Criteria = Record<'q' | Filter, string>;

const MATCH_FIELDS = [
  'name',
  'profession',
  'specialty',
  'organisation',
  'role',
  'commune',
  'careStream',
  'language',
  'organisationType',
  'service',
] as const;
/** Fields named in the reader's words since decision 034 (contacts, identifiers, texts). */
const MORE_MATCH_FIELDS = [
  'phone',
  'sms',
  'email',
  'secure_messaging',
  'fax',
  'in_person',
  'channel',
  'rpps',
  'adeli',
  'gln',
  'address',
  'eligibility',
  'missions',
  'description',
] as const;

/** Example searches, in the reader's language (each finds something in the demo network). */
const EXAMPLES = ['physio', 'nurse', 'need', 'social'] as const;

function criteriaOf(params: URLSearchParams): Criteria {
  const criteria = { q: params.get('q') ?? '' } as Criteria;
  for (const filter of FILTERS) criteria[filter] = params.get(filter) ?? '';
  return criteria;
}

/** The address query string of a search, as the search form writes it. */
export function queryKey(criteria: Criteria, page: number): string {
  const params = new URLSearchParams();
  if (criteria.q) params.set('q', criteria.q);
  for (const filter of FILTERS) if (criteria[filter]) params.set(filter, criteria[filter]);
  if (page > 1) params.set('page', String(page));
  return params.toString();
}

function pageOf(params: URLSearchParams): number {
  const page = Number(params.get('page') ?? '1');
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The directory "Qui fait quoi": one box, filters, results with why they matched. */
export function DirectorySearchPage() {
  const { t } = useTranslation();
  usePageTitle(t('dir.title'));
  const { session } = useSession();
  const isAdmin = session?.user.role === 'admin';
  const [params, setParams] = useSearchParams();
  const vocabulary = useVocabulary();
  const applied = useMemo(() => criteriaOf(params), [params]);
  const page = pageOf(params);
  const [draft, setDraft] = useState<Criteria>(applied);
  const searched = Object.values(applied).some(Boolean);
  const activeFilters = FILTERS.filter((filter) => applied[filter]).length;

  // Back and forward in the browser bring the form along with the results.
  useEffect(() => setDraft(applied), [applied]);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('q', draft.q.trim());
    for (const filter of FILTERS) if (draft[filter]) next.set(filter, draft[filter]);
    setParams(next);
  }

  function clearFilters() {
    const next = new URLSearchParams();
    if (applied.q) next.set('q', applied.q);
    setDraft({ ...criteriaOf(next) });
    setParams(next);
  }

  return (
    <>
      <div className="page-intro page-intro-actions">
        <div>
          <h1>{t('dir.title')}</h1>
          <p className="lead">{t('dir.intro')}</p>
        </div>
        {isAdmin && (
          <ul className="page-actions" aria-label={t('dir.adminActions')}>
            <li>
              <Link className="button button-small" to="/directory/organisations/new">
                {t('dir.newOrganisation')}
              </Link>
            </li>
            <li>
              <Link className="button button-small" to="/directory/members/new">
                {t('dir.newMember')}
              </Link>
            </li>
            <li>
              <Link className="button button-small button-quiet" to="/directory/import">
                {t('dir.importLink')}
              </Link>
            </li>
          </ul>
        )}
      </div>
      <form className="card search-form" role="search" onSubmit={submit}>
        <SearchBox value={draft.q} onChange={(q) => setDraft({ ...draft, q })} />
        <details className="filters" open={activeFilters > 0 || undefined}>
          <summary>
            {activeFilters > 0
              ? t('dir.filtersActive', { count: activeFilters })
              : t('dir.filters')}
          </summary>
          {vocabulary.status === 'ready' && (
            <FilterFields
              vocabulary={vocabulary.data}
              draft={draft}
              onChange={(filter, value) => setDraft({ ...draft, [filter]: value })}
            />
          )}
          {activeFilters > 0 && (
            <button type="button" className="button button-quiet" onClick={clearFilters}>
              {t('dir.clearFilters')}
            </button>
          )}
        </details>
      </form>
      {searched ? (
        <Results
          criteria={applied}
          page={page}
          vocabulary={vocabulary.status === 'ready' ? vocabulary.data : null}
        />
      ) : (
        <Advice />
      )}
    </>
  );
}

function SearchBox({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field search-box">
      <label htmlFor={id}>{t('dir.searchLabel')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('dir.searchHint')}
      </p>
      <div className="search-row">
        <input
          id={id}
          type="search"
          name="q"
          value={value}
          placeholder={t('dir.searchPlaceholder')}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          enterKeyHint="search"
          onChange={(event) => onChange(event.target.value)}
        />
        <button type="submit" className="button button-primary">
          {t('dir.searchSubmit')}
        </button>
      </div>
    </div>
  );
}

function FilterFields({
  vocabulary,
  draft,
  onChange,
}: {
  vocabulary: Vocabulary;
  draft: Criteria;
  onChange: (filter: Filter, value: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en' : 'fr';
  const any = { value: '', label: t('dir.filterAny') };
  const fromList = (list: VocabularyList, sort = true) => [
    any,
    ...termOptions(vocabulary[list], locale, sort),
  ];
  const select = (filter: Filter, options: { value: string; label: string }[]) => (
    <SelectField
      label={t(`dir.filter.${filter}`)}
      name={filter}
      value={draft[filter]}
      onChange={(value) => onChange(filter, value)}
      options={options}
    />
  );
  return (
    <div className="form-grid filter-grid">
      {select('type', [
        { value: '', label: t('dir.typeAny') },
        { value: 'member', label: t('dir.type.member') },
        { value: 'organisation', label: t('dir.type.organisation') },
        { value: 'service', label: t('dir.type.service') },
      ])}
      {select('profession', fromList('professions'))}
      {select('organisationType', fromList('organisationTypes'))}
      {select('careStream', fromList('careStreams'))}
      {select('commune', [
        any,
        ...vocabulary.communes.map((commune) => ({ value: commune, label: commune })),
      ])}
      {/* Short answers under a label that says the question: "Accepte de nouveaux p…" was cut. */}
      <SelectField
        label={t('dirReach.filter.label')}
        name="accepting"
        value={draft.accepting}
        onChange={(value) => onChange('accepting', value)}
        options={[
          any,
          { value: 'yes', label: t('dirReach.filter.yes') },
          { value: 'conditions', label: t('dirReach.filter.conditions') },
          { value: 'no', label: t('dirReach.filter.no') },
        ]}
      />
      {select('language', fromList('languages', false))}
      {select('channel', fromList('channels', false))}
    </div>
  );
}

function Advice() {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="advice-title">
      <h2 id="advice-title">{t('dir.adviceTitle')}</h2>
      <p>{t('dir.advice')}</p>
      <ul className="examples">
        {EXAMPLES.map((key) => {
          const example = t(`dirPrivacy.examples.${key}`);
          return (
            <li key={key}>
              <Link to={`/directory?q=${encodeURIComponent(example)}`}>{example}</Link>
            </li>
          );
        })}
      </ul>
      <p>
        <Link to="/directory?type=organisation">{t('dir.browseOrganisations')}</Link>
      </p>
    </section>
  );
}

function Results({
  criteria,
  page,
  vocabulary,
}: {
  criteria: Criteria;
  page: number;
  vocabulary: Vocabulary | null;
}) {
  const { t } = useTranslation();
  const labels = useLabels(vocabulary);
  const query: DirectoryQuery = useMemo(
    () => ({ ...criteria, page: String(page), pageSize: String(PAGE_SIZE) }),
    [criteria, page],
  );
  const fetcher = useCallback(() => api.searchDirectory(query), [query]);
  const [state, retry] = useLoaded(fetcher);

  const countText =
    state.status === 'ready'
      ? state.data.total === 0
        ? t('dir.noResults')
        : state.data.totalExact
          ? t('dir.resultsCount', { count: state.data.total })
          : t('dir.resultsMore', { count: state.data.total })
      : '';

  return (
    <section
      className="results"
      aria-labelledby="results-title"
      // Which search the results shown belong to (for tests and styles): set once they are in.
      data-results-for={state.status === 'loading' ? undefined : queryKey(criteria, page)}
    >
      <div className="section-heading">
        <h2 id="results-title">{t('dir.resultsTitle')}</h2>
        <p className="count" role="status" aria-live="polite" aria-atomic="true">
          {countText}
        </p>
      </div>
      <Show state={state} retry={retry} errorTitle={t('dir.searchError')}>
        {(answer) =>
          answer.items.length === 0 ? (
            <NoResults criteria={criteria} />
          ) : (
            <>
              <ul className="result-list">
                {answer.items.map((item) => (
                  <ResultCard key={`${item.type}-${item.id}`} item={item} labels={labels} />
                ))}
              </ul>
              <Pagination answer={answer} />
            </>
          )
        }
      </Show>
    </section>
  );
}

function NoResults({ criteria }: { criteria: Criteria }) {
  const { t } = useTranslation();
  const filtered = FILTERS.some((filter) => criteria[filter]);
  return (
    <div className="empty-state">
      <p className="empty-title">
        {criteria.q ? t('dir.emptyTitleQuery', { query: criteria.q }) : t('dir.emptyTitle')}
      </p>
      <ul>
        <li>{t('dir.emptyShorter')}</li>
        <li>{t('dir.emptySpelling')}</li>
        {filtered && <li>{t('dir.emptyFilters')}</li>}
        <li>{t('dir.emptyNeed')}</li>
      </ul>
    </div>
  );
}

/** A matched value with the words that matched highlighted (the server says where). */
function Marked({ match }: { match: SearchMatch }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const { start, end } of match.marks) {
    if (start < at || end > match.value.length) continue;
    if (start > at) parts.push(match.value.slice(at, start));
    parts.push(<mark key={start}>{match.value.slice(start, end)}</mark>);
    at = end;
  }
  if (at < match.value.length) parts.push(match.value.slice(at));
  return <>{parts}</>;
}

/**
 * "Trouvé dans : mission « personnes âgées »", "Found in: profession “Physiotherapist”": the field
 * in the reader's words and what it says, the searched words highlighted; "(approchant)" for a
 * corrected word. Never the index's hidden words.
 */
function MatchReasons({ matched }: { matched: SearchMatch[] }) {
  const { t } = useTranslation();
  if (matched.length === 0) return null;
  const fieldLabel = (name: string) => {
    const more = MORE_MATCH_FIELDS.find((f) => f === name);
    if (more) return t(`dirPrivacy.matchField.${more}`);
    const field = MATCH_FIELDS.find((f) => f === name);
    return field ? t(`dir.matchField.${field}`) : null;
  };
  const shown = matched.filter((match) => fieldLabel(match.field) !== null);
  if (shown.length === 0) return null;
  return (
    <p className="match">
      <span className="match-label">{t('dir.foundIn')}</span>{' '}
      {shown.map((match, index) => {
        return (
          <span key={`${match.field}-${match.value}`} data-match-field={match.field}>
            {index > 0 && t('dirPrivacy.separator')}
            {fieldLabel(match.field)} {t('dirPrivacy.quoteOpen')}
            <Marked match={match} />
            {t('dirPrivacy.quoteClose')}
            {!match.exact && <span className="approx"> {t('dir.approximate')}</span>}
          </span>
        );
      })}
    </p>
  );
}

function ResultCard({
  item,
  labels,
}: {
  item: SearchResult;
  labels: (list: VocabularyList, code: string) => string;
}) {
  const { t } = useTranslation();
  const kind = KIND_OF[item.type];
  return (
    <li className={`result-card result-${item.type}`}>
      <div className="result-head">
        <span className={`tag tag-type tag-type-${item.type}`}>{t(`dir.type.${item.type}`)}</span>
        {item.stale && <StaleBadge />}
      </div>
      <h3 className="result-title">
        <Link to={`/directory/${kind}/${item.id}`}>{item.title}</Link>
      </h3>
      {item.subtitle && <p className="result-subtitle">{item.subtitle}</p>}
      {(item.accepting || item.careStreams.length > 0) && (
        <p className="badges">
          <AcceptingBadge
            accepting={item.accepting}
            audience={item.audience}
            stale={item.acceptingStale}
          />
          {item.careStreams.map((code) => (
            <span key={code} className="tag tag-stream">
              {labels('careStreams', code)}
            </span>
          ))}
        </p>
      )}
      {item.communes.length > 0 && (
        <p className="result-communes">
          <span className="visually-hidden">{t('dir.communesLabel')} </span>
          {item.communes.join(', ')}
        </p>
      )}
      <CardContact contact={item.contact} labels={labels} />
      <MatchReasons matched={item.matched} />
    </li>
  );
}

function Pagination({ answer }: { answer: SearchAnswer }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const pages = Math.max(1, Math.ceil(answer.total / answer.pageSize));
  if (pages <= 1) return null;
  const linkTo = (page: number) => {
    const next = new URLSearchParams(params);
    if (page === 1) next.delete('page');
    else next.set('page', String(page));
    return `/directory?${next.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t('dir.pagesLabel')}>
      {answer.page > 1 ? (
        <Link className="button" to={linkTo(answer.page - 1)} rel="prev">
          {t('dir.previous')}
        </Link>
      ) : (
        <span />
      )}
      <p className="pagination-where">{t('dir.pageOf', { page: answer.page, pages })}</p>
      {answer.page < pages ? (
        <Link className="button" to={linkTo(answer.page + 1)} rel="next">
          {t('dir.next')}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
