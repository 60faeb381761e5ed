import { useCallback } from 'react';
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, CHANNEL_KINDS } from '../../api';
import type { DirectoryKind, HistoryEntry } from '../../api';
import { formatDateTime } from '../../format';
import { usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { NotFoundPage } from '../NotFoundPage';
import { fieldLabelKey, VISIBILITY_FIELDS } from './entry-form-model';
import { kindOf, Show, useLabels, useLoaded, useVocabulary } from './shared';
import type { VocabularyList } from './shared';
import { TableScroll } from '../../components/TableScroll';

type Labels = (list: VocabularyList, code: string | null | undefined) => string;

const ACTIONS = ['create', 'update', 'verify', 'import'] as const;

/** Fields whose values are codes of a vocabulary list. */
const ACCEPTING = ['yes', 'no', 'conditions'] as const;
const VISIBILITIES = ['public', 'network', 'care_team'] as const;
/** The contact-visibility fields a history may show (their labels: dirPrivacy.fields). */
const visibilityFieldOf = (name: string) => VISIBILITY_FIELDS.find((field) => field === name);

const CODED: Partial<Record<string, VocabularyList>> = {
  profession: 'professions',
  type: 'organisationTypes',
  languages: 'languages',
  careStreams: 'careStreams',
};

/** /directory/:kind/:id/history — every version: when, who, what changed from what to what. */
export function DirectoryHistoryPage() {
  const { kind: kindParam, id = '' } = useParams();
  const kind = kindOf(kindParam);
  if (!kind) return <NotFoundPage />;
  return <History key={`${kind}-${id}`} kind={kind} id={id} />;
}

function History({ kind, id }: { kind: DirectoryKind; id: string }) {
  const { t } = useTranslation();
  const vocabulary = useVocabulary();
  const labels = useLabels(vocabulary.status === 'ready' ? vocabulary.data : null);
  const fetchHistory = useCallback(() => api.getEntryHistory(kind, id), [kind, id]);
  const fetchEntry = useCallback(() => api.getEntry(kind, id), [kind, id]);
  const [history, reload] = useLoaded(fetchHistory);
  const [entry] = useLoaded(fetchEntry);
  const name =
    entry.status === 'ready'
      ? 'name' in entry.data
        ? entry.data.name
        : `${entry.data.firstName} ${entry.data.lastName}`
      : '';
  const title = t('dir.historyPage.title');
  usePageTitle(name ? `${title} — ${name}` : title);

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/directory/${kind}/${id}`}>{t('dir.form.backToProfile')}</Link>
      </p>
      <h1>
        {title}
        {name && <span className="heading-sub">{name}</span>}
      </h1>
      <p className="lead">{t('dir.historyPage.intro')}</p>
      <Show state={history} retry={reload} errorTitle={t('dir.historyPage.loadError')}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="empty-state">{t('dir.historyPage.empty')}</p>
          ) : (
            <ol className="history">
              {items.map((item) => (
                <HistoryItem
                  key={`${item.version}-${item.changedAt}`}
                  item={item}
                  labels={labels}
                />
              ))}
            </ol>
          )
        }
      </Show>
    </>
  );
}

function HistoryItem({ item, labels }: { item: HistoryEntry; labels: Labels }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const action = ACTIONS.find((a) => a === item.action);
  const changes = Object.entries(item.changes).filter(([field]) => field !== 'version');
  return (
    <li className="card history-item">
      <h2 className="history-title">
        <span className={`tag tag-action-${item.action}`}>
          {action ? t(`dir.historyPage.action.${action}`) : item.action}
        </span>{' '}
        {t('dir.historyPage.version', { version: item.version })}
      </h2>
      <p className="history-meta">
        {t('dir.historyPage.when', {
          date: formatDateTime(item.changedAt, locale),
          name:
            item.origin === 'user'
              ? item.changedBy?.displayName || t('dir.historyPage.unknownAuthor')
              : t(`dir.historyPage.origin.${item.origin}`),
        })}
      </p>
      {changes.length > 0 && (
        <TableScroll label={t('dir.historyPage.changesCaption', { version: item.version })}>
          <table className="table changes-table">
            <caption className="visually-hidden">
              {t('dir.historyPage.changesCaption', { version: item.version })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('dir.historyPage.field')}</th>
                <th scope="col">{t('dir.historyPage.before')}</th>
                <th scope="col">
                  <span aria-hidden="true">→ </span>
                  {t('dir.historyPage.after')}
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map(([field, change]) => {
                const key = fieldLabelKey(field);
                const visibility = visibilityFieldOf(field);
                const label = key
                  ? t(`dir.fields.${key}`)
                  : visibility
                    ? t(`dirPrivacy.fields.${visibility}`)
                    : field;
                return (
                  <tr key={field}>
                    <th scope="row">{label}</th>
                    <td className="value-before">
                      <Value field={field} value={change.from} labels={labels} />
                    </td>
                    <td className="value-after">
                      <Value field={field} value={change.to} labels={labels} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </li>
  );
}

/** A value of the history, readable: codes as labels, lists one per line, channels spelled out. */
function Value({ field, value, labels }: { field: string; value: unknown; labels: Labels }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const empty = <span className="muted">{t('dir.historyPage.emptyValue')}</span>;
  if (value === null || value === undefined || value === '') return empty;
  if ((field === 'verifiedAt' || field === 'acceptingConfirmedAt') && typeof value === 'string') {
    return <>{formatDateTime(value, locale)}</>;
  }
  const accepting = ACCEPTING.find((code) => code === value);
  if (field === 'accepting' && accepting) return <>{t(`dirReach.accepting.people.${accepting}`)}</>;
  const shownTo = VISIBILITIES.find((code) => code === value);
  if (visibilityFieldOf(field) && shownTo) return <>{t(`dirPrivacy.visibility.${shownTo}`)}</>;
  const list = CODED[field];
  if (typeof value === 'boolean') return <>{value ? t('common.yes') : t('common.no')}</>;
  if (typeof value === 'string' || typeof value === 'number') {
    return <span className="pre-line">{list ? labels(list, String(value)) : String(value)}</span>;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return empty;
    return (
      <ul className="value-list">
        {value.map((item, index) => (
          <li key={index}>{describe(item, list, labels, t)}</li>
        ))}
      </ul>
    );
  }
  return <>{describe(value, list, labels, t)}</>;
}

function describe(
  item: unknown,
  list: VocabularyList | undefined,
  labels: Labels,
  t: TFunction,
): ReactNode {
  if (item === null || item === undefined) return '';
  if (typeof item !== 'object') {
    const plain = typeof item === 'string' ? item : JSON.stringify(item);
    return list ? labels(list, plain) : plain;
  }
  const record = item as Record<string, unknown>;
  // A channel: "Téléphone : 04 77 … (préféré, avant 9 h)"
  const kind = CHANNEL_KINDS.find((k) => k === record.kind);
  if (kind && typeof record.value === 'string') {
    const notes = [
      record.preferred ? t('dir.contact.preferredShort') : '',
      typeof record.bestTimes === 'string' ? record.bestTimes : '',
    ].filter(Boolean);
    return t('dir.historyPage.channel', {
      kind: labels('channels', kind),
      value: record.value,
      notes: notes.length ? ` (${notes.join(', ')})` : '',
    });
  }
  // A workplace link: "Kinésithérapeute — structure n° …"
  if (typeof record.organisationId === 'string') {
    return [
      typeof record.roleTitle === 'string' ? record.roleTitle : '',
      t('dir.historyPage.organisationRef', { id: record.organisationId.slice(0, 8) }),
    ]
      .filter(Boolean)
      .join(' — ');
  }
  return Object.entries(record)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k} : ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}
