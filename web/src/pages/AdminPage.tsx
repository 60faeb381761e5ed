import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { usePageTitle } from '../hooks';
import { AuditChainCheck } from './admin/AuditChainCheck';
import { DirectoryFreshnessForm } from './admin/DirectoryFreshnessForm';
import { IntegrationLevelsForm } from './assessments/IntegrationLevelsForm';
import { InviteForm } from './admin/InviteForm';
import { NetworkNameForm } from './admin/NetworkNameForm';
import { Outbox } from './admin/OutboxSection';
import { SettingsForm } from './admin/SettingsForm';
import { NoContactDaysForm } from './alerts/NoContactDaysForm';
import { Section, Show, useLoaded } from './admin/shared';
import { UsersTable } from './admin/UsersSection';

const fetchUsers = () => api.listUsers().then((answer) => answer.items);
const fetchOutbox = () => api.listOutbox();

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
        <Section id="network-name-title" title={t('admin.networkNameTitle')}>
          <NetworkNameForm />
        </Section>
        <Section id="outbox-title" title={t('admin.outboxTitle')}>
          <p>{t('admin.outboxIntro')}</p>
          <Show state={outbox}>
            {(answer) => <Outbox outbox={answer} onRetried={reloadOutbox} />}
          </Show>
        </Section>
        <Section id="settings-title" title={t('admin.settingsTitle')}>
          <SettingsForm />
          <NoContactDaysForm />
        </Section>
        <Section id="freshness-title" title={t('admin.freshnessTitle')}>
          <DirectoryFreshnessForm />
        </Section>
        <Section id="levels-title" title={t('admin.levelsTitle')}>
          <IntegrationLevelsForm />
        </Section>
        <Section id="audit-title" title={t('admin.auditTitle')}>
          <AuditChainCheck />
        </Section>
      </div>
    </>
  );
}
