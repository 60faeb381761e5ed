import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { InviteResponse, OutboxMail, RevealedLink } from '../../api';
import { Alert } from '../../components/Alert';
import { TextAreaField } from '../../components/Field';
import { formatDateTime } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';

/** When to look again whether a queued invitation mail has left (ms after the invitation). */
const CHECKS_MS = [2_000, 6_000, 15_000];

/**
 * What became of an invitation's mail, said as it is: queued (then sent, or not yet and why), or
 * kept because no mail server is set — then the admin who sent it may copy the link (audited) to
 * hand it over themselves.
 */
export function InvitationOutcome({ email, answer }: { email: string; answer: InviteResponse }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const date = formatDateTime(answer.expiresAt, locale);
  if (answer.mail.status === 'no_mail_server') {
    return (
      <Alert tone="warning" title={t('admin.inviteNoMailServerTitle')}>
        <p>{t('admin.inviteNoMailServer', { email, date })}</p>
        <CopyInvitationLink mailId={answer.mail.id} email={email} />
      </Alert>
    );
  }
  return <QueuedInvitation email={email} mailId={answer.mail.id} date={date} />;
}

function QueuedInvitation({
  email,
  mailId,
  date,
}: {
  email: string;
  mailId: string;
  date: string;
}) {
  const { t } = useTranslation();
  const [mail, setMail] = useState<OutboxMail | null>(null);
  const settled = !!mail && (!!mail.sentAt || !!mail.lastError || !!mail.gaveUpAt);
  useEffect(() => {
    if (settled) return;
    const timers = CHECKS_MS.map((delay) =>
      setTimeout(() => {
        api
          .listOutbox()
          .then((outbox) => setMail(outbox.items.find((m) => m.id === mailId) ?? null))
          .catch(() => undefined); // the outbox below says it anyway
      }, delay),
    );
    return () => timers.forEach(clearTimeout);
  }, [mailId, settled]);

  if (mail?.sentAt) {
    return (
      <Alert tone="success">
        {t('admin.inviteMailSent', {
          email,
          sentAt: formatDateTime(mail.sentAt, currentLocale()),
          date,
        })}
      </Alert>
    );
  }
  if (mail && (mail.lastError || mail.gaveUpAt)) {
    return (
      <Alert tone="warning">
        {t(mail.gaveUpAt ? 'admin.inviteMailGaveUp' : 'admin.inviteMailNotYet', {
          email,
          error: mail.lastError ?? '',
        })}
      </Alert>
    );
  }
  return <Alert tone="info">{t('admin.inviteMailQueued', { email, date })}</Alert>;
}

function CopyInvitationLink({ mailId, email }: { mailId: string; email: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [revealed, setRevealed] = useState<RevealedLink | null>(null);
  const [copied, setCopied] = useState(false);

  const copy = async () => {
    setBusy(true);
    setError(null);
    try {
      const link = await api.revealLink(mailId);
      setRevealed(link);
      // The clipboard may be refused (no permission, an old browser): the link is shown anyway.
      setCopied(
        await navigator.clipboard.writeText(link.link).then(
          () => true,
          () => false,
        ),
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="link-handover">
      {revealed ? (
        <>
          <p>{t(copied ? 'admin.inviteLinkCopied' : 'admin.inviteLinkShown', { email })}</p>
          <TextAreaField
            label={t('admin.outboxRevealedLabel', { email })}
            hint={t('admin.inviteLinkValid', {
              date: formatDateTime(revealed.expiresAt, currentLocale()),
            })}
            name="invitationLink"
            readOnly
            rows={3}
            value={revealed.link}
            onFocus={(event) => event.currentTarget.select()}
          />
        </>
      ) : (
        <p>
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-label={t('admin.inviteCopyLinkFor', { email })}
            onClick={() => void copy()}
          >
            {busy ? t('admin.outboxRevealBusy') : t('admin.inviteCopyLink')}
          </button>
        </p>
      )}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
    </div>
  );
}
