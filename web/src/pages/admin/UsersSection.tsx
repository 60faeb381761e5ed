import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { AdminUser } from '../../api';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { formatDay } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useSession } from '../../session';
import { foldText } from './shared';
import { TableScroll } from '../../components/TableScroll';

/** The accounts, filtered by name, e-mail, role or status, each with its actions. */
export function UsersTable({ users, onChanged }: { users: AdminUser[]; onChanged: () => void }) {
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
      <TableScroll label={t('admin.usersCaption')}>
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
      </TableScroll>
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
