import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api';
import { applyLocale, currentLocale } from '../i18n';
import { useSession } from '../session';

/** One button that shows Maillon in the other language, remembered on this device and account. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { session, updateUser } = useSession();
  const [busy, setBusy] = useState(false);
  const target = currentLocale() === 'fr' ? 'en' : 'fr';

  async function switchLanguage() {
    setBusy(true);
    try {
      await applyLocale(target, true);
      if (session && !session.mfaPending) {
        try {
          const { user } = await api.updateAccount({ locale: target });
          updateUser(user);
        } catch {
          // The device keeps the choice even if the account could not be updated now.
        }
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <button
      type="button"
      className="button button-quiet language-switch"
      lang={target}
      title={t('language.switchToHint')}
      onClick={() => void switchLanguage()}
      disabled={busy}
    >
      {t('language.switchTo')}
    </button>
  );
}
