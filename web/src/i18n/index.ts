import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LOCALES, setApiLanguage, type Locale } from '../api';
import en from './en.json';
import fr from './fr.json';

/** English must offer every French key (checked by the type checker). */
const english: typeof fr = en;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}

const STORAGE_KEY = 'maillon.locale';

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The language last chosen on this device, if any. */
export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The language currently shown. */
export function currentLocale(): Locale {
  return isLocale(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'fr';
}

/** Shows the app in `locale`; `remember` keeps the choice on this device. */
export async function applyLocale(locale: Locale, remember: boolean): Promise<void> {
  if (remember) {
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this visit only.
    }
  }
  await i18n.changeLanguage(locale);
}

i18n.on('languageChanged', (language) => {
  const locale = isLocale(language) ? language : 'fr';
  document.documentElement.lang = locale;
  setApiLanguage(locale);
});

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, en: { translation: english } },
  lng: storedLocale() ?? 'fr',
  fallbackLng: 'fr',
  supportedLngs: LOCALES,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18n;
