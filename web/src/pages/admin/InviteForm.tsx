import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, LOCALES, ROLES } from '../../api';
import type { InviteResponse, Locale, Role } from '../../api';
import { Alert } from '../../components/Alert';
import { Field, SelectField } from '../../components/Field';
import { InvitationOutcome } from './InvitationOutcome';
import { fieldErrorsOf, focusFirstInvalid, useErrorText } from '../../hooks';

/** The roles an administrator may invite: a patient account is given by the case manager. */
type StaffRole = Exclude<Role, 'patient'>;
const STAFF_ROLES = ROLES.filter((role): role is StaffRole => role !== 'patient');

/** Invites someone by e-mail to create their account with the chosen role. */
export function InviteForm({ onInvited }: { onInvited: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('professional');
  const [locale, setLocale] = useState<Locale>('fr');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<{ email: string; answer: InviteResponse } | null>(null);
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
      setSent({ email: email.trim(), answer });
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
      <p className="hint">{t('admin.invitePatientNote')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {sent && <InvitationOutcome key={sent.answer.id} email={sent.email} answer={sent.answer} />}
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
          onChange={(value) => setRole(STAFF_ROLES.find((r) => r === value) ?? 'professional')}
          options={STAFF_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
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
