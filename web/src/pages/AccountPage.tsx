import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, LOCALES } from '../api';
import type { Locale, Session, TotpSetup } from '../api';
import { Alert } from '../components/Alert';
import { Field, SelectField } from '../components/Field';
import { NewPasswordFields } from '../components/NewPasswordFields';
import { groupSecret } from '../format';
import { fieldErrorsOf, focusFirstInvalid, useErrorText, usePageTitle } from '../hooks';
import { applyLocale } from '../i18n';
import { useSession } from '../session';
import { CalendarFeedSection } from './conferences/CalendarFeedSection';
import { NotificationPreferencesSection } from './notifications/PreferencesSection';
import { usePasswordChecks } from './password';

/** Member accounts have an agenda: its calendar feed and reminders (decision 031). */
const MEMBER_ROLES = new Set(['admin', 'coordinator', 'professional', 'social']);

/** The 6 digits of a typed code (spaces allowed), or null when it is not 6 digits. */
function codeDigits(code: string): string | null {
  const digits = code.replace(/\s+/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** The current code from the authenticator app, asked before a sign-in factor changes. */
function CurrentCodeField(props: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('account.currentCode')}
      hint={t('account.currentCodeHint')}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      required
      className="input-code"
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
      error={props.error}
    />
  );
}

/** The signed-in person's own settings: profile, language, password, two-factor. */
export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const { session } = useSession();
  if (!session) return null;

  return (
    <>
      <h1>{t('account.title')}</h1>
      {session.mfaSetupRequired && (
        <Alert tone="warning" title={t('account.mfaRequiredTitle')}>
          <p>{t('account.mfaRequired', { role: t(`roles.${session.user.role}`) })}</p>
        </Alert>
      )}
      <div className="stack">
        {session.mfaSetupRequired ? (
          <TwoFactorSection session={session} />
        ) : (
          <>
            <ProfileSection session={session} />
            <PasswordSection session={session} />
            <TwoFactorSection session={session} />
            <NotificationPreferencesSection />
            {session.user.memberId && (
              <section aria-labelledby="availability-title">
                <h2 id="availability-title">{t('availability.accountTitle')}</h2>
                <p>
                  <Link to="/agenda/disponibilites">{t('availability.accountLink')}</Link>
                </p>
              </section>
            )}
            {MEMBER_ROLES.has(session.user.role) && <CalendarFeedSection />}
          </>
        )}
      </div>
    </>
  );
}

function ProfileSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { updateUser } = useSession();
  const errorText = useErrorText();
  const [displayName, setDisplayName] = useState(session.user.displayName);
  const [locale, setLocale] = useState<Locale>(session.user.locale);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState<string | undefined>();

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    if (!displayName.trim()) {
      setMissing(t('common.fieldRequired'));
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setMissing(undefined);
    setBusy(true);
    setError(null);
    try {
      const { user } = await api.updateAccount({ displayName: displayName.trim(), locale });
      updateUser(user);
      await applyLocale(user.locale, true);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">{t('account.profileTitle')}</h2>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        {saved && <Alert tone="success">{t('account.profileSaved')}</Alert>}
        <dl className="facts">
          <div>
            <dt>{t('account.email')}</dt>
            <dd>{session.user.email}</dd>
          </div>
        </dl>
        <Field
          label={t('account.displayName')}
          hint={t('account.displayNameHint')}
          name="displayName"
          autoComplete="name"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={missing ?? fieldErrorsOf(error).displayName}
        />
        <SelectField
          label={t('account.locale')}
          name="locale"
          value={locale}
          onChange={(value) => setLocale(value === 'en' ? 'en' : 'fr')}
          options={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
          error={fieldErrorsOf(error).locale}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </section>
  );
}

function PasswordSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [currentMissing, setCurrentMissing] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [codeInvalid, setCodeInvalid] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const checks = usePasswordChecks(next, confirm);
  const serverErrors = fieldErrorsOf(error);
  const needsCode = session.user.mfaEnabled;

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    checks.revealAll();
    const noCurrent = current ? undefined : t('common.fieldRequired');
    setCurrentMissing(noCurrent);
    const digits = codeDigits(code);
    const badCode = needsCode && !digits ? t('login.codeFormat') : undefined;
    setCodeInvalid(badCode);
    if (noCurrent || badCode || !checks.valid) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.changePassword(current, next, needsCode ? (digits ?? undefined) : undefined);
      setCurrent('');
      setCode('');
      setNext('');
      setConfirm('');
      checks.reset();
      setSaved(true);
    } catch (caught) {
      setError(caught);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">{t('account.passwordTitle')}</h2>
      <p>{t('account.changeNotified')}</p>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        {saved && <Alert tone="success">{t('account.passwordSaved')}</Alert>}
        <Field
          label={t('account.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={currentMissing ?? serverErrors.currentPassword}
        />
        {needsCode && (
          <CurrentCodeField
            value={code}
            onChange={setCode}
            error={codeInvalid ?? serverErrors.code}
          />
        )}
        <NewPasswordFields
          email={session.user.email}
          password={next}
          confirm={confirm}
          onPassword={setNext}
          onConfirm={setConfirm}
          checks={checks}
          serverError={serverErrors.newPassword}
          labels={{ password: t('account.newPassword'), confirm: t('account.confirmPassword') }}
          names={{ password: 'newPassword', confirm: 'confirmPassword' }}
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('account.passwordSubmit')}
        </button>
      </form>
    </section>
  );
}

function TwoFactorSection({ session }: { session: Session }) {
  const { t } = useTranslation();
  const [done, setDone] = useState<'enabled' | 'disabled' | null>(null);
  // a finished replacement starts the next one from its first step
  const [replacements, setReplacements] = useState(0);
  return (
    <section className="card" aria-labelledby="mfa-title">
      <h2 id="mfa-title">{t('account.mfaTitle')}</h2>
      <p>{t('account.mfaIntro')}</p>
      {done === 'enabled' && <Alert tone="success">{t('account.mfaEnabled')}</Alert>}
      {done === 'disabled' && <Alert tone="success">{t('account.mfaDisabled')}</Alert>}
      <p className={`mfa-status ${session.user.mfaEnabled ? 'is-on' : 'is-off'}`}>
        {session.user.mfaEnabled ? t('account.mfaStatusOn') : t('account.mfaStatusOff')}
      </p>
      {session.user.mfaEnabled ? (
        <div className="stack">
          <DisableTwoFactor onDone={() => setDone('disabled')} />
          <div>
            <h3>{t('account.mfaReplaceTitle')}</h3>
            <EnableTwoFactor
              key={replacements}
              replacing
              onDone={() => {
                setDone('enabled');
                setReplacements((count) => count + 1);
              }}
            />
          </div>
        </div>
      ) : (
        <EnableTwoFactor onDone={() => setDone('enabled')} />
      )}
    </section>
  );
}

/** Enrolment: password (and current code when replacing), then the key, then a code from it. */
function EnableTwoFactor({
  onDone,
  replacing = false,
}: {
  onDone: () => void;
  replacing?: boolean;
}) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const errorText = useErrorText();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [password, setPassword] = useState('');
  const [passwordMissing, setPasswordMissing] = useState<string | undefined>();
  const [currentCode, setCurrentCode] = useState('');
  const [currentCodeInvalid, setCurrentCodeInvalid] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [formatError, setFormatError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function start(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const noPassword = password ? undefined : t('common.fieldRequired');
    setPasswordMissing(noPassword);
    const digits = codeDigits(currentCode);
    const badCode = replacing && !digits ? t('login.codeFormat') : undefined;
    setCurrentCodeInvalid(badCode);
    if (noPassword || badCode) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setSetup(await api.setupTotp(password, replacing ? (digits ?? undefined) : undefined));
      setPassword('');
      setCurrentCode('');
    } catch (caught) {
      setError(caught);
      setCurrentCode('');
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setFormatError(t('login.codeFormat'));
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setFormatError(undefined);
    setBusy(true);
    setError(null);
    try {
      await api.enableTotp(digits);
      onDone();
      // The session now knows two-factor is on and lifts any "set it up first" restriction.
      await refresh();
    } catch (caught) {
      setError(caught);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  if (!setup) {
    return (
      <form className="form" onSubmit={(event) => void start(event)} noValidate>
        <p>{replacing ? t('account.mfaReplaceIntro') : t('account.mfaStartIntro')}</p>
        {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
        <Field
          label={t('account.mfaPassword')}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={passwordMissing ?? fieldErrorsOf(error).password}
        />
        {replacing && (
          <CurrentCodeField
            value={currentCode}
            onChange={setCurrentCode}
            error={currentCodeInvalid ?? fieldErrorsOf(error).code}
          />
        )}
        <button
          type="submit"
          className={`button ${replacing ? 'button-quiet' : 'button-primary'}`}
          disabled={busy}
        >
          {busy
            ? t('account.mfaPreparing')
            : replacing
              ? t('account.mfaReplace')
              : t('account.mfaActivate')}
        </button>
      </form>
    );
  }

  return (
    <form className="form" onSubmit={(event) => void confirm(event)} noValidate>
      <p>{t('account.mfaStep1Scan')}</p>
      <img
        className="totp-qr"
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(setup.qrSvg)}`}
        alt={t('account.mfaQrAlt')}
        width={200}
        height={200}
      />
      <p>{t('account.mfaStep1')}</p>
      <p className="secret" aria-label={t('account.mfaSecret')}>
        <code>{groupSecret(setup.secret)}</code>
      </p>
      <p>{t('account.mfaStep1Link')}</p>
      <p className="otpauth">
        <a href={setup.otpauthUrl}>{t('account.mfaLink')}</a>
      </p>
      <details>
        <summary>{t('account.mfaUrl')}</summary>
        <code className="break">{setup.otpauthUrl}</code>
      </details>
      <p>{t('account.mfaStep2')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <Field
        label={t('account.mfaCode')}
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        className="input-code"
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={formatError ?? fieldErrorsOf(error).code}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('account.mfaEnabling') : t('account.mfaEnable')}
      </button>
    </form>
  );
}

function DisableTwoFactor({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const errorText = useErrorText();
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<string | undefined>();
  const [code, setCode] = useState('');
  const [codeInvalid, setCodeInvalid] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const noPassword = password ? undefined : t('common.fieldRequired');
    setMissing(noPassword);
    const digits = codeDigits(code);
    const badCode = digits ? undefined : t('login.codeFormat');
    setCodeInvalid(badCode);
    if (noPassword || !digits) {
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.disableTotp(password, digits);
      setPassword('');
      setCode('');
      onDone();
      await refresh();
    } catch (caught) {
      setError(caught);
      setCode('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <p>{t('account.mfaDisableConfirm')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <Field
        label={t('account.mfaPassword')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        error={missing ?? fieldErrorsOf(error).password}
      />
      <CurrentCodeField
        value={code}
        onChange={setCode}
        error={codeInvalid ?? fieldErrorsOf(error).code}
      />
      <button type="submit" className="button button-danger" disabled={busy}>
        {busy ? t('account.mfaDisabling') : t('account.mfaDisable')}
      </button>
    </form>
  );
}
