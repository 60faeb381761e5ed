import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from 'react';

/** The ids that tie a control to its hint and error, for screen readers. */
export function useFieldIds(name: string, hint: unknown, error: unknown) {
  const id = `${useId()}-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return { id, hintId, errorId, describedBy };
}

type ShellProps = {
  ids: ReturnType<typeof useFieldIds>;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
};

/** Label, hint, the control, and the inline error: the frame every single-control field shares. */
function FieldShell({ ids, label, hint, error, children }: ShellProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={ids.id}>{label}</label>
      {hint && (
        <p className="hint" id={ids.hintId}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field-error" id={ids.errorId}>
          {error}
        </p>
      )}
    </div>
  );
}

type FieldProps = {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** Named like the server's field, so its validation messages land here. */
  name: string;
  ref?: Ref<HTMLInputElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>;

/** A labelled input with an optional hint and an inline error tied to it for screen readers. */
export function Field({ label, hint, error, name, required, ref, ...input }: FieldProps) {
  const ids = useFieldIds(name, hint, error);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <input
        ref={ref}
        id={ids.id}
        name={name}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...input}
      />
    </FieldShell>
  );
}

type TextAreaProps = {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string | undefined;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name' | 'id'>;

/** A labelled multi-line input with an optional hint and an inline error. */
export function TextAreaField({ label, name, hint, error, required, ...rest }: TextAreaProps) {
  const ids = useFieldIds(name, hint, error);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <textarea
        id={ids.id}
        name={name}
        required={required}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
        {...rest}
      />
    </FieldShell>
  );
}

type SelectFieldProps = {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string | undefined;
  hint?: ReactNode;
};

/** A labelled select with an inline error. */
export function SelectField({
  label,
  name,
  value,
  onChange,
  options,
  error,
  hint,
}: SelectFieldProps) {
  const ids = useFieldIds(name, hint, error);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <select
        id={ids.id}
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}
