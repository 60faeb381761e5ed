import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type SyntheticEvent,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api';
import { Alert } from '../../components/Alert';
import {
  AttachmentList,
  FilePicker,
  toUploads,
  usePickedFiles,
} from '../../components/attachments';
import { formatDateTime } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import {
  LOGBOOK_CATEGORIES,
  logbookApi,
  urgentFirst,
  type LogbookCategory,
  type LogbookEntry,
  type LogbookPage,
} from './logbook-api';

type Link = { kind: 'reply' | 'correct'; entry: LogbookEntry } | null;

/**
 * The person's logbook (transmissions, decision 021) on their page: a quick entry form, the
 * entries of the categories the reader may see (the server filters), urgent ones first, the ones
 * not read yet marked; replies and corrections link to their entry, and read receipts are shown.
 * What was shown is then marked read (my read receipts).
 */
export function LogbookSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<LogbookCategory | null>(null);
  const [page, setPage] = useState<LogbookPage | null>(null);
  const [items, setItems] = useState<LogbookEntry[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [link, setLink] = useState<Link>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // What was unread when this visit began keeps its marker (and the count) until the page is left,
  // though the first load already marked it read.
  const visitUnread = useRef(new Set<string>());
  const [visitCounts, setVisitCounts] = useState<{ all: number; urgent: number } | null>(null);

  const load = useCallback(
    async (before?: string) => {
      setLoading(true);
      setError(null);
      try {
        const next = await logbookApi.page(personId, {
          ...(filter ? { category: filter } : {}),
          ...(before ? { before } : {}),
        });
        setPage(next);
        setVisitCounts(
          (known) => known ?? { all: next.unreadCount, urgent: next.unreadUrgentCount },
        );
        for (const entry of next.items) if (entry.unread) visitUnread.current.add(entry.id);
        const marked = next.items.map((entry) =>
          visitUnread.current.has(entry.id) ? { ...entry, unread: true } : entry,
        );
        setItems((previous) => (before ? [...previous, ...marked] : marked));
        const unread = next.items.filter((entry) => entry.unread).map((entry) => entry.id);
        // My read receipts for what I was shown; the marker stays for this visit.
        if (unread.length) void logbookApi.markRead(personId, unread).catch(() => undefined);
      } catch (caught) {
        setError(caught);
      } finally {
        setLoading(false);
      }
    },
    [personId, filter],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const startLink = (kind: 'reply' | 'correct', entry: LogbookEntry) => {
    setLink({ kind, entry });
    textRef.current?.focus();
  };
  const byId = new Map(items.map((e) => [e.id, e]));
  const writable = page?.writableCategories ?? [];
  const readable = page?.readableCategories ?? [];

  return (
    <section className="card logbook" id="logbook" aria-labelledby="logbook-title">
      <div className="logbook-head">
        <h2 id="logbook-title">{t('logbook.title')}</h2>
        {visitCounts && visitCounts.all > 0 && (
          <span className="tag tag-unread" role="status">
            {t('logbook.unread', { count: visitCounts.all })}
            {visitCounts.urgent > 0 &&
              ` · ${t('logbook.unreadUrgent', { count: visitCounts.urgent })}`}
          </span>
        )}
      </div>
      {writable.length > 0 && (
        <EntryForm
          personId={personId}
          writable={writable}
          link={link}
          textRef={textRef}
          onCancelLink={() => setLink(null)}
          onPosted={() => {
            setLink(null);
            void load();
          }}
        />
      )}
      {readable.length > 1 && (
        <div className="logbook-filter" role="group" aria-label={t('logbook.filter')}>
          <button
            type="button"
            className="button button-quiet"
            aria-pressed={filter === null}
            onClick={() => setFilter(null)}
          >
            {t('logbook.all')}
          </button>
          {LOGBOOK_CATEGORIES.filter((c) => readable.includes(c)).map((category) => (
            <button
              key={category}
              type="button"
              className="button button-quiet"
              aria-pressed={filter === category}
              onClick={() => setFilter(category)}
            >
              {t(`logbook.category.${category}`)}
            </button>
          ))}
        </div>
      )}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {!loading && items.length === 0 && error === null && (
        <p className="muted">{filter ? t('logbook.emptyFilter') : t('logbook.empty')}</p>
      )}
      {items.length > 0 && (
        <ol className="plain-list logbook-list">
          {urgentFirst(items).map((entry) => (
            <EntryItem
              key={entry.id}
              personId={personId}
              entry={entry}
              locale={locale}
              target={entry.replyToId ? byId.get(entry.replyToId) : undefined}
              canReply={writable.length > 0}
              onReply={() => startLink('reply', entry)}
              onCorrect={() => startLink('correct', entry)}
            />
          ))}
        </ol>
      )}
      {page?.nextCursor && (
        <button
          type="button"
          className="button"
          disabled={loading}
          onClick={() => void load(page.nextCursor ?? undefined)}
        >
          {t('logbook.more')}
        </button>
      )}
    </section>
  );
}

function EntryItem({
  personId,
  entry,
  locale,
  target,
  canReply,
  onReply,
  onCorrect,
}: {
  personId: string;
  entry: LogbookEntry;
  locale: ReturnType<typeof currentLocale>;
  target: LogbookEntry | undefined;
  canReply: boolean;
  onReply: () => void;
  onCorrect: () => void;
}) {
  const { t } = useTranslation();
  const classes = ['logbook-entry'];
  if (entry.urgent) classes.push('logbook-urgent');
  if (entry.unread) classes.push('logbook-unread');
  if (entry.correctedById) classes.push('logbook-corrected');
  const others = entry.readers.filter((r) => r.name !== entry.authorName);
  return (
    <li className={classes.join(' ')} id={`logbook-${entry.id}`}>
      <p className="logbook-meta">
        {entry.unread && <span className="tag tag-unread">{t('logbook.new')}</span>}
        {entry.urgent && <span className="tag tag-urgent">{t('logbook.urgent')}</span>}
        <span className={`tag tag-category-${entry.category}`}>
          {t(`logbook.category.${entry.category}`)}
        </span>
        {entry.correctedById && (
          <a className="tag" href={`#logbook-${entry.correctedById}`}>
            {t('logbook.corrected')}
          </a>
        )}
        <span className="logbook-by">
          <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
          {entry.authorName && ` · ${entry.authorName}`}
        </span>
      </p>
      {entry.correctsId && (
        <p className="secondary">
          <a href={`#logbook-${entry.correctsId}`}>{t('logbook.correctionOf')}</a>
        </p>
      )}
      {entry.replyToId && (
        <p className="secondary">
          <a href={`#logbook-${entry.replyToId}`}>
            {target
              ? t('logbook.replyToWho', { name: target.authorName ?? '' })
              : t('logbook.replyTo')}
          </a>
        </p>
      )}
      <p className="logbook-text">{entry.text}</p>
      <AttachmentList files={entry.attachments} urlOf={(id) => logbookApi.fileUrl(personId, id)} />
      <div className="logbook-foot">
        {others.length > 0 ? (
          <details>
            <summary>{t('logbook.readBy', { count: others.length })}</summary>
            <ul className="plain-list">
              {others.map((reader) => (
                <li key={reader.name + reader.at}>
                  {reader.name} — {formatDateTime(reader.at, locale)}
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <span className="muted">{t('logbook.readByNobody')}</span>
        )}
        <span className="actions">
          {canReply && (
            <button type="button" className="button button-quiet" onClick={onReply}>
              {t('logbook.reply')}
            </button>
          )}
          {entry.mine && !entry.correctedById && (
            <button type="button" className="button button-quiet" onClick={onCorrect}>
              {t('logbook.correct')}
            </button>
          )}
        </span>
      </div>
    </li>
  );
}

function EntryForm({
  personId,
  writable,
  link,
  textRef,
  onCancelLink,
  onPosted,
}: {
  personId: string;
  writable: LogbookCategory[];
  link: Link;
  textRef: React.RefObject<HTMLTextAreaElement | null>;
  onCancelLink: () => void;
  onPosted: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [category, setCategory] = useState<LogbookCategory>(
    writable.includes('daily_life') ? 'daily_life' : writable[0]!,
  );
  const [urgent, setUrgent] = useState(false);
  const picked = usePickedFiles();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const correcting = link?.kind === 'correct';
  const shownCategory = correcting ? link.entry.category : category;

  const submit = async (event?: SyntheticEvent) => {
    event?.preventDefault();
    if (busy) return;
    if (text.trim() === '') {
      setError(t('logbook.textRequired'));
      textRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const attachments = await toUploads(picked.files);
      await logbookApi.post(personId, {
        category: shownCategory,
        urgent,
        text,
        replyToId: link?.kind === 'reply' ? link.entry.id : null,
        correctsId: correcting ? link.entry.id : null,
        attachments,
      });
      setText('');
      setUrgent(false);
      picked.clear();
      onPosted();
    } catch (caught) {
      setError(caught instanceof ApiError || caught instanceof Error ? errorText(caught) : null);
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };

  return (
    <form className="logbook-form" onSubmit={(e) => void submit(e)} noValidate>
      {link && (
        <p className="logbook-linking" role="status">
          {link.kind === 'reply'
            ? t('logbook.replyingTo', { name: link.entry.authorName ?? '' })
            : t('logbook.correcting')}{' '}
          <button type="button" className="button button-quiet" onClick={onCancelLink}>
            {t('logbook.cancel')}
          </button>
        </p>
      )}
      <div className="field">
        <label htmlFor="logbook-text">{t('logbook.textLabel')}</label>
        <textarea
          id="logbook-text"
          ref={textRef}
          rows={3}
          maxLength={5000}
          value={text}
          aria-describedby="logbook-text-hint"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p className="hint" id="logbook-text-hint">
          {t('logbook.textHint')}
        </p>
      </div>
      <div className="logbook-form-row">
        <div className="field">
          <label htmlFor="logbook-category">{t('logbook.categoryLabel')}</label>
          <select
            id="logbook-category"
            value={shownCategory}
            disabled={correcting}
            onChange={(e) => setCategory(e.target.value as LogbookCategory)}
          >
            {LOGBOOK_CATEGORIES.filter((c) => writable.includes(c) || c === shownCategory).map(
              (c) => (
                <option key={c} value={c}>
                  {t(`logbook.category.${c}`)}
                </option>
              ),
            )}
          </select>
        </div>
        <label className="logbook-check">
          <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />{' '}
          {t('logbook.urgentLabel')}
        </label>
        <FilePicker id="logbook-files" ref={picked.ref} onPick={picked.pick} />
      </div>
      {(error ?? picked.problem) && <Alert tone="error">{error ?? picked.problem}</Alert>}
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('logbook.posting') : t('logbook.post')}
      </button>
    </form>
  );
}
