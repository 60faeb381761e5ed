import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import type { Invitation } from '../api';
import { Alert } from '../components/Alert';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { Loading } from '../components/guards';
import { formatDateTime } from '../format';
import { fieldErrorsOf, focusFirstInvalid, useErrorText, usePageTitle } from '../hooks';
import { currentLocale } from '../i18n';
import { useSession } from '../session';
import { Unusable, useOneTimeLink } from './one-time-link';
import { usePasswordChecks } from './password';

const loadInvitation = (token: string) => api.getInvitation(token);

/** Someone invited by the network opens their link, sees who they are and chooses a password. */
export function InvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t('invitation.title'));
  const { token = '' } = useParams();
  const errorText = useErrorText();
  const state = useOneTimeLink(token, loadInvitation);

  return (
    <div className="narrow">
      <h1>{t('invitation.title')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'gone' && (
        <Unusable title={t('invitation.goneTitle')} body={t('invitation.gone')} />
      )}
      {state.status === 'unknown' && (
        <Unusable title={t('invitation.notFoundTitle')} body={t('invitation.notFound')} />
      )}
      {state.status === 'error' && <Alert tone="error">{errorText(state.error)}</Alert>}
      {state.status === 'ready' && <AcceptForm token={token} invitation={state.data} />}
    </div>
  );
}

function AcceptForm({ token, invitation }: { token: string; invitation: Invitation }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const checks = usePasswordChecks(password, confirm);
  const serverErrors = fieldErrorsOf(error);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    checks.revealAll();
    if (!checks.valid) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.acceptInvitation(token, password);
      signIn(result.session);
      void navigate('/', { replace: true });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="lead">{t('invitation.intro', { name: invitation.displayName })}</p>
      <dl className="facts card">
        <div>
          <dt>{t('invitation.email')}</dt>
          <dd>{invitation.email}</dd>
        </div>
        <div>
          <dt>{t('invitation.role')}</dt>
          <dd>{t(`roles.${invitation.role}`)}</dd>
        </div>
        <div>
          <dt>{t('invitation.expiresAt')}</dt>
          <dd>{formatDateTime(invitation.expiresAt, currentLocale())}</dd>
        </div>
      </dl>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        <h2>{t('invitation.choosePassword')}</h2>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <NewPasswordFields
          email={invitation.email}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          checks={checks}
          serverError={serverErrors.password}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('invitation.submitting') : t('invitation.submit')}
        </button>
      </form>
    </>
  );
}
