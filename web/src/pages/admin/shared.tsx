import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/guards';
import { useErrorText } from '../../hooks';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/** Lower case without accents, to match "eloise" with "Éloïse". */
export const foldText = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** Loads `fetcher` once and again whenever `reload` is called. */
export function useLoaded<T>(fetcher: () => Promise<T>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let active = true;
    fetcher().then(
      (data) => active && setState({ status: 'ready', data }),
      (error: unknown) => active && setState({ status: 'error', error }),
    );
    return () => {
      active = false;
    };
  }, [fetcher, version]);
  return [state, useCallback(() => setVersion((n) => n + 1), [])];
}

/** One section of the administration page, titled for the in-page navigation. */
export function Section({
  id,
  title,
  children,
}: {
  id: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A loaded value, or the spinner, or the error that stopped it. */
export function Show<T>({
  state,
  children,
}: {
  state: Loaded<T>;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    return (
      <Alert tone="error" title={t('admin.loadError')}>
        <p>{errorText(state.error)}</p>
      </Alert>
    );
  }
  return <>{children(state.data)}</>;
}
