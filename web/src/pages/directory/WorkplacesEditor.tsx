/**
 * Where a member works: the organisations, the role in each and whether the member may edit the
 * organisation's services. Network staff edit it (an organisation is picked by typing its name);
 * the member sees it read-only on their own form.
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { SearchResult } from '../../api';
import { Field } from '../../components/Field';

/** At most this many organisations per member (the API's limit). */
export const MAX_WORKPLACES = 10;

export type WorkplaceRow = {
  key: number;
  organisationId: string;
  name: string;
  type: string | null;
  commune: string | null;
  roleTitle: string;
  canEditServices: boolean;
};

let nextRowKey = 1;
export function newWorkplaceRow(fields: Omit<WorkplaceRow, 'key'>): WorkplaceRow {
  return { key: nextRowKey++, ...fields };
}

type TypeLabel = (code: string | null) => string;

function detailOf(row: { type: string | null; commune: string | null }, typeLabel: TypeLabel) {
  return [typeLabel(row.type), row.commune].filter(Boolean).join(' · ');
}

/** The editable list, for network staff. */
export function WorkplacesEditor({
  rows,
  onChange,
  errors,
  query,
  onQuery,
  pickerError,
  typeLabel,
}: {
  rows: WorkplaceRow[];
  onChange: (rows: WorkplaceRow[]) => void;
  errors: Record<string, string>;
  /** The words typed in the organisation picker, not chosen yet. */
  query: string;
  onQuery: (query: string) => void;
  pickerError: string | undefined;
  typeLabel: TypeLabel;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [focusKey, setFocusKey] = useState<number | null>(null);
  const update = (key: number, changes: Partial<WorkplaceRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...changes } : row)));

  // A newly added organisation: the next thing to fill is the role held there.
  const focusOnMount = useCallback((input: HTMLInputElement | null) => input?.focus(), []);

  function add(result: SearchResult) {
    const row = newWorkplaceRow({
      organisationId: result.id,
      name: result.title,
      type: result.organisationType,
      commune: result.communes[0] ?? null,
      roleTitle: '',
      canEditServices: false,
    });
    onChange([...rows, row]);
    onQuery('');
    setFocusKey(row.key);
  }

  return (
    <div className="workplaces-editor">
      <p className="hint">{t('dir.form.workplaces.hint', { max: MAX_WORKPLACES })}</p>
      {errors.organisations && <p className="field-error">{errors.organisations}</p>}
      {rows.length === 0 ? (
        <p className="muted">{t('dir.form.workplaces.none')}</p>
      ) : (
        <ol className="workplace-rows">
          {rows.map((row, index) => {
            const detail = detailOf(row, typeLabel);
            const rowError = errors[`organisations.${index}.organisationId`];
            return (
              <li key={row.key} className="workplace-row">
                <fieldset>
                  <legend>{row.name}</legend>
                  {detail && <p className="secondary workplace-detail">{detail}</p>}
                  {rowError && <p className="field-error">{rowError}</p>}
                  <div className="workplace-fields">
                    <Field
                      label={t('dir.form.workplaces.roleTitle')}
                      name={`organisations.${index}.roleTitle`}
                      ref={row.key === focusKey ? focusOnMount : undefined}
                      value={row.roleTitle}
                      maxLength={120}
                      autoComplete="off"
                      placeholder={t('dir.form.workplaces.roleTitlePlaceholder')}
                      onChange={(event) => update(row.key, { roleTitle: event.target.value })}
                      error={errors[`organisations.${index}.roleTitle`]}
                    />
                    <div className="checkbox">
                      <input
                        type="checkbox"
                        id={`${id}-services-${row.key}`}
                        checked={row.canEditServices}
                        onChange={(event) =>
                          update(row.key, { canEditServices: event.target.checked })
                        }
                      />
                      <label htmlFor={`${id}-services-${row.key}`}>
                        {t('dir.form.workplaces.canEditServices')}
                      </label>
                    </div>
                  </div>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
                    aria-label={t('dir.form.workplaces.removeLabel', { name: row.name })}
                  >
                    {t('dir.form.workplaces.remove')}
                  </button>
                </fieldset>
              </li>
            );
          })}
        </ol>
      )}
      {rows.length >= MAX_WORKPLACES ? (
        <p className="hint">{t('dir.form.workplaces.full', { max: MAX_WORKPLACES })}</p>
      ) : (
        <OrganisationPicker
          query={query}
          onQuery={onQuery}
          taken={rows.map((row) => row.organisationId)}
          onPick={add}
          error={pickerError}
          typeLabel={typeLabel}
        />
      )}
    </div>
  );
}

type Suggestions =
  | { status: 'idle' }
  /** The previous suggestions stay in sight while the next ones load. */
  | { status: 'loading'; items: SearchResult[] }
  | { status: 'ready'; items: SearchResult[] }
  | { status: 'error' };

/**
 * A combobox (ARIA 1.2, list autocomplete): type part of a name, suggestions come from the
 * directory search; arrows move, Enter or a tap chooses, Escape closes the list then clears.
 */
function OrganisationPicker({
  query,
  onQuery,
  taken,
  onPick,
  error,
  typeLabel,
}: {
  query: string;
  onQuery: (query: string) => void;
  taken: string[];
  onPick: (result: SearchResult) => void;
  error: string | undefined;
  typeLabel: TypeLabel;
}) {
  const { t } = useTranslation();
  const id = `${useId()}-organisation-picker`;
  const [suggestions, setSuggestions] = useState<Suggestions>({ status: 'idle' });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listRef = useRef<HTMLUListElement>(null);
  const words = query.trim();

  useEffect(() => {
    setActive(-1);
    if (words.length < 2) {
      setSuggestions({ status: 'idle' });
      return;
    }
    let live = true;
    setSuggestions((previous) => ({
      status: 'loading',
      items: 'items' in previous ? previous.items : [],
    }));
    // Wait for a pause in the typing before asking the server.
    const timer = window.setTimeout(() => {
      api.searchDirectory({ q: words, type: 'organisation', pageSize: '8' }).then(
        (answer) => live && setSuggestions({ status: 'ready', items: answer.items }),
        () => live && setSuggestions({ status: 'error' }),
      );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [words]);

  const items = 'items' in suggestions ? suggestions.items : [];
  const expanded = open && items.length > 0;
  const isTaken = (item: SearchResult) => taken.includes(item.id);

  // Bring the suggestions, then the one chosen with the arrows, into sight (not under the
  // form's sticky buttons: see scroll-padding in styles.css).
  useEffect(() => {
    if (!expanded) return;
    const target = active >= 0 ? document.getElementById(`${id}-option-${active}`) : null;
    (target ?? listRef.current)?.scrollIntoView({ block: 'nearest' });
  }, [expanded, items, active, id]);

  /** The next option that can be chosen in this direction, or -1 (back to the text). */
  function step(from: number, direction: 1 | -1): number {
    for (let index = from + direction; index >= 0 && index < items.length; index += direction) {
      const item = items[index];
      if (item && !isTaken(item)) return index;
    }
    return direction === 1 ? from : -1;
  }

  function choose(item: SearchResult | undefined) {
    if (!item || isTaken(item)) return;
    setOpen(false);
    setActive(-1);
    onPick(item);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        setActive((current) => step(current, 1));
        break;
      case 'ArrowUp':
        event.preventDefault();
        setActive((current) => step(current, -1));
        break;
      case 'Enter':
        // Enter here chooses; it never sends the whole form with a name half typed.
        if (!words) return;
        event.preventDefault();
        if (expanded && active >= 0) choose(items[active]);
        else setOpen(true);
        break;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          onQuery('');
        }
        break;
      default:
        break;
    }
  }

  let status = '';
  if (suggestions.status === 'loading') status = t('dir.form.workplaces.searching');
  else if (suggestions.status === 'error') status = t('dir.form.workplaces.searchError');
  else if (suggestions.status === 'ready') {
    status =
      items.length === 0
        ? t('dir.form.workplaces.noSuggestion', { query: words })
        : t('dir.form.workplaces.suggestions', { count: items.length });
  }
  const describedBy = [`${id}-hint`, `${id}-status`, error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div className={`field organisation-picker${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{t('dir.form.workplaces.pickerLabel')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('dir.form.workplaces.pickerHint')}
      </p>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        value={query}
        onChange={(event) => {
          onQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <p className="hint picker-status" id={`${id}-status`} aria-live="polite">
        {status}
      </p>
      <ul
        ref={listRef}
        id={`${id}-list`}
        role="listbox"
        aria-label={t('dir.form.workplaces.pickerLabel')}
        className="picker-options"
        hidden={!expanded}
      >
        {items.map((item, index) => {
          const already = isTaken(item);
          const detail = detailOf(
            { type: item.organisationType, commune: item.communes[0] ?? null },
            typeLabel,
          );
          return (
            <li
              key={item.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              aria-disabled={already || undefined}
              className={`picker-option${index === active ? ' is-active' : ''}`}
              // Keep the focus in the text box: the choice happens on click.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(item)}
            >
              <span className="picker-option-name">
                {item.title}
                {already && (
                  <>
                    {' '}
                    <span className="tag">{t('dir.form.workplaces.alreadyListed')}</span>
                  </>
                )}
              </span>
              {detail && <span className="secondary">{detail}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** What a member sees of where they work on their own form: staff change it. */
export function WorkplacesReadOnly({
  rows,
  typeLabel,
}: {
  rows: WorkplaceRow[];
  typeLabel: TypeLabel;
}) {
  const { t } = useTranslation();
  return (
    <div className="workplaces-readonly">
      <p>{t('dir.form.workplaces.readOnly')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('dir.form.workplaces.none')}</p>
      ) : (
        <ul className="link-list">
          {rows.map((row) => (
            <li key={row.key}>
              <span className="workplace-name">{row.name}</span>
              <span className="secondary">
                {[row.roleTitle, detailOf(row, typeLabel)].filter(Boolean).join(' · ')}
              </span>
              {row.canEditServices && (
                <span className="badges">
                  <span className="tag">{t('dir.member.canEditServices')}</span>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
