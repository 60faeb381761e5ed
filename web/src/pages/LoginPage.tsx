import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { fieldErrorsOf, focusFirstInvalid, useErrorText, usePageTitle } from '../hooks';
import { useSession } from '../session';

/** Sign in with e-mail and password, then the 6-digit code when the account has two-factor on. */
export function LoginPage() {
  const { session } = useSession();
  return session?.mfaPending ? <CodeStep /> : <PasswordStep />;
}

function PasswordStep() {
  const { t } = useTranslation();
  usePageTitle(t('login.title'));
  const { signIn } = useSession();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const fieldErrors = { ...fieldErrorsOf(error), ...missing };

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const empty: Record<string, string> = {};
    if (!email.trim()) empty.email = t('common.fieldRequired');
    if (!password) empty.password = t('common.fieldRequired');
    setMissing(empty);
    if (Object.keys(empty).length > 0) {
      setError(null);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await api.login(email.trim(), password);
      signIn(result.session);
    } catch (caught) {
      setError(caught);
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <h1>{t('login.title')}</h1>
      <p className="lead">{t('login.intro')}</p>
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
          error={fieldErrors.email}
        />
        <Field
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldErrors.password}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p>
        <Link to="/password-reset">{t('login.forgotPassword')}</Link>
      </p>
      <p className="muted">{t('login.invitationHint')}</p>
    </div>
  );
}

function CodeStep() {
  const { t } = useTranslation();
  usePageTitle(t('login.mfaTitle'));
  const { signIn, signOut } = useSession();
  const errorText = useErrorText();
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [formatError, setFormatError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => inputRef.current?.focus(), []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setError(null);
      setFormatError(t('login.codeFormat'));
      inputRef.current?.focus();
      return;
    }
    setFormatError(undefined);
    setBusy(true);
    setError(null);
    try {
      const result = await api.verifyTotp(digits);
      signIn(result.session);
    } catch (caught) {
      setError(caught);
      setCode('');
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="narrow">
      <h1>{t('login.mfaTitle')}</h1>
      <p className="lead">{t('login.mfaIntro')}</p>
      <form className="card form" onSubmit={(event) => void submit(event)} noValidate>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <Field
          ref={inputRef}
          label={t('login.mfaCode')}
          hint={t('login.mfaCodeHint')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          className="input-code"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          error={formatError ?? fieldErrorsOf(error).code}
        />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('login.mfaSubmitting') : t('login.mfaSubmit')}
          </button>
          <button type="button" className="button" onClick={() => void signOut()}>
            {t('login.mfaCancel')}
          </button>
        </div>
      </form>
    </div>
  );
}
