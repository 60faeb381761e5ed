import { Fragment, useCallback, useEffect, useState } from 'react';
import type { SubmitEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, LOCALES, ROLES } from '../api';
import type { AdminUser, Locale, Outbox as TOutbox, OutboxMail, Role } from '../api';
import { Alert } from '../components/Alert';
import { Field, SelectField } from '../components/Field';
import { Loading } from '../components/guards';
import { formatDateTime, formatDay } from '../format';
import { fieldErrorsOf, focusFirstInvalid, useErrorText, usePageTitle } from '../hooks';
import { currentLocale } from '../i18n';
import { useSession } from '../session';

type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/** Lower case without accents, to match "eloise" with "Éloïse". */
const foldText = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Loads `fetcher` once and again whenever `reload` is called. */
function useLoaded<T>(fetcher: () => Promise<T>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let active = true;
    fetcher().then(
      (data) => active && setState({ status: 'ready', data }),
      (error: unknown) => active && setState({ status: 'error', error }),
    );
    return () => {
      active = false;
    };
  }, [fetcher, version]);
  return [state, useCallback(() => setVersion((n) => n + 1), [])];
}

const fetchUsers = () => api.listUsers().then((answer) => answer.items);
const fetchOutbox = () => api.listOutbox();
const fetchSettings = () => api.getSettings();

/** Network administration: accounts, invitations, sent mail and the two-factor rule. */
export function AdminPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.title'));
  const [users, reloadUsers] = useLoaded(fetchUsers);
  const [outbox, reloadOutbox] = useLoaded(fetchOutbox);

  return (
    <>
      <h1>{t('admin.title')}</h1>
      <nav className="in-page-nav" aria-label={t('admin.sectionsLabel')}>
        <ul>
          <li>
            <a href="#users-title">{t('admin.usersTitle')}</a>
          </li>
          <li>
            <a href="#invite-title">{t('admin.inviteTitle')}</a>
          </li>
          <li>
            <a href="#outbox-title">{t('admin.outboxTitle')}</a>
          </li>
          <li>
            <a href="#settings-title">{t('admin.settingsTitle')}</a>
          </li>
          <li>
            <a href="#freshness-title">{t('admin.freshnessTitle')}</a>
          </li>
          <li>
            <a href="#audit-title">{t('admin.auditTitle')}</a>
          </li>
        </ul>
      </nav>
      <div className="stack">
        <Section id="users-title" title={t('admin.usersTitle')}>
          <Show state={users}>
            {(items) => (
              <UsersTable
                users={items}
                onChanged={() => {
                  reloadUsers();
                  reloadOutbox();
                }}
              />
            )}
          </Show>
        </Section>
        <Section id="invite-title" title={t('admin.inviteTitle')}>
          <InviteForm
            onInvited={() => {
              reloadUsers();
              reloadOutbox();
            }}
          />
        </Section>
        <Section id="outbox-title" title={t('admin.outboxTitle')}>
          <p>{t('admin.outboxIntro')}</p>
          <Show state={outbox}>
            {(answer) => <Outbox outbox={answer} onRetried={reloadOutbox} />}
          </Show>
        </Section>
        <Section id="settings-title" title={t('admin.settingsTitle')}>
          <SettingsForm />
        </Section>
        <Section id="freshness-title" title={t('admin.freshnessTitle')}>
          <DirectoryFreshnessForm />
        </Section>
        <Section id="audit-title" title={t('admin.auditTitle')}>
          <AuditChainCheck />
        </Section>
      </div>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Show<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <Alert tone="error" title={t('admin.loadError')}>
        <p>{errorText(state.error)}</p>
      </Alert>
    );
  }
  return <>{children(state.data)}</>;
}

function UsersTable({ users, onChanged }: { users: AdminUser[]; onChanged: () => void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { session } = useSession();
  const [done, setDone] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  if (users.length === 0) return <p className="empty-state">{t('admin.usersEmpty')}</p>;
  const wanted = foldText(filter.trim());
  const sorted = [...users]
    .filter(
      (user) =>
        !wanted ||
        [user.displayName, user.email, t(`roles.${user.role}`), t(`userStatus.${user.status}`)]
          .map(foldText)
          .some((text) => text.includes(wanted)),
    )
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr', { sensitivity: 'base' }));
  return (
    <>
      <Field
        label={t('admin.usersFilter')}
        hint={t('admin.usersFilterHint')}
        name="usersFilter"
        type="search"
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <p className="count" role="status">
        {wanted
          ? t('admin.usersShown', { count: sorted.length, total: users.length })
          : t('admin.usersCount', { count: users.length })}
      </p>
      {done && <Alert tone="success">{done}</Alert>}
      <div className="table-wrap" role="region" aria-label={t('admin.usersCaption')} tabIndex={0}>
        <table className="table users-table">
          <caption className="visually-hidden">{t('admin.usersCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.columnName')}</th>
              <th scope="col">{t('admin.columnRole')}</th>
              <th scope="col">{t('admin.columnStatus')}</th>
              <th scope="col">
                <abbr title={t('account.mfaTitle')}>{t('admin.columnMfa')}</abbr>
              </th>
              <th scope="col" className="col-created">
                {t('admin.columnCreatedAt')}
              </th>
              <th scope="col">{t('admin.usersActions')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((user) => (
              <Fragment key={user.id}>
                <tr>
                  <th scope="row">
                    <span className="user-name">{user.displayName}</span>
                    <span className="user-email">{user.email}</span>
                  </th>
                  <td>{t(`roles.${user.role}`)}</td>
                  <td>
                    <span className={`tag tag-status-${user.status}`}>
                      {t(`userStatus.${user.status}`)}
                    </span>
                  </td>
                  <td>{user.mfaEnabled ? t('common.yes') : t('common.no')}</td>
                  <td className="nowrap col-created">{formatDay(user.createdAt, locale)}</td>
                  <td>
                    {user.id === session?.user.id ? (
                      <span className="muted">{t('admin.you')}</span>
                    ) : (
                      <button
                        type="button"
                        className="button button-small"
                        aria-expanded={openId === user.id}
                        aria-controls={`actions-${user.id}`}
                        aria-label={t('admin.userActionsFor', { name: user.displayName })}
                        onClick={() => setOpenId(openId === user.id ? null : user.id)}
                      >
                        {t('admin.usersActions')}
                      </button>
                    )}
                  </td>
                </tr>
                {openId === user.id && (
                  <tr className="row-actions-row">
                    <td colSpan={6} id={`actions-${user.id}`}>
                      <UserActions
                        user={user}
                        onDone={(message) => {
                          setDone(message);
                          setOpenId(null);
                          onChanged();
                        }}
                      />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('professional');
  const [locale, setLocale] = useState<Locale>('fr');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<{ email: string; expiresAt: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fieldErrors = { ...fieldErrorsOf(error), ...missing };

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSent(null);
    const empty: Record<string, string> = {};
    if (!email.trim()) empty.email = t('common.fieldRequired');
    if (!displayName.trim()) empty.displayName = t('common.fieldRequired');
    setMissing(empty);
    if (Object.keys(empty).length > 0) {
      setError(null);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api.inviteUser({
        email: email.trim(),
        displayName: displayName.trim(),
        role,
        locale,
      });
      setSent({ email: email.trim(), expiresAt: answer.expiresAt });
      setEmail('');
      setDisplayName('');
      onInvited();
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(event.currentTarget);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('admin.inviteIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {sent && (
        <Alert tone="success">
          {t('admin.inviteSent', {
            email: sent.email,
            date: formatDateTime(sent.expiresAt, currentLocale()),
          })}
        </Alert>
      )}
      <div className="form-grid">
        <Field
          label={t('admin.inviteName')}
          name="displayName"
          autoComplete="off"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={fieldErrors.displayName}
        />
        <Field
          label={t('admin.inviteEmail')}
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
        />
        <SelectField
          label={t('admin.inviteRole')}
          name="role"
          value={role}
          onChange={(value) => setRole(ROLES.find((r) => r === value) ?? 'professional')}
          options={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          error={fieldErrors.role}
        />
        <SelectField
          label={t('admin.inviteLocale')}
          name="locale"
          value={locale}
          onChange={(value) => setLocale(value === 'en' ? 'en' : 'fr')}
          options={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
          error={fieldErrors.locale}
        />
      </div>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('admin.inviteSubmitting') : t('admin.inviteSubmit')}
      </button>
    </form>
  );
}

const fetchAuditCheck = () => api.lastAuditCheck().then((answer) => answer.check);

/** The tamper-evident log's last check (daily, or now on demand) and what it found. */
function AuditChainCheck() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const [last, reload] = useLoaded(fetchAuditCheck);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function runNow() {
    setBusy(true);
    setError(null);
    try {
      await api.runAuditCheck();
      reload();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>{t('admin.auditIntro')}</p>
      <Show state={last}>
        {(check) =>
          check === null ? (
            <p className="empty-state">{t('admin.auditNever')}</p>
          ) : check.ok ? (
            <Alert tone="success" title={t('admin.auditOkTitle')}>
              <p>
                {t('admin.auditOk', {
                  count: check.checked,
                  date: formatDateTime(check.at, locale),
                })}
              </p>
            </Alert>
          ) : (
            <Alert tone="error" title={t('admin.auditBrokenTitle')}>
              <p>{t('admin.auditBroken', { date: formatDateTime(check.at, locale) })}</p>
              <ul>
                {check.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </Alert>
          )
        }
      </Show>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <button type="button" className="button" disabled={busy} onClick={() => void runNow()}>
        {busy ? t('admin.auditRunning') : t('admin.auditRun')}
      </button>
    </>
  );
}

type UserAction = 'disable' | 'enable' | 'reset' | 'mfa';

/** What an admin can do to someone else's account; the two that cut access ask to confirm. */
function UserActions({ user, onDone }: { user: AdminUser; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [confirming, setConfirming] = useState<'disable' | 'mfa' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const name = user.displayName;

  async function run(action: UserAction) {
    setBusy(true);
    setError(null);
    try {
      if (action === 'disable') await api.disableUser(user.id);
      if (action === 'enable') await api.enableUser(user.id);
      if (action === 'reset') await api.sendPasswordReset(user.id);
      if (action === 'mfa') await api.resetSecondFactor(user.id);
      setConfirming(null);
      onDone(
        {
          disable: t('admin.userDisabled', { name }),
          enable: t('admin.userEnabled', { name }),
          reset: t('admin.userResetSent', { email: user.email }),
          mfa: t('admin.userMfaReset', { name }),
        }[action],
      );
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (confirming) {
    return (
      <div className="confirm-box" role="group" aria-label={t('admin.usersActions')}>
        <p>
          {confirming === 'disable'
            ? t('admin.userDisableHint', { name })
            : t('admin.userResetMfaHint', { name })}
        </p>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <div className="actions">
          <button
            type="button"
            className="button button-danger"
            disabled={busy}
            onClick={() => void run(confirming)}
          >
            {confirming === 'disable'
              ? t('admin.userDisableConfirm', { name })
              : t('admin.userResetMfaConfirm', { name })}
          </button>
          <button type="button" className="button" onClick={() => setConfirming(null)}>
            {t('admin.cancel')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="row-actions" role="group" aria-label={t('admin.userActionsFor', { name })}>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <div className="actions">
        {user.status === 'disabled' ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run('enable')}
          >
            {t('admin.userEnable')}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setConfirming('disable')}>
            {t('admin.userDisable')}
          </button>
        )}
        {user.status === 'active' && (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run('reset')}
          >
            {t('admin.userSendReset')}
          </button>
        )}
        {user.mfaEnabled && (
          <button type="button" className="button" onClick={() => setConfirming('mfa')}>
            {t('admin.userResetMfa')}
          </button>
        )}
      </div>
    </div>
  );
}

function Outbox({ outbox, onRetried }: { outbox: TOutbox; onRetried: () => void }) {
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
      <details>
        <summary>{t('admin.outboxShowBody')}</summary>
        <pre className="mail-body">
          <Linkified text={mail.body} />
        </pre>
      </details>
    </li>
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

function SettingsForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state] = useLoaded(fetchSettings);
  const [chosen, setChosen] = useState<Role[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') setChosen(state.data.mfaRequiredRoles);
  }, [state]);

  if (state.status !== 'ready' || chosen === null) {
    return <Show state={state}>{() => null}</Show>;
  }

  function toggle(role: Role, on: boolean) {
    setSaved(false);
    setChosen((previous) => {
      const set = new Set(previous ?? []);
      if (on) set.add(role);
      else set.delete(role);
      return ROLES.filter((r) => set.has(r));
    });
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      const answer = await api.updateSettings({ mfaRequiredRoles: chosen });
      setChosen(answer.mfaRequiredRoles);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <p>{t('admin.settingsIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {saved && <Alert tone="success">{t('admin.settingsSaved')}</Alert>}
      <fieldset className="checkboxes">
        <legend>{t('admin.settingsLegend')}</legend>
        {ROLES.map((role) => (
          <div key={role} className="checkbox">
            <input
              type="checkbox"
              id={`mfa-role-${role}`}
              name="mfaRequiredRoles"
              value={role}
              checked={chosen.includes(role)}
              onChange={(event) => toggle(role, event.target.checked)}
            />
            <label htmlFor={`mfa-role-${role}`}>{t(`roles.${role}`)}</label>
          </div>
        ))}
      </fieldset>
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}

/** After how many days without verification a directory entry is shown as "to check". */
function DirectoryFreshnessForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [state] = useLoaded(fetchSettings);
  const [days, setDays] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') setDays(String(state.data.directoryStaleDays));
  }, [state]);

  if (state.status !== 'ready' || days === null) {
    return <Show state={state}>{() => null}</Show>;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (!days?.trim()) {
      setMissing(true);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      // Sent as typed: the server says what is wrong with a value out of range or not whole.
      const answer = await api.updateSettings({ directoryStaleDays: Number(days) });
      setDays(String(answer.directoryStaleDays));
      setSaved(true);
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(event.currentTarget);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('admin.freshnessIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {saved && <Alert tone="success">{t('admin.settingsSaved')}</Alert>}
      <Field
        label={t('admin.freshnessDays')}
        hint={t('admin.freshnessHint')}
        name="directoryStaleDays"
        type="number"
        inputMode="numeric"
        min={1}
        max={3650}
        step={1}
        required
        value={days}
        onChange={(event) => {
          setSaved(false);
          setDays(event.target.value);
        }}
        error={missing ? t('common.fieldRequired') : fieldErrorsOf(error).directoryStaleDays}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('common.save')}
      </button>
    </form>
  );
}
