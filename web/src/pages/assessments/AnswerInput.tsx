import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, InstrumentItem } from '../../api';

type Props = {
  item: InstrumentItem;
  value: AnswerValue | undefined;
  error: string | undefined;
  disabled: boolean;
  /** Called with the new answer (null clears it): choices at once, typed values when left. */
  onAnswer: (value: AnswerValue | null) => void;
};

/** One question of an instrument, drawn after its answer type, large enough for a tablet. */
export function AnswerInput({ item, value, error, disabled, onAnswer }: Props) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fr';
  const id = useId();
  const describedBy = [item.help ? `${id}-help` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  const required = item.required ? (
    <span className="required"> ({t('common.required')})</span>
  ) : null;
  const help = item.help && (
    <p className="hint" id={`${id}-help`}>
      {item.help[locale]}
    </p>
  );
  const errorText = error && (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  );

  if (item.type === 'number' || item.type === 'text') {
    return (
      <TypedAnswer
        item={item}
        value={value}
        disabled={disabled}
        onAnswer={onAnswer}
        id={id}
        describedBy={describedBy}
        invalid={Boolean(error)}
        label={
          <>
            {item.label[locale]}
            {required}
          </>
        }
        extra={
          <>
            {help}
            {errorText}
          </>
        }
      />
    );
  }

  const choices: { value: AnswerValue; label: string }[] =
    item.type === 'abc'
      ? (['A', 'B', 'C'] as const).map((code) => ({
          value: code,
          label: `${code} ${t(`gir.code${code}`)}`,
        }))
      : item.type === 'yes_no'
        ? [
            { value: true, label: t('assess.yes') },
            { value: false, label: t('assess.no') },
          ]
        : item.type === 'scale'
          ? Array.from({ length: 11 }, (_, n) => ({ value: n, label: String(n) }))
          : (item.options ?? []).map((option) => ({
              value: option.value,
              label: option.label[locale],
            }));
  const multi = item.type === 'multi_choice';
  const selected = multi && Array.isArray(value) ? value : [];

  return (
    <fieldset
      className={`code-choice${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy || undefined}
    >
      <legend>
        {item.label[locale]}
        {required}
      </legend>
      {help}
      <div className="code-options">
        {choices.map((choice) => (
          <label key={String(choice.value)} className="code-option">
            <input
              type={multi ? 'checkbox' : 'radio'}
              name={`${id}-answer`}
              disabled={disabled}
              aria-invalid={error ? true : undefined}
              checked={multi ? selected.includes(String(choice.value)) : value === choice.value}
              onChange={(event) => {
                if (!multi) return onAnswer(choice.value);
                const next = event.target.checked
                  ? [...selected, String(choice.value)]
                  : selected.filter((v) => v !== choice.value);
                onAnswer(next);
              }}
            />
            <span>{choice.label}</span>
          </label>
        ))}
      </div>
      {errorText}
    </fieldset>
  );
}

/** A number or a text, kept as typed and saved when the field is left. */
function TypedAnswer(props: {
  item: InstrumentItem;
  value: AnswerValue | undefined;
  disabled: boolean;
  onAnswer: (value: AnswerValue | null) => void;
  id: string;
  describedBy: string;
  invalid: boolean;
  label: React.ReactNode;
  extra: React.ReactNode;
}) {
  const { item, value, disabled, onAnswer, id, describedBy, invalid } = props;
  const stored = value === undefined ? '' : String(value);
  const [typed, setTyped] = useState(stored);
  useEffect(() => setTyped(stored), [stored]);
  const commit = () => {
    if (typed === stored) return;
    if (typed.trim() === '') return onAnswer(null);
    // Sent as typed: the server says what does not fit (not whole, out of bounds).
    onAnswer(item.type === 'number' ? Number(typed) : typed);
  };
  const common = {
    id: `${id}-input`,
    value: typed,
    disabled,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy || undefined,
    onBlur: commit,
  };
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-input`}>{props.label}</label>
      {item.type === 'number' ? (
        <input
          {...common}
          type="number"
          inputMode="numeric"
          min={item.min}
          max={item.max}
          step={1}
          onChange={(event) => setTyped(event.target.value)}
        />
      ) : (
        <textarea
          {...common}
          rows={3}
          maxLength={item.maxLength}
          onChange={(event) => setTyped(event.target.value)}
        />
      )}
      {props.extra}
    </div>
  );
}
