import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/guards';
import { formatDateTime } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../directory/shared';
import { messagesApi, type InboxItem } from './messages-api';

/** The conversation's name as a reader sees it: the group's title, else the other person. */
export function conversationName(item: { title: string | null; others: string }): string {
  return item.title ?? item.others;
}

/** My conversations, most recent activity first, with what I have not read (decision 022). */
export function MessagesPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  usePageTitle(t('messages.title'));
  const fetcher = useCallback(() => messagesApi.inbox(), []);
  const [state] = useLoaded(fetcher);

  return (
    <>
      <div className="page-intro page-intro-actions">
        <div>
          <h1>{t('messages.title')}</h1>
          <p className="lead">{t('messages.lead')}</p>
        </div>
        <Link className="button button-primary" to="/messages/new">
          {t('messages.new')}
        </Link>
      </div>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <Alert tone="error">{errorText(state.error)}</Alert>}
      {state.status === 'ready' &&
        (state.data.items.length === 0 ? (
          <p className="muted">{t('messages.none')}</p>
        ) : (
          <ul className="conversation-list" aria-label={t('messages.title')}>
            {state.data.items.map((item) => (
              <InboxRow key={item.id} item={item} />
            ))}
          </ul>
        ))}
    </>
  );
}

function InboxRow({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <li className={item.unread > 0 ? 'conversation-row unread' : 'conversation-row'}>
      <Link to={`/messages/${item.id}`} className="conversation-link">
        <span className="conversation-head">
          <strong className="conversation-name">{conversationName(item)}</strong>
          {item.unread > 0 && (
            <span className="tag tag-unread">{t('messages.unread', { count: item.unread })}</span>
          )}
        </span>
        {item.person && (
          <span className="secondary">{t('messages.about', { name: item.person.name })}</span>
        )}
        {item.title && <span className="secondary">{item.others}</span>}
        <span className="conversation-last">
          {item.lastMessage ? (
            <>
              <span className="conversation-snippet">
                {item.lastMessage.authorName} : {item.lastMessage.body}
              </span>
              <time dateTime={item.lastMessage.at} className="muted">
                {formatDateTime(item.lastMessage.at, locale)}
              </time>
            </>
          ) : (
            <span className="muted">{t('messages.noMessageYet')}</span>
          )}
        </span>
      </Link>
    </li>
  );
}

/** The navigation's link to the messages, with the unread count (read again on each page). */
export function MessagesLink({ path }: { path: string }) {
  const { t } = useTranslation();
  const fetcher = useCallback(() => messagesApi.unread(), [path]);
  const [state] = useLoaded(fetcher);
  const unread = state.status === 'ready' ? state.data.total : 0;
  return (
    <NavLink to="/messages">
      {t('messages.nav')}
      {unread > 0 && (
        <>
          {' '}
          <span className="tag" data-testid="messages-badge">
            {t('messages.unread', { count: unread })}
          </span>
        </>
      )}
    </NavLink>
  );
}

/** On the person page: "Message à l'équipe", for those who may talk about the person. */
export function MessageTeamButton({ personId, relation }: { personId: string; relation: string }) {
  const { t } = useTranslation();
  if (relation !== 'case_manager' && relation !== 'team_member') return null;
  return (
    <p className="page-actions">
      <Link className="button" to={`/messages/new?personId=${encodeURIComponent(personId)}`}>
        {t('messages.toTeam')}
      </Link>
    </p>
  );
}
