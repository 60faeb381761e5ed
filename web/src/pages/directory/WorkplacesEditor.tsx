/**
 * Where a member works: the organisations, the role in each and whether the member may edit the
 * organisation's services. Network staff edit it (an organisation is picked by typing its name);
 * the member sees it read-only on their own form.
 */
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { SearchResult } from '../../api';
import { Combobox } from '../../components/Combobox';
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

/**
 * The shared combobox over the directory's organisations: type part of a name, arrows, Enter or
 * a tap chooses, Escape closes the list then clears. The text stays with the form, which flags a
 * name typed but not chosen.
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
  return (
    <Combobox<SearchResult>
      className="organisation-picker"
      label={t('dir.form.workplaces.pickerLabel')}
      hint={t('dir.form.workplaces.pickerHint')}
      search={(words, signal) =>
        api.searchDirectory({ q: words, type: 'organisation', pageSize: '8' }, signal)
      }
      keyOf={(item) => item.id}
      isDisabled={(item) => taken.includes(item.id)}
      onPick={onPick}
      query={query}
      onQuery={onQuery}
      error={error}
      words={{
        none: (words) => t('dir.form.workplaces.noSuggestion', { query: words }),
        found: (count) => t('dir.form.workplaces.suggestions', { count }),
      }}
      renderOption={(item, already) => {
        const detail = detailOf(
          { type: item.organisationType, commune: item.communes[0] ?? null },
          typeLabel,
        );
        return (
          <>
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
          </>
        );
      }}
    />
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
