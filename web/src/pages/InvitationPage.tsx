import { useEffect, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api';
import type { Invitation } from '../api';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Loading } from '../components/guards';
import { formatDateTime } from '../format';
import { fieldErrorsOf, focusFirstInvalid, useErrorText, usePageTitle } from '../hooks';
import { currentLocale } from '../i18n';
import { useSession } from '../session';
import { PASSWORD_MIN_LENGTH, usePasswordChecks } from './password';

type LoadState =
  | { status: 'loading' }
  | { status: 'ready'; invitation: Invitation }
  | { status: 'gone' }
  | { status: 'unknown' }
  | { status: 'error'; error: unknown };

/** Someone invited by the network opens their link, sees who they are and chooses a password. */
export function InvitationPage() {
  const { t } = useTranslation();
  usePageTitle(t('invitation.title'));
  const { token = '' } = useParams();
  const errorText = useErrorText();
  const [state, setState] = useState<LoadState>({ status: 'loading' });

  useEffect(() => {
    let active = true;
    api.getInvitation(token).then(
      (invitation) => active && setState({ status: 'ready', invitation }),
      (error: unknown) => {
        if (!active) return;
        if (error instanceof ApiError && error.status === 410) setState({ status: 'gone' });
        // 400: a token of the wrong shape (a link cut short when copied) is just as unknown.
        else if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
          setState({ status: 'unknown' });
        } else setState({ status: 'error', error });
      },
    );
    return () => {
      active = false;
    };
  }, [token]);

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
      {state.status === 'ready' && <AcceptForm token={token} invitation={state.invitation} />}
    </div>
  );
}

function Unusable({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Alert tone="warning" title={title}>
        <p>{body}</p>
      </Alert>
      <p>
        <Link to="/login">{t('invitation.toLogin')}</Link>
      </p>
    </>
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
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" autoComplete="username" value={invitation.email} />
        <Field
          label={t('invitation.password')}
          hint={t('invitation.passwordHint')}
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          onBlur={() => checks.reveal('password')}
          error={checks.errors.password ?? serverErrors.password}
        />
        <Field
          label={t('invitation.confirm')}
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          onBlur={() => checks.reveal('confirm')}
          error={checks.errors.confirm}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('invitation.submitting') : t('invitation.submit')}
        </button>
      </form>
    </>
  );
}
