import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** Sets the browser tab's title, e.g. "Accueil — Maillon". */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = t('app.pageTitle', { page });
  }, [page, t]);
}

/** Turns any error into a sentence for the person: the server's message when it gave one. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) {
        if (error.message) return error.message;
        if (error.status === 0) return t('errors.network');
      }
      return t('errors.generic');
    },
    [t],
  );
}

/** The server's per-field validation messages, if the error carries any. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fieldErrors : {};
}

/** After a failed check, puts the keyboard on the first field marked invalid. */
export function focusFirstInvalid(form: HTMLFormElement | EventTarget): void {
  // Wait for React to render the error state before looking for it.
  window.setTimeout(() => {
    if (!(form instanceof HTMLFormElement)) return;
    form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, 0);
}
