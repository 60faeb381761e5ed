import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import type { PasswordReset } from '../api';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Loading } from '../components/guards';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { formatDateTime } from '../format';
import { fieldErrorsOf, focusFirstInvalid, useErrorText, usePageTitle } from '../hooks';
import { currentLocale } from '../i18n';
import { Unusable, useOneTimeLink } from './one-time-link';
import { usePasswordChecks } from './password';

/** "Forgot my password": the person gives their e-mail and gets a one-time link. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('reset.askTitle'));
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    setMissing(address ? undefined : t('common.fieldRequired'));
    if (!address) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.requestPasswordReset(address);
      setSentTo(address);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <h1>{t('reset.askTitle')}</h1>
      {sentTo ? (
        <>
          <Alert tone="success" title={t('reset.sentTitle')}>
            <p>{t('reset.sent', { email: sentTo })}</p>
          </Alert>
          <p>
            <Link to="/login">{t('invitation.toLogin')}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="lead">{t('reset.askIntro')}</p>
          <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
            {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
            <Field
              label={t('login.email')}
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              error={missing ?? fieldErrorsOf(error).email}
            />
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t('reset.asking') : t('reset.ask')}
            </button>
          </form>
          <p>
            <Link to="/login">{t('reset.backToLogin')}</Link>
          </p>
        </>
      )}
    </div>
  );
}

const loadReset = (token: string) => api.getPasswordReset(token);

/** The link from the mail: the person chooses a new password, then logs in with it. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('reset.title'));
  const { token = '' } = useParams();
  const errorText = useErrorText();
  const state = useOneTimeLink(token, loadReset);
  const askAgain = (
    <p>
      <Link to="/password-reset">{t('reset.askAgain')}</Link>
    </p>
  );

  return (
    <div className="narrow">
      <h1>{t('reset.title')}</h1>
      {state.status === 'loading' && <Loading />}
      {state.status === 'gone' && (
        <>
          <Unusable title={t('reset.goneTitle')} body={state.message} />
          {askAgain}
        </>
      )}
      {state.status === 'unknown' && (
        <>
          <Unusable title={t('reset.notFoundTitle')} body={t('reset.notFound')} />
          {askAgain}
        </>
      )}
      {state.status === 'error' && <Alert tone="error">{errorText(state.error)}</Alert>}
      {state.status === 'ready' && <ResetForm token={token} reset={state.data} />}
    </div>
  );
}

function ResetForm({ token, reset }: { token: string; reset: PasswordReset }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const checks = usePasswordChecks(password, confirm);

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
      await api.completePasswordReset(token, password);
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <>
        <Alert tone="success" title={t('reset.doneTitle')}>
          <p>{t('reset.done')}</p>
        </Alert>
        <p>
          <Link className="button button-primary" to="/login">
            {t('invitation.toLogin')}
          </Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p className="lead">
        {t('reset.intro', {
          name: reset.displayName,
          date: formatDateTime(reset.expiresAt, currentLocale()),
        })}
      </p>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <NewPasswordFields
          email={reset.email}
          password={password}
          confirm={confirm}
          onPassword={setPassword}
          onConfirm={setConfirm}
          checks={checks}
          serverError={fieldErrorsOf(error).password}
          labels={{ password: t('account.newPassword'), confirm: t('account.confirmPassword') }}
        />
        <p className="muted">{t('reset.sessionsEnd')}</p>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('reset.submit')}
        </button>
      </form>
    </>
  );
}
