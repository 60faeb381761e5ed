import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { formatDate, formatDateTime } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { usePagedList } from './PagedList';
import { teamApi, useCodeText, type TimelineEntry } from './team-api';

/**
 * The person's timeline (decision 018): one feed of typed events, newest first, in the categories
 * the reader may see (the server filters), twenty at a time with "voir plus".
 */
export function TimelineSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const codeText = useCodeText();
  const locale = currentLocale();
  const errorText = useErrorText();
  const load = useCallback(
    async (cursor?: number) => {
      const page = await teamApi.timeline(personId, cursor);
      return { items: page.items, next: page.nextCursor };
    },
    [personId],
  );
  const { items, hasMore, more, error, loading } = usePagedList<TimelineEntry>(load);
  const kindText = (entry: TimelineEntry) => {
    const code = entry.data.role;
    const role = typeof code === 'string' ? codeText(`careTeam.role.${code}`, code) : '';
    const to = entry.data.to;
    const state = typeof to === 'string' ? codeText(`pathway.state.${to}`, to) : '';
    const version = typeof entry.data.version === 'number' ? entry.data.version : '';
    // A planned end of membership (decision 027): its last day, or null when withdrawn.
    const until =
      typeof entry.data.until === 'string'
        ? formatDate(entry.data.until, locale)
        : t('caseGaps.endWithdrawn');
    return codeText(`timeline.kind.${entry.kind}`, entry.kind, {
      role,
      to: state,
      version,
      until,
    });
  };

  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {!loading && items.length === 0 && error === null && (
        <p className="muted">{t('timeline.empty')}</p>
      )}
      {items.length > 0 && (
        <ol className="plain-list timeline">
          {items.map((entry) => (
            <li key={entry.id}>
              <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time> —{' '}
              {entry.link ? <Link to={entry.link}>{kindText(entry)}</Link> : kindText(entry)}
              {entry.memberName && <> : {entry.memberName}</>}
              {entry.actorName && (
                <span className="secondary"> · {t('timeline.by', { name: entry.actorName })}</span>
              )}{' '}
              <span className={`tag tag-category-${entry.category}`}>
                {t(`timeline.category.${entry.category}`)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {hasMore && (
        <button type="button" className="button" onClick={more} disabled={loading}>
          {t('timeline.more')}
        </button>
      )}
    </section>
  );
}
