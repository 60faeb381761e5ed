import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import {
  AttachmentList,
  FilePicker,
  toUploads,
  usePickedFiles,
} from '../../components/attachments';
import { Loading } from '../../components/guards';
import { formatDateTime } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useSession } from '../../session';
import { useLoaded } from '../directory/shared';
import { messagesApi, type Conversation, type Message } from './messages-api';

/** One conversation: its messages (older ones on demand), read on arrival, a box to write. */
export function ConversationPage() {
  const { conversationId = '' } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const fetcher = useCallback(() => messagesApi.get(conversationId), [conversationId]);
  const [state, retry] = useLoaded(fetcher);
  usePageTitle(
    state.status === 'ready' ? titleOf(state.data, t('messages.directWith')) : t('messages.title'),
  );

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <Alert tone="error">{errorText(state.error)}</Alert>;
  return <ConversationView key={conversationId} conversation={state.data} onChanged={retry} />;
}

function titleOf(conversation: Conversation, directWith: string): string {
  const others = conversation.participants.map((p) => p.name).join(', ');
  return conversation.title ?? `${directWith} ${others}`;
}

function ConversationView({
  conversation,
  onChanged,
}: {
  conversation: Conversation;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const { session } = useSession();
  const me = session?.user.id;
  const others = conversation.participants.filter((p) => p.userId !== me);
  const [items, setItems] = useState<Message[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);
  const listEnd = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let active = true;
    messagesApi.messages(conversation.id).then(
      (page) => {
        if (!active) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setLoaded(true);
        // Read on arrival: the badge and the notifications of this conversation clear.
        void messagesApi.read(conversation.id).catch(() => undefined);
      },
      (error: unknown) => active && setLoadError(error),
    );
    return () => {
      active = false;
    };
  }, [conversation.id]);

  useEffect(() => {
    if (loaded) listEnd.current?.scrollIntoView?.({ block: 'end' });
  }, [loaded]);

  async function older() {
    if (!cursor) return;
    try {
      const page = await messagesApi.messages(conversation.id, cursor);
      setItems((current) => [...current, ...page.items]);
      setCursor(page.nextCursor);
    } catch (error) {
      setLoadError(error);
    }
  }

  const name = (userId: string) =>
    conversation.participants.find((p) => p.userId === userId)?.name ?? '';
  const shown = [...items].reverse();
  const title = titleOf(conversation, t('messages.directWith'));

  return (
    <>
      <p className="breadcrumb">
        <Link to="/messages">{t('messages.title')}</Link>
      </p>
      <div className="page-intro">
        <h1>{title}</h1>
        {conversation.person && (
          <p className="lead">
            {t('messages.aboutPrefix')}{' '}
            <Link to={`/persons/${conversation.person.id}`}>{conversation.person.name}</Link>
          </p>
        )}
        <p className="secondary">
          {t('messages.participants')} :{' '}
          {conversation.participants.map((p, index) => (
            <span key={p.userId}>
              {index > 0 && ', '}
              {p.name}
              {!p.hasAccess && <> ({t('messages.leftTeam')})</>}
            </span>
          ))}
        </p>
      </div>
      {loadError !== null && <Alert tone="error">{errorText(loadError)}</Alert>}
      <section className="card conversation" aria-label={t('messages.thread')}>
        {cursor && (
          <p>
            <button type="button" className="button button-small" onClick={() => void older()}>
              {t('messages.older')}
            </button>
          </p>
        )}
        {loaded && shown.length === 0 && <p className="muted">{t('messages.empty')}</p>}
        <ol className="message-list">
          {shown.map((message) => (
            <li
              key={message.id}
              className={message.authorUserId === me ? 'message message-mine' : 'message'}
            >
              <p className="message-meta">
                <strong>{message.authorName}</strong>{' '}
                <time dateTime={message.createdAt} className="muted">
                  {formatDateTime(message.createdAt, locale)}
                </time>
              </p>
              <p className="pre-line message-body">{message.body}</p>
              <AttachmentList
                files={message.attachments}
                urlOf={(id) => messagesApi.fileUrl(conversation.id, id)}
              />
              {message.mentions.length > 0 && (
                <p className="muted message-mentions">
                  {t('messages.mentioned', { names: message.mentions.map(name).join(', ') })}
                </p>
              )}
            </li>
          ))}
        </ol>
        <div ref={listEnd} />
      </section>
      <Composer
        conversationId={conversation.id}
        others={others}
        onSent={(message) => setItems((current) => [message, ...current])}
        onChanged={onChanged}
      />
    </>
  );
}

/** The box to write: Enter sends, Shift+Enter goes to a new line; mentions by name or by list. */
function Composer({
  conversationId,
  others,
  onSent,
  onChanged,
}: {
  conversationId: string;
  others: Conversation['participants'];
  onSent: (message: Message) => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [text, setText] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const picked = usePickedFiles();
  const box = useRef<HTMLTextAreaElement>(null);

  async function send() {
    const body = text.trim();
    if (!body || sending) return;
    setSending(true);
    setError(null);
    try {
      // A mention chosen from the list whose name was since removed from the text is dropped.
      const kept = mentions.filter((id) =>
        others.some((p) => p.userId === id && body.includes(`@${p.name}`)),
      );
      const message = await messagesApi.post(conversationId, {
        body,
        mentionUserIds: kept,
        attachments: await toUploads(picked.files),
      });
      onSent(message);
      setText('');
      setMentions([]);
      picked.clear();
    } catch (failure) {
      setError(failure);
      onChanged();
    } finally {
      setSending(false);
      box.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  function mention(userId: string) {
    const person = others.find((p) => p.userId === userId);
    if (!person) return;
    setText(
      (current) => `${current}${current && !current.endsWith(' ') ? ' ' : ''}@${person.name} `,
    );
    setMentions((current) => [...new Set([...current, userId])]);
    box.current?.focus();
  }

  return (
    <form
      className="card composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {picked.problem && <Alert tone="error">{picked.problem}</Alert>}
      <div className="field">
        <label htmlFor="message-body">{t('messages.write')}</label>
        <textarea
          id="message-body"
          ref={box}
          rows={3}
          value={text}
          maxLength={5000}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby="message-hint"
        />
        <p className="hint" id="message-hint">
          {t('messages.hint')}
        </p>
      </div>
      <FilePicker id="message-files" ref={picked.ref} onPick={picked.pick} />
      <div className="composer-actions">
        {others.length > 0 && (
          <label className="composer-mention">
            <span>{t('messages.mention')}</span>{' '}
            <select
              value=""
              onChange={(event) => {
                mention(event.target.value);
              }}
            >
              <option value="">{t('messages.mentionChoose')}</option>
              {others
                .filter((p) => p.hasAccess)
                .map((p) => (
                  <option key={p.userId} value={p.userId}>
                    {p.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <button type="submit" className="button button-primary" disabled={sending || !text.trim()}>
          {sending ? t('messages.sending') : t('messages.send')}
        </button>
      </div>
    </form>
  );
}
