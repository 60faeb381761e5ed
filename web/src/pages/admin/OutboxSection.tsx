import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { OneTimeLink, Outbox as TOutbox, OutboxMail, RevealedLink } from '../../api';
import { Alert } from '../../components/Alert';
import { TextAreaField } from '../../components/Field';
import { formatDateTime } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';

/** The mail the platform sent or is sending, newest first, with a retry for failures. */
export function Outbox({ outbox, onRetried }: { outbox: TOutbox; onRetried: () => void }) {
  const { t } = useTranslation();
  if (outbox.items.length === 0) return <p className="empty-state">{t('admin.outboxEmpty')}</p>;
  const sorted = [...outbox.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <ul className="outbox">
      {sorted.map((mail) => (
        <OutboxItem key={mail.id} mail={mail} delivery={outbox.delivery} onRetried={onRetried} />
      ))}
    </ul>
  );
}

function OutboxItem({
  mail,
  delivery,
  onRetried,
}: {
  mail: OutboxMail;
  delivery: TOutbox['delivery'];
  onRetried: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const retry = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.retryMail(mail.id);
      onRetried();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  const failed = !mail.sentAt && mail.attempts > 0;
  return (
    <li className={`mail${failed ? ' mail-failed' : ''}`}>
      <p className="mail-subject">{mail.subject}</p>
      <dl className="mail-meta">
        <div>
          <dt>{t('admin.outboxTo')}</dt>
          <dd>{mail.toAddress}</dd>
        </div>
        <div>
          <dt>{t('admin.outboxCreatedAt')}</dt>
          <dd>{formatDateTime(mail.createdAt, locale)}</dd>
        </div>
        <div>
          <dt>{t('admin.outboxStatus')}</dt>
          <dd>
            {mail.sentAt
              ? t('admin.outboxSent', { date: formatDateTime(mail.sentAt, locale) })
              : mail.gaveUpAt
                ? t('admin.outboxGaveUp', { count: mail.attempts })
                : failed
                  ? t('admin.outboxRetrying', {
                      attempt: mail.attempts,
                      max: mail.maxAttempts,
                      date: mail.nextAttemptAt
                        ? formatDateTime(mail.nextAttemptAt, locale)
                        : t('admin.outboxSoon'),
                    })
                  : delivery === 'smtp'
                    ? t('admin.outboxQueued')
                    : t('admin.outboxNotSent')}
          </dd>
        </div>
        {mail.oneTimeLink && (
          <div>
            <dt>{t('admin.outboxLink')}</dt>
            <dd>
              {t('admin.outboxLinkLine', {
                purpose: t(`admin.outboxLinkPurpose_${mail.oneTimeLink.purpose}`),
                state: t(`admin.outboxLinkState_${mail.oneTimeLink.state}`),
              })}
            </dd>
          </div>
        )}
        {failed && mail.lastError && (
          <div>
            <dt>{t('admin.outboxLastError')}</dt>
            <dd className="mail-error">{mail.lastError}</dd>
          </div>
        )}
      </dl>
      {failed && delivery === 'smtp' && (
        <p>
          <button type="button" className="button" disabled={busy} onClick={() => void retry()}>
            {busy ? t('admin.outboxRetryBusy') : t('admin.outboxRetry')}
          </button>
        </p>
      )}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {mail.oneTimeLink && <LinkHandover mail={mail} link={mail.oneTimeLink} />}
      <details>
        <summary>{t('admin.outboxShowBody')}</summary>
        <pre className="mail-body">
          <Linkified text={mail.body} />
        </pre>
      </details>
    </li>
  );
}

/**
 * What an admin may do with a mail's one-time link: nothing for a reset link (only its recipient
 * gets it); for an open invitation the server calls revealable, read it (audited) to hand it over.
 */
function LinkHandover({ mail, link }: { mail: OutboxMail; link: OneTimeLink }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [revealed, setRevealed] = useState<RevealedLink | null>(null);

  if (link.purpose === 'password_reset')
    return <p className="hint">{t('admin.outboxResetNever')}</p>;
  if (link.state !== 'open') return null;
  if (link.mailOnly) return <p className="hint">{t('admin.outboxInvitationMailOnly')}</p>;
  if (!link.revealable && !link.sentByReader)
    return <p className="hint">{t('admin.outboxNotYourInvitation')}</p>;
  if (!link.revealable) return <p className="hint">{t('admin.outboxInvitationMailOnly')}</p>;

  const reveal = async () => {
    setBusy(true);
    setError(null);
    try {
      setRevealed(await api.revealLink(mail.id));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="link-handover">
      {revealed ? (
        <TextAreaField
          label={t('admin.outboxRevealedLabel', { email: mail.toAddress })}
          hint={t('admin.outboxRevealedHint', {
            date: formatDateTime(revealed.expiresAt, currentLocale()),
          })}
          name="revealedLink"
          readOnly
          rows={3}
          autoFocus
          value={revealed.link}
          onFocus={(event) => event.currentTarget.select()}
        />
      ) : (
        <>
          <p className="hint">{t('admin.outboxRevealHint')}</p>
          <p>
            <button
              type="button"
              className="button"
              disabled={busy}
              aria-label={t('admin.outboxRevealFor', { email: mail.toAddress })}
              onClick={() => void reveal()}
            >
              {busy ? t('admin.outboxRevealBusy') : t('admin.outboxReveal')}
            </button>
          </p>
        </>
      )}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
    </div>
  );
}

/** Plain text with its http(s) addresses made clickable (invitation links, mostly). */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
