import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The shortest password Maillon accepts (same rule as the server). */
export const PASSWORD_MIN_LENGTH = 12;

type PasswordField = 'password' | 'confirm';

/**
 * Inline checks for a new password typed twice. A message appears once the person has left the
 * field (or tried to submit), then follows their typing.
 */
export function usePasswordChecks(password: string, confirm: string) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState<Record<PasswordField, boolean>>({
    password: false,
    confirm: false,
  });

  const problems: Partial<Record<PasswordField, string>> = {};
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.password = password
      ? t('password.tooShort', { min: PASSWORD_MIN_LENGTH, length: password.length })
      : t('common.fieldRequired');
  }
  if (!confirm) problems.confirm = t('common.fieldRequired');
  else if (confirm !== password) problems.confirm = t('password.mismatch');

  const errors: Partial<Record<PasswordField, string>> = {};
  if (revealed.password && problems.password) errors.password = problems.password;
  if (revealed.confirm && problems.confirm) errors.confirm = problems.confirm;

  return {
    errors,
    valid: !problems.password && !problems.confirm,
    reveal: (field: PasswordField) => {
      // Leaving an empty field untouched is not yet a mistake.
      if (field === 'password' && !password) return;
      if (field === 'confirm' && !confirm) return;
      setRevealed((previous) => ({ ...previous, [field]: true }));
    },
    revealAll: () => setRevealed({ password: true, confirm: true }),
    reset: () => setRevealed({ password: false, confirm: false }),
  };
}
