import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Commune } from '../../api';
import { Field } from '../../components/Field';

/** A commune as a form holds it: the name typed or picked, and the INSEE code once picked. */
export type CommuneValue = { name: string; code: string };

/** What the list shows for a commune: its name, then its department and first postcode. */
const labelOf = (c: Commune) => `${c.name} (${c.postcodes[0] ?? c.department})`;

/**
 * A commune field with suggestions from GET /api/communes (decision 015): a native input and its
 * datalist, so the keyboard, screen readers and phones offer the list as they do for any field.
 * Picking a suggestion sets the name as the reference spells it and the INSEE code; typing again
 * clears the code. Works without a session (the public form).
 */
export function CommunePicker({
  label,
  name,
  value,
  onChange,
  error,
  codeError,
}: {
  label: string;
  /** The server's field name of the commune's name, so its message lands here. */
  name: string;
  value: CommuneValue;
  /** With the commune picked from the list (its postcodes), when it was. */
  onChange: (value: CommuneValue, picked?: Commune) => void;
  error?: string | undefined;
  /** The server's message about the code, shown under the same field. */
  codeError?: string | undefined;
}) {
  const { t } = useTranslation();
  const listId = `${useId()}-communes`;
  const [options, setOptions] = useState<Commune[]>([]);
  const query = value.name.trim();

  useEffect(() => {
    if (value.code || query.length < 2) return;
    let live = true;
    const timer = setTimeout(() => {
      api.communes(query).then(
        (list) => live && setOptions(list.items),
        () => live && setOptions([]),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, value.code]);

  return (
    <>
      <Field
        label={label}
        name={name}
        list={listId}
        autoComplete="off"
        value={value.name}
        hint={value.code ? t('communes.picked', { code: value.code }) : t('communes.hint')}
        error={error ?? codeError}
        onChange={(event) => {
          const typed = event.target.value;
          const chosen = options.find((c) => labelOf(c) === typed);
          if (chosen) onChange({ name: chosen.name, code: chosen.code }, chosen);
          else onChange({ name: typed, code: '' });
        }}
      />
      <datalist id={listId}>
        {options.map((c) => (
          <option key={c.code} value={labelOf(c)} />
        ))}
      </datalist>
    </>
  );
}
