import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../format';
import { currentLocale } from '../../i18n';
import { conferencesApi, type Candidate } from './conferences-api';

type Suggestions =
  | { status: 'idle' }
  | { status: 'loading'; items: Candidate[] }
  | { status: 'ready'; items: Candidate[]; more: boolean }
  | { status: 'error' };

/**
 * Finds a person to put on the conference's agenda (decision 039): words of the name and/or a
 * birth date, among the persons whose care team includes the organiser (the server searches
 * only those, each through the guard). A combobox: the arrows move among the persons, Enter
 * adds the one chosen, Escape closes the list then clears; the count found is read out.
 */
export function ConferencePersonPicker({
  appointmentId,
  busy,
  onPick,
}: {
  appointmentId: string;
  busy: boolean;
  /** Adds the person; true when done (the box is emptied for the next one). */
  onPick: (person: Candidate) => Promise<boolean>;
}) {
  const { t } = useTranslation();
  const id = `${useId()}-conference-person`;
  const [query, setQuery] = useState('');
  const [suggestions, setSuggestions] = useState<Suggestions>({ status: 'idle' });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [attempt, setAttempt] = useState(0);
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
      conferencesApi.candidates(appointmentId, words).then(
        (answer) =>
          live && setSuggestions({ status: 'ready', items: answer.items, more: answer.more }),
        () => live && setSuggestions({ status: 'error' }),
      );
    }, 250);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [words, appointmentId, attempt]);

  const items = 'items' in suggestions ? suggestions.items : [];
  const expanded = open && items.length > 0;

  useEffect(() => {
    if (!expanded) return;
    const target = active >= 0 ? document.getElementById(`${id}-option-${active}`) : null;
    (target ?? listRef.current)?.scrollIntoView({ block: 'nearest' });
  }, [expanded, items, active, id]);

  /** The next person that can be chosen in this direction, or -1 (back to the text). */
  function step(from: number, direction: 1 | -1): number {
    for (let index = from + direction; index >= 0 && index < items.length; index += direction) {
      if (items[index]?.listed === false) return index;
    }
    return direction === 1 ? from : -1;
  }

  async function choose(person: Candidate | undefined) {
    if (!person || person.listed || busy) return;
    setOpen(false);
    setActive(-1);
    if (await onPick(person)) {
      setQuery('');
      // The list changed (the person is listed now): ask again next time.
      setAttempt((n) => n + 1);
    }
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
        if (!words) return;
        event.preventDefault();
        if (expanded && active >= 0) void choose(items[active]);
        else {
          setOpen(true);
          setActive(step(-1, 1));
        }
        break;
      case 'Escape':
        if (expanded) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (query) {
          event.preventDefault();
          setQuery('');
        }
        break;
      default:
        break;
    }
  }

  let status = '';
  if (suggestions.status === 'loading') status = t('conferences.picker.searching');
  else if (suggestions.status === 'error') status = t('conferences.picker.error');
  else if (suggestions.status === 'ready') {
    status =
      items.length === 0
        ? t('conferences.picker.none', { query: words })
        : `${t('conferences.picker.found', { count: items.length })}${
            suggestions.more ? ` ${t('conferences.picker.more')}` : ''
          }`;
  }
  const locale = currentLocale();

  return (
    <div className="field conference-picker">
      <label htmlFor={id}>{t('conferences.picker.label')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('conferences.picker.hint')}
      </p>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-describedby={`${id}-hint ${id}-status`}
        value={query}
        disabled={busy}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <p className="hint picker-status" id={`${id}-status`} aria-live="polite">
        {status}
      </p>
      <ul
        ref={listRef}
        id={`${id}-list`}
        role="listbox"
        aria-label={t('conferences.picker.results')}
        className="picker-options"
        hidden={!expanded}
      >
        {items.map((person, index) => (
          <li
            key={person.id}
            id={`${id}-option-${index}`}
            role="option"
            aria-selected={index === active}
            aria-disabled={person.listed || undefined}
            className={`picker-option${index === active ? ' is-active' : ''}`}
            // Keep the focus in the text box: the choice happens on click.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => void choose(person)}
          >
            <span className="picker-option-name">
              {person.lastName.toUpperCase()} {person.firstName}
              {person.listed && <> — {t('conferences.picker.listed')}</>}
            </span>
            <span className="secondary">
              {[
                person.birthName && t('conferences.picker.born', { name: person.birthName }),
                person.birthDate &&
                  t('conferences.picker.birthDate', {
                    date: formatDate(person.birthDate, locale),
                  }),
                person.commune,
              ]
                .filter(Boolean)
                .join(' · ')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
