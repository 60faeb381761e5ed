import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type DirectoryQuery, type SearchAnswer } from '../api';
import { useErrorText } from '../hooks';
import { Alert } from './Alert';
import { Field } from './Field';

type TResult = SearchAnswer['items'][number];

/** Someone (or a service, an organisation) picked from the directory, as the screens keep it. */
export type TPicked = {
  id: string;
  name: string;
  /** Profession and organisation, as the directory words them. */
  detail?: string | null;
  type?: TResult['type'];
};

type TProps = {
  /** The group's name, read first by screen readers (and shown unless `legendHidden`). */
  legend: string;
  legendHidden?: boolean;
  /** The search field's label; by default "Chercher un professionnel dans l’annuaire (nom)". */
  searchLabel?: string;
  /** Under the search field; by default, what can be typed to find a professional. */
  searchHint?: string;
  chosen: readonly TPicked[];
  onChange: (next: TPicked[]) => void;
  /** One choice (the search hides once someone is chosen) or several. */
  multiple?: boolean;
  /** One choice: the button that brings the search back (by default "Choisir quelqu’un d’autre"). */
  changeLabel?: string;
  max?: number;
  /** Several: tick a box per result (the default), or press "Ajouter …" (`pickLabel`). */
  pickWith?: 'checkbox' | 'button';
  pickLabel?: (name: string) => string;
  /** The chosen list's accessible name; `showChosen: false` when the screen shows it elsewhere. */
  chosenLabel?: string;
  showChosen?: boolean;
  /** What the directory search looks for, and its other criteria (profession, commune…). */
  types?: string;
  query?: DirectoryQuery;
  filters?: ReactNode;
  /** People offered before any search (the person's care team), with a heading. */
  suggestions?: { title: string; items: readonly TPicked[] };
  /** Shown beside a result (e.g. whether a service accepts new people). */
  badge?: (result: TResult) => ReactNode;
  error?: string | undefined;
  pageSize?: number;
};

const pickedOf = (result: TResult): TPicked => ({
  id: result.id,
  name: result.title,
  detail: result.subtitle,
  type: result.type,
});

/**
 * Find someone in the directory and pick them (decision 040): a search by name or profession, the
 * results with their organisation, one or several choices, the chosen list with "Retirer", what
 * happens said in a polite live region. No nested form: Enter in the field searches, so the
 * picker sits inside any screen's form. Used by the care team, the free-slot search, the
 * appointment form and the referral form.
 */
export function MemberPicker(props: TProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const ids = useId();
  const input = useRef<HTMLInputElement>(null);
  const { chosen, onChange, multiple = true, max = 30, pickWith = 'checkbox' } = props;
  const [q, setQ] = useState('');
  const [results, setResults] = useState<TResult[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState('');
  /** The search under way: a newer search aborts it, so an older answer never replaces a newer one. */
  const pending = useRef<AbortController | null>(null);
  const isChosen = (id: string) => chosen.some((c) => c.id === id);
  const full = chosen.length >= max;
  const showSearch = multiple || chosen.length === 0;

  async function search() {
    pending.current?.abort();
    const controller = new AbortController();
    pending.current = controller;
    setSearchError(null);
    setBusy(true);
    try {
      const answer = await api.searchDirectory(
        {
          q: q.trim(),
          type: props.types ?? 'member',
          pageSize: String(props.pageSize ?? 10),
          ...props.query,
        },
        controller.signal,
      );
      if (controller.signal.aborted) return;
      setResults(answer.items);
      setSaid(
        answer.items.length === 0
          ? t('memberPicker.none')
          : t('memberPicker.found', { count: answer.items.length }),
      );
    } catch (caught) {
      if (!controller.signal.aborted) setSearchError(caught);
    } finally {
      if (pending.current === controller) {
        pending.current = null;
        setBusy(false);
      }
    }
  }

  function pick(item: TPicked) {
    if (isChosen(item.id)) return remove(item, false);
    onChange(multiple ? [...chosen, item] : [item]);
    setSaid(t('memberPicker.added', { name: item.name }));
    if (!multiple) setResults(null);
  }
  function remove(item: TPicked, refocus: boolean) {
    onChange(chosen.filter((c) => c.id !== item.id));
    setSaid(t('memberPicker.removed', { name: item.name }));
    // the button pressed is gone: the keyboard goes back to the search
    if (refocus) window.setTimeout(() => input.current?.focus(), 0);
  }

  const control = (item: TPicked, badge: ReactNode) => {
    const line = (
      <>
        <span className="member-picker-name">{item.name}</span>
        {item.detail && <span className="secondary"> — {item.detail}</span>}
        {badge}
      </>
    );
    if (!multiple || pickWith === 'button') {
      return (
        <>
          <span>{line}</span>{' '}
          <button
            type="button"
            className="button button-small"
            disabled={multiple && (isChosen(item.id) || full)}
            onClick={() => pick(item)}
          >
            {multiple
              ? (props.pickLabel ?? ((name) => t('memberPicker.add', { name })))(item.name)
              : t('memberPicker.choose', { name: item.name })}
          </button>
        </>
      );
    }
    return (
      <label>
        <input
          type="checkbox"
          checked={isChosen(item.id)}
          disabled={full && !isChosen(item.id)}
          onChange={() => pick(item)}
        />{' '}
        {line}
      </label>
    );
  };

  const showChosen = props.showChosen ?? true;
  return (
    <fieldset className="member-picker" aria-describedby={props.error ? `${ids}-error` : undefined}>
      <legend className={props.legendHidden ? 'visually-hidden' : undefined}>{props.legend}</legend>
      {props.error && (
        <p id={`${ids}-error`} className="field-error">
          {props.error}
        </p>
      )}
      {showChosen &&
        (chosen.length === 0 ? (
          multiple && <p className="muted">{t('memberPicker.noneChosen')}</p>
        ) : (
          <ul
            className="plain-list member-picker-chosen"
            aria-label={
              props.chosenLabel ?? t(multiple ? 'memberPicker.chosen' : 'memberPicker.chosenOne')
            }
          >
            {chosen.map((c) => (
              <li key={c.id}>
                <span>
                  <strong>{c.name}</strong>
                  {c.detail && <span className="secondary"> — {c.detail}</span>}
                </span>{' '}
                <button
                  type="button"
                  className="button button-small button-quiet"
                  onClick={() => remove(c, true)}
                  aria-label={multiple ? t('memberPicker.remove', { name: c.name }) : undefined}
                >
                  {multiple
                    ? t('memberPicker.removeShort')
                    : (props.changeLabel ?? t('memberPicker.another'))}
                </button>
              </li>
            ))}
          </ul>
        ))}
      {showSearch && props.suggestions && props.suggestions.items.length > 0 && (
        <>
          <h3 className="member-picker-heading">{props.suggestions.title}</h3>
          <ul className="plain-list pick-list">
            {props.suggestions.items.map((item) => (
              <li key={item.id}>{control(item, null)}</li>
            ))}
          </ul>
        </>
      )}
      {showSearch && (
        <div
          className="member-picker-search"
          role="search"
          aria-label={props.legend}
          aria-busy={busy}
        >
          <Field
            ref={input}
            label={props.searchLabel ?? t('memberPicker.searchLabel')}
            hint={props.searchHint ?? t('memberPicker.searchHint')}
            name={`${ids}-q`}
            value={q}
            autoComplete="off"
            onChange={(event) => setQ(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                void search();
              } else if (event.key === 'Escape' && results) {
                event.preventDefault();
                setResults(null);
                setSaid('');
              }
            }}
          />
          {props.filters}
          <div className="actions">
            {/* Never disabled: a new search replaces one that is slow to answer. */}
            <button type="button" className="button" onClick={() => void search()}>
              {t('memberPicker.search')}
            </button>
          </div>
        </div>
      )}
      {searchError !== null && <Alert tone="error">{errorText(searchError)}</Alert>}
      <p className="visually-hidden" role="status" aria-live="polite">
        {said}
      </p>
      {showSearch && results && results.length === 0 && (
        <p className="muted">{t('memberPicker.none')}</p>
      )}
      {showSearch && results && results.length > 0 && (
        <ul
          className="plain-list pick-list member-picker-results"
          aria-label={t('memberPicker.results')}
        >
          {results.map((result) => (
            <li key={result.id}>{control(pickedOf(result), props.badge?.(result))}</li>
          ))}
        </ul>
      )}
      {multiple && full && <p className="hint">{t('memberPicker.full', { count: max })}</p>}
    </fieldset>
  );
}
