/**
 * Pieces shared by the directory screens: loading state, the vocabulary (labels of codes), badges,
 * the freshness line and the contact block.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, DIRECTORY_KINDS } from '../../api';
import type {
  Audience,
  CardChannel,
  DirectoryKind,
  ProfileChannel,
  Term,
  Vocabulary,
} from '../../api';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/guards';
import { formatDay } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';

export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };

/** Loads `fetcher` whenever it changes and again whenever `reload` is called. */
export function useLoaded<T>(fetcher: () => Promise<T>): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let active = true;
    setState((previous) => (previous.status === 'loading' ? previous : { status: 'loading' }));
    fetcher().then(
      (data) => active && setState({ status: 'ready', data }),
      (error: unknown) => active && setState({ status: 'error', error }),
    );
    return () => {
      active = false;
    };
  }, [fetcher, attempt]);
  return [state, useCallback(() => setAttempt((n) => n + 1), [])];
}

/** A loading line, an error with "Réessayer", or the content. */
export function Show<T>({
  state,
  retry,
  errorTitle,
  children,
}: {
  state: Loaded<T>;
  retry?: () => void;
  errorTitle?: string;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') {
    const notFound = state.error instanceof ApiError && state.error.status === 404;
    return (
      <Alert tone="error" title={notFound ? t('dir.notFoundTitle') : errorTitle}>
        <p>{notFound ? t('dir.notFound') : errorText(state.error)}</p>
        {retry && !notFound && (
          <button type="button" className="button" onClick={retry}>
            {t('common.retry')}
          </button>
        )}
      </Alert>
    );
  }
  return <>{children(state.data)}</>;
}

/** The kind named in a URL segment, or null when it is not one. */
export function kindOf(value: string | undefined): DirectoryKind | null {
  return DIRECTORY_KINDS.find((kind) => kind === value) ?? null;
}

let vocabularyPromise: Promise<Vocabulary> | null = null;

/** The lists behind the filters, fetched once per visit (forget it after an import). */
export function loadVocabulary(): Promise<Vocabulary> {
  vocabularyPromise ??= api.getVocabulary().catch((error: unknown) => {
    vocabularyPromise = null;
    throw error;
  });
  return vocabularyPromise;
}

/** Forgets the cached vocabulary, e.g. after an import brought new communes. */
export function forgetVocabulary(): void {
  vocabularyPromise = null;
}

export function useVocabulary(): Loaded<Vocabulary> {
  return useLoaded(loadVocabulary)[0];
}

export type VocabularyList = Exclude<keyof Vocabulary, 'communes' | 'staleDays' | 'importColumns'>;

/** Returns the label of a code in the language shown, or the code itself when unknown. */
export function useLabels(vocabulary: Vocabulary | null) {
  // Subscribing to the translation makes the labels follow a change of language.
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en' : 'fr';
  return useCallback(
    (list: VocabularyList, code: string | null | undefined): string => {
      if (!code) return '';
      const term = vocabulary?.[list].find((item: Term) => item.code === code);
      return term ? term[locale] : code;
    },
    [vocabulary, locale],
  );
}

/** The options of a select built from a vocabulary list, sorted as the reader reads them. */
export function termOptions(
  terms: Term[],
  locale: 'fr' | 'en',
  sort = true,
): { value: string; label: string }[] {
  const options = terms.map((term) => ({ value: term.code, label: term[locale] }));
  if (sort) options.sort((a, b) => a.label.localeCompare(b.label, locale));
  return options;
}

/**
 * "Accepte de nouveaux patients / bénéficiaires / nouvelles personnes", worded for whom the entry
 * takes on (decision 033), with "à confirmer" when the status was confirmed more than 90 days ago.
 */
export function AcceptingBadge({
  accepting,
  audience = 'people',
  stale = false,
}: {
  accepting: string | null;
  audience?: Audience;
  stale?: boolean;
}) {
  const { t } = useTranslation();
  if (accepting !== 'yes' && accepting !== 'no' && accepting !== 'conditions') return null;
  return (
    <>
      <span className={`tag tag-accepting-${accepting}`}>
        {t(`dirReach.accepting.${audience}.${accepting}`)}
      </span>
      {stale && (
        <span
          className="tag tag-stale tag-to-confirm"
          title={t('dirReach.accepting.toConfirmHint')}
        >
          {t('dirReach.accepting.toConfirm')}
        </span>
      )}
    </>
  );
}

export function StaleBadge() {
  const { t } = useTranslation();
  return (
    <span className="tag tag-stale" title={t('dir.staleHint')}>
      {t('dir.staleBadge')}
    </span>
  );
}

/** Who last vouched for an entry, read from its history (the profile only gives the date). */
/**
 * "Fiche vérifiée le 12/03/2026 par Claire Fontaine", or a warning that it needs checking, and the
 * button to confirm it is still true for those who may edit it.
 */
export function FreshnessLine({
  kind,
  id,
  verifiedAt,
  verifier,
  stale,
  canEdit,
  staleDays,
  onVerified,
}: {
  kind: DirectoryKind;
  id: string;
  verifiedAt: string | null;
  verifier: string | null;
  stale: boolean;
  canEdit: boolean;
  staleDays: number | null;
  onVerified: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const locale = currentLocale();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  async function verify() {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.verifyEntry(kind, id);
      setDone(true);
      onVerified();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const date = verifiedAt ? formatDay(verifiedAt, locale) : null;
  let line: string;
  if (stale) {
    line = date
      ? t('dir.freshness.stale', { days: staleDays ?? 365, date })
      : t('dir.freshness.never');
  } else if (date) {
    line = verifier
      ? t('dir.freshness.verifiedBy', { date, name: verifier })
      : t('dir.freshness.verified', { date });
  } else {
    line = t('dir.freshness.never');
  }

  return (
    <div className={`freshness${stale ? ' is-stale' : ''}`}>
      <p className="freshness-line">
        {stale && <StaleBadge />} {line}
      </p>
      {canEdit && (
        <button
          type="button"
          className="button button-small"
          onClick={() => void verify()}
          disabled={busy}
        >
          {busy ? t('dir.freshness.confirming') : t('dir.freshness.confirm')}
        </button>
      )}
      <div className="live-region" aria-live="polite">
        {done && <p className="freshness-done">{t('dir.freshness.confirmed')}</p>}
      </div>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
    </div>
  );
}

/** Digits and a leading + only, for tel: and sms: links. */
function dialable(value: string): string {
  return value.replace(/[^\d+]/g, '');
}

/** French mobile numbers (06, 07, +33 6, +33 7) can also receive a text message. */
function isMobile(value: string): boolean {
  const digits = dialable(value);
  return /^0[67]\d{8}$/.test(digits) || /^\+33[67]\d{8}$/.test(digits);
}

/** Channels with the phone and e-mail of the entry added when they are not listed already. */
export function allChannels(
  channels: ProfileChannel[],
  phone: string | null | undefined,
  email: string | null | undefined,
  /** Who sees the phone and the e-mail (the server sends them only to those who may). */
  visibility: { phone: ProfileChannel['visibility']; email: ProfileChannel['visibility'] } = {
    phone: 'public',
    email: 'public',
  },
): ProfileChannel[] {
  const result = [...channels];
  if (phone && !result.some((c) => dialable(c.value) === dialable(phone))) {
    result.push({ kind: 'phone', value: phone, visibility: visibility.phone });
  }
  if (email && !result.some((c) => c.value.toLowerCase() === email.toLowerCase())) {
    result.push({ kind: 'email', value: email, visibility: visibility.email });
  }
  // The preferred way first.
  return result.sort((a, b) => Number(b.preferred ?? false) - Number(a.preferred ?? false));
}

export function ChannelAction({ channel }: { channel: Pick<ProfileChannel, 'kind' | 'value'> }) {
  const { t } = useTranslation();
  const value = channel.value;
  switch (channel.kind) {
    case 'phone':
      return (
        <span className="channel-actions">
          <a className="button button-small contact-link" href={`tel:${dialable(value)}`}>
            {t('dir.contact.call', { value })}
          </a>
          {isMobile(value) && (
            <a className="button button-small button-quiet" href={`sms:${dialable(value)}`}>
              {t('dir.contact.text')}
            </a>
          )}
        </span>
      );
    case 'sms':
      return (
        <a className="button button-small contact-link" href={`sms:${dialable(value)}`}>
          {t('dir.contact.textTo', { value })}
        </a>
      );
    case 'email':
    case 'secure_messaging':
      return value.includes('@') ? (
        <a className="button button-small contact-link" href={`mailto:${value}`}>
          {t('dir.contact.write', { value })}
        </a>
      ) : (
        <span className="channel-value">{value}</span>
      );
    default:
      // Fax, in person, and any kind the server adds later: the value as written.
      return <span className="channel-value">{value}</span>;
  }
}

/**
 * The preferred way to reach an entry on a result card, as a tap link (tel:, sms:, mailto:) with
 * its best time; nothing at all when the reader may see no channel of the entry.
 */
export function CardContact({
  contact,
  labels,
}: {
  contact: CardChannel | null;
  labels: (list: VocabularyList, code: string) => string;
}) {
  const { t } = useTranslation();
  if (!contact || contact.value.trim() === '') return null;
  return (
    <div className="card-contact">
      <p className="card-contact-kind">
        <span className="visually-hidden">{t('dirReach.card.contact')} </span>
        {labels('channels', contact.kind)}
      </p>
      <ChannelAction channel={contact} />
      {contact.bestTimes && (
        <p className="channel-times">{t('dir.contact.bestTimes', { times: contact.bestTimes })}</p>
      )}
    </div>
  );
}

/** How to reach an entry: one-click links, the preferred way first and highlighted, "bon à savoir". */
export function ContactBlock({
  channels,
  goodToKnow,
  labels,
  extra,
}: {
  channels: ProfileChannel[];
  goodToKnow: string | null;
  labels: (list: VocabularyList, code: string) => string;
  extra?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="card contact" aria-labelledby="contact-title">
      <h2 id="contact-title">{t('dir.contact.title')}</h2>
      {channels.length === 0 ? (
        <p className="muted">{t('dir.contact.none')}</p>
      ) : (
        <ul className="channels">
          {channels.map((channel, index) => (
            <li
              key={`${channel.kind}-${channel.value}-${index}`}
              className={`channel${channel.preferred ? ' is-preferred' : ''}`}
            >
              <div className="channel-head">
                <span className="channel-kind">{labels('channels', channel.kind)}</span>
                {channel.preferred && (
                  <span className="tag tag-preferred">{t('dir.contact.preferred')}</span>
                )}
                {channel.visibility !== 'public' && (
                  // Not for the people supported: say so to whoever sees it (decision 034).
                  <span className="tag tag-visibility">
                    {t('dirPrivacy.visibilityNote', {
                      who: t(`dirPrivacy.visibilityShort.${channel.visibility}`),
                    })}
                  </span>
                )}
              </div>
              <ChannelAction channel={channel} />
              {channel.bestTimes && (
                <p className="channel-times">
                  {t('dir.contact.bestTimes', { times: channel.bestTimes })}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {goodToKnow && (
        <div className="good-to-know">
          <h3>{t('dir.contact.goodToKnow')}</h3>
          <p className="pre-line">{goodToKnow}</p>
        </div>
      )}
      {extra}
    </section>
  );
}

/** A definition list that leaves out empty facts. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  const shown = items.filter(
    ([, value]) => value !== null && value !== undefined && value !== '' && value !== false,
  );
  if (shown.length === 0) return null;
  return (
    <dl className="facts">
      {shown.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
