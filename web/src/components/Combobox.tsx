import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** What a search answers: the suggestions, and whether more would match than were sent. */
export type TComboboxAnswer<T> = { items: readonly T[]; more?: boolean };

type TSuggestions<T> =
  | { status: 'idle' }
  /** The previous suggestions stay in sight while the next ones load. */
  | { status: 'loading'; items: readonly T[] }
  | { status: 'ready'; items: readonly T[]; more: boolean }
  | { status: 'error' };

/** No suggestions: one array, so the active option keeps its list from one render to the next. */
const NONE: readonly never[] = [];

/** How long the typing must pause before the server is asked. */
const PAUSE_MS = 250;

/**
 * The suggestions for the words typed: asked after a pause in the typing, the request of words
 * since changed aborted (so a slow answer never overwrites a newer one). `attempt` asks again.
 */
function useSuggestions<T>(
  words: string,
  minLength: number,
  attempt: number,
  search: (words: string, signal: AbortSignal) => Promise<TComboboxAnswer<T>>,
): TSuggestions<T> {
  const [suggestions, setSuggestions] = useState<TSuggestions<T>>({ status: 'idle' });
  // The latest search function, without asking again each time the screen re-renders.
  const searchRef = useRef(search);
  useEffect(() => {
    searchRef.current = search;
  }, [search]);

  useEffect(() => {
    if (words.length < minLength) {
      setSuggestions({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setSuggestions((previous) => ({
      status: 'loading',
      items: 'items' in previous ? previous.items : [],
    }));
    const timer = window.setTimeout(() => {
      searchRef.current(words, controller.signal).then(
        (answer) => {
          if (controller.signal.aborted) return;
          setSuggestions({ status: 'ready', items: answer.items, more: answer.more ?? false });
        },
        () => {
          if (!controller.signal.aborted) setSuggestions({ status: 'error' });
        },
      );
    }, PAUSE_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [words, minLength, attempt]);

  return suggestions;
}

/** The words a screen gives the combobox: its own, so each reads as its users expect. */
export type TComboboxWords = {
  /** Nothing matches the words typed: say what to do next. */
  none: (words: string) => string;
  found: (count: number) => string;
  /** Added after `found` when the server has more than it sent. */
  more?: string;
};

type TProps<T> = {
  label: string;
  hint: string;
  /** The listbox's accessible name (by default the label). */
  listLabel?: string;
  /** Asks for suggestions; abort the request when `signal` fires. */
  search: (words: string, signal: AbortSignal) => Promise<TComboboxAnswer<T>>;
  keyOf: (item: T) => string;
  /** An option's content: its name in `.picker-option-name`, details in `.secondary`. */
  renderOption: (item: T, isDisabled: boolean) => ReactNode;
  /** Offered but not choosable (already chosen): the arrows pass over it. */
  isDisabled?: (item: T) => boolean;
  /** Chooses; the text is emptied unless it answers false (or a promise of false: refused). */
  onPick: (item: T) => unknown;
  words: TComboboxWords;
  /** The text typed, when the screen keeps it (e.g. to flag a name typed but not chosen). */
  query?: string;
  onQuery?: (query: string) => void;
  error?: string | undefined;
  /** A choice is being saved: another is not taken until it is done. */
  busy?: boolean;
  className?: string;
  minLength?: number;
};

/**
 * Type a few letters, choose among the suggestions: the ARIA 1.2 combobox with a list popup.
 * The focus stays in the text box; ↓/↑ move among the suggestions (↑ from the text goes to the
 * last one), Home/End to the first/last once in the list, Enter chooses (or opens the list on
 * the first one), Escape closes the list then clears the text; a tap or click chooses too. How
 * many were found, nothing found and a failed search are said in a polite live region, and a
 * failed search can be tried again (Enter or "Réessayer"). Enter never submits the form around.
 */
export function Combobox<T>(props: TProps<T>) {
  const { t } = useTranslation();
  const { keyOf, isDisabled = () => false, minLength = 2, busy = false } = props;
  const id = `${useId()}-combobox`;
  const [ownQuery, setOwnQuery] = useState('');
  const query = props.query ?? ownQuery;
  const setQuery = (next: string) => {
    setOwnQuery(next);
    props.onQuery?.(next);
  };
  const words = query.trim();
  const [attempt, setAttempt] = useState(0);
  const suggestions = useSuggestions(words, minLength, attempt, props.search);
  const items = 'items' in suggestions ? suggestions.items : NONE;
  // The active option belongs to one list of suggestions: a new list starts with none.
  const [activeIn, setActiveIn] = useState<{ items: readonly T[]; index: number }>({
    items,
    index: -1,
  });
  const active = activeIn.items === items ? activeIn.index : -1;
  const setActive = (index: number) => setActiveIn({ items, index });
  const [open, setOpen] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const expanded = open && items.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  // Bring the suggestions, then the one chosen with the arrows, into sight (not under a form's
  // sticky buttons: see scroll-padding in styles.css).
  useEffect(() => {
    if (!expanded) return;
    const target = active >= 0 ? document.getElementById(`${id}-option-${active}`) : null;
    (target ?? listRef.current)?.scrollIntoView({ block: 'nearest' });
  }, [expanded, items, active, id]);

  const choosable = (index: number) => {
    const item = items[index];
    return item !== undefined && !isDisabled(item);
  };
  /** The next option that can be chosen in this direction from `from`, or `from`. */
  function step(from: number, direction: 1 | -1): number {
    for (let index = from + direction; index >= 0 && index < items.length; index += direction) {
      if (choosable(index)) return index;
    }
    return from;
  }

  async function choose(index: number) {
    const item = items[index];
    if (item === undefined || isDisabled(item) || busy) return;
    setOpen(false);
    setActive(-1);
    if ((await props.onPick(item)) !== false) setQuery('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        setOpen(true);
        // Alt+↓ only opens the list.
        if (!event.altKey) setActive(step(expanded ? active : -1, 1));
        break;
      case 'ArrowUp': {
        event.preventDefault();
        setOpen(true);
        // From the first option back to the text; from the text to the last option.
        const from = expanded && active >= 0 ? active : items.length;
        const next = step(from, -1);
        setActive(next === from ? -1 : next);
        break;
      }
      case 'Home':
      case 'End':
        // In the text, Home and End move the caret; in the list, to the first or last option.
        if (!expanded || active < 0) return;
        event.preventDefault();
        setActive(event.key === 'Home' ? step(-1, 1) : step(items.length, -1));
        break;
      case 'Enter':
        // Enter here chooses; it never sends the whole form with a name half typed.
        if (!words) return;
        event.preventDefault();
        if (suggestions.status === 'error') setAttempt((n) => n + 1);
        else if (expanded && active >= 0) void choose(active);
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
  if (suggestions.status === 'loading') status = t('combobox.searching');
  else if (suggestions.status === 'error') status = t('combobox.error');
  else if (suggestions.status === 'ready') {
    status =
      items.length === 0
        ? props.words.none(words)
        : [props.words.found(items.length), suggestions.more ? props.words.more : '']
            .filter(Boolean)
            .join(' ');
  }
  const describedBy = [`${id}-hint`, `${id}-status`, props.error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');

  return (
    <div
      className={['field', 'combobox', props.className, props.error ? 'field-invalid' : '']
        .filter(Boolean)
        .join(' ')}
    >
      <label htmlFor={id}>{props.label}</label>
      <p className="hint" id={`${id}-hint`}>
        {props.hint}
      </p>
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        autoCapitalize="none"
        spellCheck={false}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        value={query}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {props.error && (
        <p className="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
      <div className="combobox-status">
        <p
          className={`hint picker-status${suggestions.status === 'error' ? ' is-error' : ''}`}
          id={`${id}-status`}
          aria-live="polite"
        >
          {status}
        </p>
        {suggestions.status === 'error' && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              setAttempt((n) => n + 1);
              input.current?.focus();
            }}
          >
            {t('combobox.retry')}
          </button>
        )}
      </div>
      <ul
        ref={listRef}
        id={`${id}-list`}
        role="listbox"
        aria-label={props.listLabel ?? props.label}
        className="picker-options"
        hidden={!expanded}
      >
        {items.map((item, index) => {
          const disabled = isDisabled(item);
          return (
            <li
              key={keyOf(item)}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              aria-disabled={disabled || undefined}
              className={`picker-option${index === active ? ' is-active' : ''}`}
              // Keep the focus in the text box: the choice happens on click (or tap).
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => void choose(index)}
            >
              {props.renderOption(item, disabled)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
