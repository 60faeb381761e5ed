import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH, type usePasswordChecks } from '../pages/password';
import { Field } from './Field';

type Props = {
  /** The account's e-mail, so password managers store the new password under it. */
  email: string;
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  checks: ReturnType<typeof usePasswordChecks>;
  /** The server's message about the new password (policy), if any. */
  serverError?: string | undefined;
  labels?: { password: string; confirm: string };
  names?: { password: string; confirm: string };
};

/** A new password typed twice, checked as the person types (invitation, reset, account page). */
export function NewPasswordFields(props: Props) {
  const { t } = useTranslation();
  const labels = props.labels ?? {
    password: t('invitation.password'),
    confirm: t('invitation.confirm'),
  };
  const names = props.names ?? { password: 'password', confirm: 'confirm' };
  return (
    <>
      <input type="hidden" name="username" autoComplete="username" value={props.email} />
      <Field
        label={labels.password}
        hint={t('invitation.passwordHint')}
        name={names.password}
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        required
        value={props.password}
        onChange={(event) => props.onPassword(event.target.value)}
        onBlur={() => props.checks.reveal('password')}
        error={props.checks.errors.password ?? props.serverError}
      />
      <Field
        label={labels.confirm}
        name={names.confirm}
        type="password"
        autoComplete="new-password"
        required
        value={props.confirm}
        onChange={(event) => props.onConfirm(event.target.value)}
        onBlur={() => props.checks.reveal('confirm')}
        error={props.checks.errors.confirm}
      />
    </>
  );
}
