/** Form pieces of the directory edit screens: checkbox groups and the channels editor. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_KINDS, listOf } from '../../api';
import type { Channel, ChannelKind } from '../../api';
import { Field, SelectField, useFieldIds } from '../../components/Field';

/** A group of checkboxes for a multiple choice (languages, care streams). */
export function CheckboxGroup({
  legend,
  name,
  options,
  value,
  onChange,
  error,
  hint,
}: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const { id, hintId, errorId, describedBy } = useFieldIds(name, hint, error);
  return (
    <fieldset
      className={`checkboxes checkbox-grid${error ? ' field-invalid' : ''}`}
      aria-describedby={describedBy}
    >
      <legend>{legend}</legend>
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      <div className="checkbox-columns">
        {options.map((option) => (
          <div key={option.value} className="checkbox">
            <input
              type="checkbox"
              id={`${id}-${option.value}`}
              name={name}
              value={option.value}
              checked={value.includes(option.value)}
              aria-invalid={error ? true : undefined}
              onChange={(event) =>
                onChange(
                  event.target.checked
                    ? [...value, option.value]
                    : value.filter((item) => item !== option.value),
                )
              }
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** Who sees a channel or a contact field (decision 034). */
export type Visibility = NonNullable<Channel['visibility']>;
export const VISIBILITIES = listOf<Visibility>({ public: true, network: true, care_team: true });
export const visibilityOf = (value: unknown): Visibility | undefined =>
  VISIBILITIES.find((v) => v === value);

/** "Visible by": public, network members, care teams only. */
export function VisibilitySelect({
  name,
  value,
  onChange,
  label,
  error,
}: {
  name: string;
  value: Visibility;
  onChange: (value: Visibility) => void;
  label?: string;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={label ?? t('dirPrivacy.visibleBy')}
      name={name}
      value={value}
      onChange={(next) => onChange(visibilityOf(next) ?? value)}
      options={VISIBILITIES.map((v) => ({ value: v, label: t(`dirPrivacy.visibility.${v}`) }))}
      error={error}
    />
  );
}

export type ChannelRow = {
  key: number;
  kind: ChannelKind;
  value: string;
  bestTimes: string;
  preferred: boolean;
  visibility: Visibility;
};

let nextRowKey = 1;
export function newChannelRow(fields: Partial<Omit<ChannelRow, 'key'>> = {}): ChannelRow {
  return {
    key: nextRowKey++,
    kind: 'phone',
    value: '',
    bestTimes: '',
    preferred: false,
    visibility: 'network',
    ...fields,
  };
}

/** Rows of ways to reach someone: kind, number or address, best times, the preferred one. */
export function ChannelsEditor({
  rows,
  onChange,
  errors,
  kindLabel,
  defaultVisibility,
}: {
  rows: ChannelRow[];
  onChange: (rows: ChannelRow[]) => void;
  errors: Record<string, string>;
  kindLabel: (kind: ChannelKind) => string;
  /** A new channel's visibility: network for a member, public for an organisation or service. */
  defaultVisibility: Visibility;
}) {
  const { t } = useTranslation();
  const groupId = useId();
  const update = (key: number, changes: Partial<ChannelRow>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...changes } : row)));
  const choosePreferred = (key: number) =>
    onChange(rows.map((row) => ({ ...row, preferred: row.key === key })));

  return (
    <fieldset className="channels-editor">
      <legend>{t('dir.form.channels')}</legend>
      <p className="hint">{t('dir.form.channelsHint')}</p>
      <p className="hint">{t('dirPrivacy.channelsHint')}</p>
      {rows.length === 0 && <p className="muted">{t('dir.form.noChannel')}</p>}
      <ol className="channel-rows">
        {rows.map((row, index) => {
          const number = index + 1;
          return (
            <li key={row.key} className="channel-row">
              <p className="channel-row-title">{t('dir.form.channelNumber', { number })}</p>
              <div className="channel-row-fields">
                <SelectField
                  label={t('dir.form.channelKind')}
                  name={`channels.${index}.kind`}
                  value={row.kind}
                  onChange={(value) =>
                    update(row.key, {
                      kind: CHANNEL_KINDS.find((kind) => kind === value) ?? 'phone',
                    })
                  }
                  options={CHANNEL_KINDS.map((kind) => ({ value: kind, label: kindLabel(kind) }))}
                  error={errors[`channels.${index}.kind`]}
                />
                <Field
                  label={t('dir.form.channelValue')}
                  name={`channels.${index}.value`}
                  value={row.value}
                  required
                  type={row.kind === 'email' ? 'email' : row.kind === 'phone' ? 'tel' : 'text'}
                  onChange={(event) => update(row.key, { value: event.target.value })}
                  error={errors[`channels.${index}.value`]}
                />
                <Field
                  label={t('dir.form.channelBestTimes')}
                  name={`channels.${index}.bestTimes`}
                  value={row.bestTimes}
                  placeholder={t('dir.form.channelBestTimesPlaceholder')}
                  onChange={(event) => update(row.key, { bestTimes: event.target.value })}
                  error={errors[`channels.${index}.bestTimes`]}
                />
                <VisibilitySelect
                  name={`channels.${index}.visibility`}
                  value={row.visibility}
                  onChange={(visibility) => update(row.key, { visibility })}
                  error={errors[`channels.${index}.visibility`]}
                />
              </div>
              <div className="channel-row-actions">
                <div className="checkbox">
                  <input
                    type="radio"
                    id={`${groupId}-preferred-${row.key}`}
                    name={`${groupId}-preferred`}
                    checked={row.preferred}
                    onChange={() => choosePreferred(row.key)}
                  />
                  <label htmlFor={`${groupId}-preferred-${row.key}`}>
                    {t('dir.form.channelPreferred')}
                  </label>
                </div>
                <button
                  type="button"
                  className="button button-small button-danger"
                  onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
                  aria-label={t('dir.form.channelRemoveLabel', { number })}
                >
                  {t('dir.form.channelRemove')}
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <div className="actions">
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            onChange([
              ...rows,
              newChannelRow({ preferred: rows.length === 0, visibility: defaultVisibility }),
            ])
          }
        >
          {t('dir.form.channelAdd')}
        </button>
        {rows.some((row) => row.preferred) && (
          <button
            type="button"
            className="button button-small button-quiet"
            onClick={() => onChange(rows.map((row) => ({ ...row, preferred: false })))}
          >
            {t('dir.form.channelNoPreferred')}
          </button>
        )}
      </div>
    </fieldset>
  );
}
