import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import type {
  Channel,
  ChannelKind,
  DirectoryKind,
  MemberProfile,
  OrganisationProfile,
  Vocabulary,
} from '../../api';
import { Alert } from '../../components/Alert';
import { Field, SelectField } from '../../components/Field';
import { focusFirstInvalid, useErrorText, usePageTitle } from '../../hooks';
import { useSession } from '../../session';
import { NotFoundPage } from '../NotFoundPage';
import { ChannelsEditor, CheckboxGroup, newChannelRow, TextAreaField } from './FormWidgets';
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
import type { VocabularyList } from './shared';
import {
  MAX_WORKPLACES,
  newWorkplaceRow,
  WorkplacesEditor,
  WorkplacesReadOnly,
} from './WorkplacesEditor';
import type { WorkplaceRow } from './WorkplacesEditor';

/* ---------- What each form holds ---------- */

type FieldSpec =
  | {
      name: string;
      widget: 'text' | 'textarea';
      required?: boolean;
      minLength?: number;
      format?: 'email' | 'url' | 'rpps' | 'adeli' | 'gln' | 'latitude' | 'longitude';
      hint?: boolean;
    }
  | { name: string; widget: 'select'; list: VocabularyList | 'accepting'; required: true }
  | { name: string; widget: 'checkboxes'; list: VocabularyList }
  | { name: string; widget: 'list'; hint: true }
  | { name: string; widget: 'channels' }
  | { name: string; widget: 'workplaces' }
  /** Fields read together, under one legend and hint (the two coordinates of a point). */
  | { name: 'mapPoint'; widget: 'fieldset'; fields: FieldSpec[] };

type Group = { title: GroupTitle; fields: FieldSpec[] };
type GroupTitle =
  'identity' | 'workplaces' | 'identifiers' | 'reach' | 'languages' | 'place' | 'offer' | 'access';

const REACH: FieldSpec[] = [
  { name: 'channels', widget: 'channels' },
  { name: 'goodToKnow', widget: 'textarea', hint: true },
];

const FORMS: Record<DirectoryKind, Group[]> = {
  members: [
    {
      title: 'identity',
      fields: [
        { name: 'firstName', widget: 'text', required: true },
        { name: 'lastName', widget: 'text', required: true },
        { name: 'profession', widget: 'select', list: 'professions', required: true },
        { name: 'specialty', widget: 'text' },
      ],
    },
    {
      title: 'workplaces',
      fields: [{ name: 'organisations', widget: 'workplaces' }],
    },
    {
      title: 'reach',
      fields: [
        { name: 'phone', widget: 'text' },
        { name: 'email', widget: 'text', format: 'email' },
        ...REACH,
      ],
    },
    {
      title: 'languages',
      fields: [{ name: 'languages', widget: 'checkboxes', list: 'languages' }],
    },
    {
      title: 'identifiers',
      fields: [
        { name: 'rpps', widget: 'text', format: 'rpps', hint: true },
        { name: 'adeli', widget: 'text', format: 'adeli', hint: true },
        { name: 'gln', widget: 'text', format: 'gln', hint: true },
      ],
    },
  ],
  organisations: [
    {
      title: 'identity',
      fields: [
        { name: 'name', widget: 'text', required: true, minLength: 2 },
        { name: 'type', widget: 'select', list: 'organisationTypes', required: true },
      ],
    },
    {
      title: 'place',
      fields: [
        { name: 'address', widget: 'text' },
        { name: 'postalCode', widget: 'text' },
        { name: 'commune', widget: 'text' },
        {
          name: 'mapPoint',
          widget: 'fieldset',
          fields: [
            { name: 'latitude', widget: 'text', format: 'latitude' },
            { name: 'longitude', widget: 'text', format: 'longitude' },
          ],
        },
        { name: 'openingHours', widget: 'textarea' },
      ],
    },
    {
      title: 'reach',
      fields: [
        { name: 'phone', widget: 'text' },
        { name: 'email', widget: 'text', format: 'email' },
        { name: 'website', widget: 'text', format: 'url', hint: true },
        ...REACH,
      ],
    },
  ],
  services: [
    {
      title: 'offer',
      fields: [
        { name: 'name', widget: 'text', required: true, minLength: 2 },
        { name: 'description', widget: 'textarea' },
        { name: 'missions', widget: 'textarea' },
        { name: 'limits', widget: 'textarea', hint: true },
        { name: 'careStreams', widget: 'checkboxes', list: 'careStreams' },
      ],
    },
    {
      title: 'access',
      fields: [
        { name: 'accepting', widget: 'select', list: 'accepting', required: true },
        { name: 'acceptingConditions', widget: 'textarea' },
        { name: 'eligibility', widget: 'textarea' },
        { name: 'communesServed', widget: 'list', hint: true },
        { name: 'waitingTime', widget: 'text' },
        { name: 'hours', widget: 'textarea' },
        { name: 'costNotes', widget: 'textarea' },
      ],
    },
    { title: 'reach', fields: REACH },
  ],
};

const FIELD_LABELS = [
  'firstName',
  'lastName',
  'profession',
  'specialty',
  'rpps',
  'adeli',
  'gln',
  'email',
  'phone',
  'languages',
  'goodToKnow',
  'channels',
  'name',
  'type',
  'address',
  'postalCode',
  'commune',
  'latitude',
  'longitude',
  'website',
  'openingHours',
  'description',
  'missions',
  'limits',
  'eligibility',
  'careStreams',
  'communesServed',
  'waitingTime',
  'accepting',
  'acceptingConditions',
  'hours',
  'costNotes',
  'organisations',
  'verifiedAt',
  'organisationId',
] as const;
export type FieldLabel = (typeof FIELD_LABELS)[number];
export const fieldLabelKey = (name: string): FieldLabel | null =>
  FIELD_LABELS.find((field) => field === name) ?? null;

const FIELD_HINTS = [
  'rpps',
  'adeli',
  'gln',
  'website',
  'goodToKnow',
  'limits',
  'communesServed',
] as const;

type Values = Record<string, string | string[] | ChannelRow[] | WorkplaceRow[]>;
const DEFAULTS: Record<DirectoryKind, Values> = {
  members: { languages: ['fr'], organisations: [] },
  organisations: {},
  services: { accepting: 'yes' },
};

function specsOf(kind: DirectoryKind): FieldSpec[] {
  return FORMS[kind]
    .flatMap((group) => group.fields)
    .flatMap((spec) => (spec.widget === 'fieldset' ? spec.fields : [spec]));
}

/** The form's values from a profile (or the defaults of a new entry). */
function valuesFrom(kind: DirectoryKind, entry: object | null): Values {
  const values: Values = {};
  const source = entry as Record<string, unknown> | null;
  for (const spec of specsOf(kind)) {
    const raw = source ? source[spec.name] : DEFAULTS[kind][spec.name];
    if (spec.widget === 'channels') {
      values[spec.name] = ((raw as Channel[] | undefined) ?? []).map((channel) =>
        newChannelRow({
          kind: channel.kind,
          value: channel.value,
          bestTimes: channel.bestTimes ?? '',
          preferred: channel.preferred ?? false,
        }),
      );
    } else if (spec.widget === 'workplaces') {
      values[spec.name] = ((raw as MemberProfile['organisations'] | undefined) ?? []).map((link) =>
        newWorkplaceRow({
          organisationId: link.id,
          name: link.name,
          type: link.type,
          commune: link.commune,
          roleTitle: link.roleTitle ?? '',
          canEditServices: link.canEditServices,
        }),
      );
    } else if (spec.widget === 'checkboxes') {
      values[spec.name] = Array.isArray(raw) ? (raw as string[]) : [];
    } else if (spec.widget === 'list') {
      values[spec.name] = Array.isArray(raw) ? (raw as string[]).join(', ') : '';
    } else if (typeof raw === 'number') {
      values[spec.name] = String(raw);
    } else {
      values[spec.name] = typeof raw === 'string' ? raw : '';
    }
  }
  return values;
}

const text = (value: Values[string] | undefined) => (typeof value === 'string' ? value : '');

/**
 * The values as the API takes them: empty text becomes null, lists are split, coordinates are
 * numbers. Where a member works is left out for those who may not change it.
 */
function payloadOf(
  kind: DirectoryKind,
  values: Values,
  canEditWorkplaces: boolean,
): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const spec of specsOf(kind)) {
    const value = values[spec.name];
    if (spec.widget === 'workplaces') {
      if (!canEditWorkplaces) continue;
      payload[spec.name] = ((value as WorkplaceRow[] | undefined) ?? []).map((row) => ({
        organisationId: row.organisationId,
        roleTitle: row.roleTitle.trim() || null,
        canEditServices: row.canEditServices,
      }));
    } else if (
      spec.widget === 'text' &&
      (spec.format === 'latitude' || spec.format === 'longitude')
    ) {
      payload[spec.name] = parseCoordinate(text(value));
    } else if (spec.widget === 'channels') {
      payload[spec.name] = ((value as ChannelRow[] | undefined) ?? []).map((row) => {
        const channel: Channel = { kind: row.kind, value: row.value.trim() };
        if (row.preferred) channel.preferred = true;
        if (row.bestTimes.trim()) channel.bestTimes = row.bestTimes.trim();
        return channel;
      });
    } else if (spec.widget === 'checkboxes') {
      payload[spec.name] = [...((value as string[] | undefined) ?? [])];
    } else if (spec.widget === 'list') {
      payload[spec.name] = text(value)
        .split(/[,;\n]/)
        .map((item) => item.trim())
        .filter(Boolean);
    } else {
      let trimmed = text(value).trim();
      if (spec.widget === 'text' && ['rpps', 'adeli', 'gln'].includes(spec.format ?? '')) {
        trimmed = trimmed.replace(/\s+/g, '');
      }
      payload[spec.name] = trimmed || (spec.widget === 'select' ? '' : null);
    }
  }
  return payload;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DIGITS: Record<string, number> = { rpps: 11, adeli: 9, gln: 13 };

/** The server's validation messages keyed by the full field path ("channels.0.value"). */
function serverFieldErrors(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (!(error instanceof ApiError)) return result;
  const fields = (error.details as { fields?: unknown } | null | undefined)?.fields;
  if (!Array.isArray(fields)) return result;
  for (const item of fields as { field?: unknown; message?: unknown }[]) {
    if (typeof item.field !== 'string' || typeof item.message !== 'string') continue;
    const path = item.field.replace(/^\//, '').replace(/\//g, '.');
    result[path] ??= item.message;
    const top = path.split('.')[0] ?? path;
    // Channel and workplace rows show their own messages.
    if (top !== path && top !== 'channels' && top !== 'organisations') {
      result[top] ??= item.message;
    }
  }
  return result;
}

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
        id = (await api.createEntry(kind, body)).id;
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
                label: t(`dir.accepting.${code}`),
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

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
