import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import type {
  ChannelKind,
  DirectoryKind,
  EntryInput,
  OrganisationProfile,
  Vocabulary,
} from '../../api';
import { Alert } from '../../components/Alert';
import { Field, SelectField, TextAreaField } from '../../components/Field';
import { focusFirstInvalid, useErrorText, usePageTitle } from '../../hooks';
import { useSession } from '../../session';
import { NotFoundPage } from '../NotFoundPage';
import { ChannelsEditor, CheckboxGroup, VisibilitySelect, visibilityOf } from './FormWidgets';
import type { ChannelRow } from './FormWidgets';
import { COORDINATE_LIMIT, parseCoordinate } from './geo';
import {
  forgetVocabulary,
  kindOf,
  Show,
  termOptions,
  useLabels,
  useLoaded,
  useVocabulary,
} from './shared';
import { MAX_WORKPLACES, WorkplacesEditor, WorkplacesReadOnly } from './WorkplacesEditor';
import type { WorkplaceRow } from './WorkplacesEditor';
import {
  DEFAULT_CHANNEL_VISIBILITY,
  DIGITS,
  EMAIL,
  FIELD_HINTS,
  fieldLabelKey,
  FORMS,
  isWebAddress,
  payloadOf,
  serverFieldErrors,
  specsOf,
  text,
  valuesFrom,
  visibilityField,
} from './entry-form-model';
import type { FieldSpec, Values } from './entry-form-model';

/* ---------- Screens ---------- */

/** /directory/:kind/:id/edit — change an entry (who may is decided by the server: canEdit). */
export function DirectoryEditPage() {
  const { kind: kindParam, id = '' } = useParams();
  const kind = kindOf(kindParam);
  if (!kind) return <NotFoundPage />;
  return <EditEntry key={`${kind}-${id}`} kind={kind} id={id} />;
}

/** /directory/:kind/new — add an entry (staff; services also members allowed for the place). */
export function DirectoryNewPage() {
  const { kind: kindParam } = useParams();
  const kind = kindOf(kindParam);
  if (!kind) return <NotFoundPage />;
  return kind === 'services' ? <NewService /> : <NewEntry key={kind} kind={kind} />;
}

function Refusal({ back }: { back: string }) {
  const { t } = useTranslation();
  return (
    <Alert tone="warning" title={t('dir.form.refusedTitle')}>
      <p>{t('dir.form.refused')}</p>
      <p>
        <Link to={back}>{t('dir.form.backToProfile')}</Link>
      </p>
    </Alert>
  );
}

function EditEntry({ kind, id }: { kind: DirectoryKind; id: string }) {
  const { t } = useTranslation();
  const fetcher = useCallback(() => api.getEntry(kind, id), [kind, id]);
  const [state, reload] = useLoaded(fetcher);
  const vocabulary = useVocabulary();
  const title = t(`dir.form.editTitle.${kind}`);
  usePageTitle(title);
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/directory/${kind}/${id}`}>{t('dir.form.backToProfile')}</Link>
      </p>
      <h1>{title}</h1>
      <Show state={state} retry={reload} errorTitle={t('dir.loadError')}>
        {(entry) =>
          !entry.canEdit ? (
            <Refusal back={`/directory/${kind}/${id}`} />
          ) : (
            <Show state={vocabulary} errorTitle={t('dir.loadError')}>
              {(vocab) => (
                <EntryForm
                  // A new version read after a conflict starts the form again from it.
                  key={entry.version}
                  kind={kind}
                  vocabulary={vocab}
                  entry={entry}
                  name={nameOf(entry)}
                  onReload={reload}
                />
              )}
            </Show>
          )
        }
      </Show>
    </>
  );
}

function nameOf(entry: { name?: unknown; firstName?: unknown; lastName?: unknown }): string {
  if (typeof entry.name === 'string') return entry.name;
  const part = (value: unknown) => (typeof value === 'string' ? value : '');
  return `${part(entry.firstName)} ${part(entry.lastName)}`.trim();
}

function NewEntry({ kind }: { kind: DirectoryKind }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const vocabulary = useVocabulary();
  const title = t(`dir.form.newTitle.${kind}`);
  usePageTitle(title);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/directory">{t('dir.backToSearch')}</Link>
      </p>
      <h1>{title}</h1>
      {session?.user.role !== 'admin' ? (
        <Refusal back="/directory" />
      ) : (
        <Show state={vocabulary} errorTitle={t('dir.loadError')}>
          {(vocab) => <EntryForm kind={kind} vocabulary={vocab} entry={null} name="" />}
        </Show>
      )}
    </>
  );
}

function NewService() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const organisationId = params.get('organisationId') ?? '';
  const fetcher = useCallback(
    () =>
      organisationId
        ? api.getEntry('organisations', organisationId)
        : Promise.reject(new ApiError(404, 'not_found', '')),
    [organisationId],
  );
  const [state, reload] = useLoaded<OrganisationProfile>(fetcher);
  const vocabulary = useVocabulary();
  const title = t('dir.form.newTitle.services');
  usePageTitle(title);
  const back = organisationId ? `/directory/organisations/${organisationId}` : '/directory';
  return (
    <>
      <p className="breadcrumb">
        <Link to={back}>{t('dir.form.backToProfile')}</Link>
      </p>
      <h1>{title}</h1>
      {!organisationId ? (
        <Alert tone="info">{t('dir.form.serviceNeedsOrganisation')}</Alert>
      ) : (
        <Show state={state} retry={reload} errorTitle={t('dir.loadError')}>
          {(organisation) =>
            !organisation.canAddService ? (
              <Refusal back={back} />
            ) : (
              <Show state={vocabulary} errorTitle={t('dir.loadError')}>
                {(vocab) => (
                  <>
                    <p className="lead">{t('dir.form.serviceOf', { name: organisation.name })}</p>
                    <EntryForm
                      kind="services"
                      vocabulary={vocab}
                      entry={null}
                      name=""
                      organisationId={organisation.id}
                    />
                  </>
                )}
              </Show>
            )
          }
        </Show>
      )}
    </>
  );
}

function EntryForm({
  kind,
  vocabulary,
  entry,
  name,
  organisationId,
  onReload,
}: {
  kind: DirectoryKind;
  vocabulary: Vocabulary;
  entry: { id: string; version: number } | null;
  name: string;
  organisationId?: string;
  onReload?: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'en' ? 'en' : 'fr';
  const labels = useLabels(vocabulary);
  const errorText = useErrorText();
  const navigate = useNavigate();
  const { session } = useSession();
  // Where a member works is declared by network staff (directoryPolicy.canEditMemberOrganisations).
  const canEditWorkplaces = session?.user.role === 'admin';
  const [values, setValues] = useState<Values>(() => valuesFrom(kind, entry));
  // An organisation name typed in the workplaces picker but not chosen yet.
  const [pickerQuery, setPickerQuery] = useState('');
  const [checks, setChecks] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [nothingChanged, setNothingChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const formId = useId();
  const conflict = error instanceof ApiError && error.status === 409;
  const forbidden = error instanceof ApiError && error.status === 403;
  const errors = { ...serverFieldErrors(error), ...checks };

  useEffect(() => {
    if (conflict || forbidden) summaryRef.current?.focus();
  }, [conflict, forbidden]);

  const set = (field: string, value: Values[string]) => {
    setNothingChanged(false);
    setValues((previous) => ({ ...previous, [field]: value }));
  };

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const spec of specsOf(kind)) {
      const value = values[spec.name];
      if (spec.widget === 'channels') {
        ((value as ChannelRow[] | undefined) ?? []).forEach((row, index) => {
          const v = row.value.trim();
          if (!v) found[`channels.${index}.value`] = t('common.fieldRequired');
          else if (row.kind === 'email' && !EMAIL.test(v))
            found[`channels.${index}.value`] = t('dir.form.invalidEmail');
        });
        continue;
      }
      if (spec.widget !== 'text' && spec.widget !== 'textarea' && spec.widget !== 'select')
        continue;
      const v = text(value).trim();
      if (spec.required && !v) {
        found[spec.name] = t('common.fieldRequired');
        continue;
      }
      if (!v || spec.widget === 'select') continue;
      if ('minLength' in spec && spec.minLength && v.length < spec.minLength) {
        found[spec.name] = t('dir.form.tooShort', { min: spec.minLength });
      }
      const format = 'format' in spec ? spec.format : undefined;
      if (format === 'latitude' || format === 'longitude') {
        const number = parseCoordinate(v) ?? 0;
        if (Number.isNaN(number)) found[spec.name] = t(`dir.form.geo.notDecimal.${format}`);
        else if (Math.abs(number) > COORDINATE_LIMIT[format]) {
          found[spec.name] = t(`dir.form.geo.range.${format}`);
        }
      }
      if (format === 'email' && !EMAIL.test(v)) found[spec.name] = t('dir.form.invalidEmail');
      if (format === 'url' && !isWebAddress(v)) found[spec.name] = t('dir.form.invalidUrl');
      if (format === 'rpps' || format === 'adeli' || format === 'gln') {
        const digits = v.replace(/\s+/g, '');
        const count = DIGITS[format] ?? 0;
        if (!new RegExp(`^\\d{${count}}$`).test(digits)) {
          found[spec.name] = t('dir.form.digits', { count, name: t(`dir.fields.${format}`) });
        }
      }
    }
    if (kind === 'organisations') {
      // A point needs both coordinates: say so on the one missing.
      const latitude = text(values.latitude).trim();
      const longitude = text(values.longitude).trim();
      if (latitude && !longitude) found.longitude = t('dir.form.geo.missing.longitude');
      if (longitude && !latitude) found.latitude = t('dir.form.geo.missing.latitude');
    }
    if (kind === 'members' && canEditWorkplaces) {
      const rows = (values.organisations as WorkplaceRow[] | undefined) ?? [];
      rows.forEach((row, index) => {
        if (rows.findIndex((other) => other.organisationId === row.organisationId) !== index) {
          found[`organisations.${index}.organisationId`] = t('dir.form.workplaces.duplicate');
        }
      });
      if (rows.length > MAX_WORKPLACES) {
        found.organisations = t('dir.form.workplaces.full', { max: MAX_WORKPLACES });
      }
      if (pickerQuery.trim()) found.organisationPicker = t('dir.form.workplaces.pickPending');
    }
    return found;
  }

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setNothingChanged(false);
    const found = validate();
    setChecks(found);
    if (Object.keys(found).length > 0) {
      setError(null);
      focusFirstInvalid(form);
      return;
    }
    const payload = payloadOf(kind, values, canEditWorkplaces);
    let body: Record<string, unknown>;
    if (entry) {
      const before = payloadOf(kind, valuesFrom(kind, entry), canEditWorkplaces);
      body = {};
      for (const [field, value] of Object.entries(payload)) {
        if (JSON.stringify(value) !== JSON.stringify(before[field])) body[field] = value;
      }
      if (Object.keys(body).length === 0) {
        setNothingChanged(true);
        return;
      }
    } else {
      body = Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== null));
      if (organisationId) body.organisationId = organisationId;
    }
    setBusy(true);
    setError(null);
    try {
      let id: string;
      if (entry) {
        id = entry.id;
        await api.updateEntry(kind, id, { ...body, version: entry.version });
      } else {
        // The names are the server's (FieldName checks FORMS against its body type); the values
        // come from the widgets and are checked by the server, which names each one it refuses.
        id = (await api.createEntry(kind, body as EntryInput[typeof kind])).id;
      }
      // The communes offered in the filters may have changed.
      forgetVocabulary();
      void navigate(`/directory/${kind}/${id}`, { state: { saved: true } });
    } catch (caught) {
      setError(caught);
      focusFirstInvalid(form);
    } finally {
      setBusy(false);
    }
  }

  const required = (label: string) => `${label} (${t('common.required')})`;

  function renderField(spec: FieldSpec) {
    const labelKey = fieldLabelKey(spec.name);
    const label = labelKey ? t(`dir.fields.${labelKey}`) : spec.name;
    const hintKey = FIELD_HINTS.find((field) => field === spec.name);
    const hint = hintKey ? t(`dir.hints.${hintKey}`) : undefined;
    const value = values[spec.name];
    switch (spec.widget) {
      case 'text':
        return (
          <Field
            key={spec.name}
            label={spec.required ? required(label) : label}
            name={spec.name}
            hint={hint}
            required={spec.required}
            type={
              spec.format === 'email'
                ? 'email'
                : spec.format === 'url'
                  ? 'url'
                  : spec.name === 'phone'
                    ? 'tel'
                    : 'text'
            }
            inputMode={
              spec.format === 'latitude' || spec.format === 'longitude'
                ? 'decimal'
                : spec.format && spec.format in DIGITS
                  ? 'numeric'
                  : undefined
            }
            autoComplete="off"
            value={text(value)}
            onChange={(event) => set(spec.name, event.target.value)}
            error={errors[spec.name]}
          />
        );
      case 'textarea':
        return (
          <TextAreaField
            key={spec.name}
            label={spec.required ? required(label) : label}
            name={spec.name}
            hint={hint}
            value={text(value)}
            onChange={(event) => set(spec.name, event.target.value)}
            error={errors[spec.name]}
          />
        );
      case 'list':
        return (
          <Field
            key={spec.name}
            label={label}
            name={spec.name}
            hint={hint}
            value={text(value)}
            onChange={(event) => set(spec.name, event.target.value)}
            error={errors[spec.name]}
          />
        );
      case 'select': {
        const options =
          spec.list === 'accepting'
            ? (['yes', 'conditions', 'no'] as const).map((code) => ({
                value: code,
                label: t(`dirReach.accepting.people.${code}`),
              }))
            : [
                { value: '', label: t('dir.form.choose') },
                ...termOptions(vocabulary[spec.list], locale),
              ];
        return (
          <SelectField
            key={spec.name}
            label={required(label)}
            name={spec.name}
            value={text(value)}
            onChange={(next) => set(spec.name, next)}
            options={options}
            error={errors[spec.name]}
          />
        );
      }
      case 'checkboxes':
        return (
          <CheckboxGroup
            key={spec.name}
            legend={label}
            name={spec.name}
            options={termOptions(vocabulary[spec.list], locale, spec.list !== 'languages')}
            value={(value as string[] | undefined) ?? []}
            onChange={(next) => set(spec.name, next)}
            error={errors[spec.name]}
          />
        );
      case 'channels':
        return (
          <ChannelsEditor
            key={spec.name}
            rows={(value as ChannelRow[] | undefined) ?? []}
            onChange={(rows) => set(spec.name, rows)}
            errors={errors}
            kindLabel={(kindCode: ChannelKind) => labels('channels', kindCode)}
            defaultVisibility={DEFAULT_CHANNEL_VISIBILITY[kind]}
          />
        );
      case 'visibility':
        return (
          <VisibilitySelect
            key={spec.name}
            name={spec.name}
            label={t(`dirPrivacy.fields.${visibilityField(spec.name)}`)}
            value={visibilityOf(value) ?? 'network'}
            onChange={(next) => set(spec.name, next)}
            error={errors[spec.name]}
          />
        );
      case 'fieldset':
        return (
          <fieldset
            key={spec.name}
            className="field-set"
            aria-describedby={`${formId}-${spec.name}-hint`}
          >
            <legend>{t(`dir.form.${spec.name}`)}</legend>
            <p className="hint" id={`${formId}-${spec.name}-hint`}>
              {t(`dir.form.${spec.name}Hint`)}
            </p>
            <div className="form-grid">
              {spec.fields.map((field) => (
                <div key={field.name} className="grid-cell">
                  {renderField(field)}
                </div>
              ))}
            </div>
          </fieldset>
        );
      case 'workplaces': {
        const rows = (value as WorkplaceRow[] | undefined) ?? [];
        const typeLabel = (code: string | null) => labels('organisationTypes', code);
        return canEditWorkplaces ? (
          <WorkplacesEditor
            key={spec.name}
            rows={rows}
            onChange={(next) => set(spec.name, next)}
            errors={errors}
            query={pickerQuery}
            onQuery={(query) => {
              setNothingChanged(false);
              setPickerQuery(query);
            }}
            pickerError={errors.organisationPicker}
            typeLabel={typeLabel}
          />
        ) : (
          <WorkplacesReadOnly key={spec.name} rows={rows} typeLabel={typeLabel} />
        );
      }
    }
  }

  const back = entry ? `/directory/${kind}/${entry.id}` : '/directory';

  return (
    <form className="form entry-form" onSubmit={(event) => void submit(event)} noValidate>
      {name && <p className="lead">{name}</p>}
      <p className="hint">{t('dir.form.requiredNote')}</p>
      <div ref={summaryRef} tabIndex={-1} className="form-summary">
        {conflict && (
          <Alert tone="error" title={t('dir.form.conflictTitle')}>
            <p>{errorText(error)}</p>
            <p>{t('dir.form.conflictAdvice')}</p>
            <button type="button" className="button" onClick={onReload}>
              {t('dir.form.reload')}
            </button>
          </Alert>
        )}
        {forbidden && (
          <Alert tone="error" title={t('dir.form.refusedTitle')}>
            <p>{errorText(error)}</p>
          </Alert>
        )}
        {error !== null && !conflict && !forbidden && (
          <Alert tone="error">
            <p>{errorText(error)}</p>
          </Alert>
        )}
        {Object.keys(checks).length > 0 && <Alert tone="error">{t('errors.formHasErrors')}</Alert>}
        {nothingChanged && <Alert tone="info">{t('dir.form.nothingChanged')}</Alert>}
      </div>
      {FORMS[kind].map((group) => (
        <section
          key={group.title}
          className="card form-section"
          aria-labelledby={`group-${group.title}`}
        >
          <h2 id={`group-${group.title}`}>{t(`dir.form.group.${group.title}`)}</h2>
          <div className="form-grid">
            {group.fields.map((spec) => (
              <div
                key={spec.name}
                className={
                  spec.widget === 'text' || spec.widget === 'select' || spec.widget === 'list'
                    ? 'grid-cell'
                    : 'grid-cell grid-wide'
                }
              >
                {renderField(spec)}
              </div>
            ))}
          </div>
        </section>
      ))}
      <div className="actions form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('common.save')}
        </button>
        <Link className="button button-quiet" to={back}>
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
