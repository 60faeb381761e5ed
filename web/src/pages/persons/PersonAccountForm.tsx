import { useEffect, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, LOCALES } from '../../api';
import type { Locale, PersonSummary } from '../../api';
import { Alert } from '../../components/Alert';
import { Field, SelectField } from '../../components/Field';
import { formatDateTime } from '../../format';
import { fieldErrorsOf, focusFirstInvalid, useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';

/** "Jeanne Roux": how the person is named in the form and its messages. */
export function personName(person: PersonSummary): string {
  return `${person.firstName} ${person.lastName}`;
}

/**
 * The case manager invites a followed person (or their caregiver) to their own account: the link
 * goes by e-mail only. The server decides (access guard, bind_account) and audits; its refusals
 * (already an account, address taken, not the case manager) are shown as it words them.
 */
export function PersonAccountForm({
  person,
  onSent,
  onCancel,
}: {
  person: PersonSummary;
  onSent: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const name = personName(person);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState(name);
  const [locale, setLocale] = useState<Locale>('fr');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const fieldErrors = { ...fieldErrorsOf(error), ...missing };

  // Opening the form puts the keyboard on its first field.
  useEffect(() => emailRef.current?.focus(), []);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const empty: Record<string, string> = {};
    if (!email.trim()) empty.email = t('common.fieldRequired');
    if (!displayName.trim()) empty.displayName = t('common.fieldRequired');
    setMissing(empty);
    setError(null);
    if (Object.keys(empty).length > 0) {
      focusFirstInvalid(form);
      return;
    }
    setBusy(true);
    try {
      const answer = await api.invitePersonAccount(person.id, {
        email: email.trim(),
        displayName: displayName.trim(),
        locale,
      });
      onSent(
        t('personAccount.sent', {
          email: email.trim(),
          name,
          date: formatDateTime(answer.expiresAt, currentLocale()),
        }),
      );
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="form person-account-form"
      aria-label={t('personAccount.title', { name })}
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <p className="form-title">{t('personAccount.title', { name })}</p>
      <p>{t('personAccount.intro', { name })}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <div className="form-grid">
        <Field
          ref={emailRef}
          label={t('personAccount.email')}
          hint={t('personAccount.emailHint')}
          name="email"
          type="email"
          autoComplete="off"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={fieldErrors.email}
        />
        <Field
          label={t('personAccount.name')}
          hint={t('personAccount.nameHint')}
          name="displayName"
          autoComplete="off"
          required
          value={displayName}
          onChange={(event) => setDisplayName(event.target.value)}
          error={fieldErrors.displayName}
        />
        <SelectField
          label={t('personAccount.locale')}
          name="locale"
          value={locale}
          onChange={(value) => setLocale(LOCALES.find((l) => l === value) ?? 'fr')}
          options={LOCALES.map((value) => ({ value, label: t(`language.${value}`) }))}
          error={fieldErrors.locale}
        />
      </div>
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('personAccount.submitting') : t('personAccount.submit')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('personAccount.cancel')}
        </button>
      </div>
    </form>
  );
}
