import { useCallback, useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Loading } from '../components/guards';
import {
  directoryApi,
  type Entry,
  type EntryType,
  type HistoryItem,
  type Vocabulary,
} from '../directory/directoryApi';
import { channelHref, labelOf } from '../directory/labels';
import { formatDateTime } from '../format';
import { fieldErrorsOf, useErrorText, usePageTitle } from '../hooks';
import { currentLocale } from '../i18n';

const TYPE_OF_PATH: Record<string, EntryType> = {
  members: 'member',
  organisations: 'organisation',
  services: 'service',
};
/** The fields each kind of entry lets its editors change from its page. */
const EDITABLE: Record<EntryType, string[]> = {
  member: ['specialty', 'goodToKnow'],
  organisation: ['openingHours', 'goodToKnow'],
  service: ['waitingTime', 'acceptingConditions', 'limits', 'goodToKnow'],
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** A directory profile: what they do and do not do, how to reach them, freshness, history. */
export function DirectoryEntryPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const { kind = '', id = '' } = useParams();
  const type = TYPE_OF_PATH[kind];
  const [entry, setEntry] = useState<Entry | null>(null);
  const [vocabulary, setVocabulary] = useState<Vocabulary | null>(null);
  const [history, setHistory] = useState<HistoryItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const title = entry
    ? type === 'member'
      ? `${text(entry.firstName)} ${text(entry.lastName)}`
      : text(entry.name)
    : t('directory.title');
  usePageTitle(title);

  const load = useCallback(() => {
    if (!type) return;
    setError(null);
    directoryApi.entry(type, id).then(setEntry, setError);
    setHistory(null);
  }, [type, id]);
  useEffect(load, [load]);
  useEffect(() => {
    directoryApi.vocabulary().then(setVocabulary, () => undefined);
  }, []);

  if (!type) return <Alert tone="error">{t('directory.unknownPage')}</Alert>;
  if (error !== null && !entry) return <Alert tone="error">{errorText(error)}</Alert>;
  if (!entry) return <Loading />;

  const verify = () => {
    directoryApi.verify(type, id).then(() => {
      setSaved(true);
      load();
    }, setError);
  };
  const showHistory = () => {
    directoryApi.history(type, id).then((r) => setHistory(r.items), setError);
  };
  const members = (entry.members ?? []) as {
    id: string;
    firstName: string;
    lastName: string;
    profession: string;
    roleTitle: string | null;
  }[];
  const services = (entry.services ?? []) as { id: string; name: string; accepting: string }[];
  const organisations = (entry.organisations ?? []) as {
    id: string;
    name: string;
    roleTitle: string | null;
  }[];
  const organisation = entry.organisation as { id: string; name: string } | undefined;
  const row = (label: string, value: unknown) =>
    text(value) || (Array.isArray(value) && value.length) ? (
      <>
        <dt>{label}</dt>
        <dd>{Array.isArray(value) ? value.join(', ') : text(value)}</dd>
      </>
    ) : null;

  return (
    <>
      <p>
        <Link to="/directory">← {t('directory.back')}</Link>
      </p>
      <div className="page-intro">
        <h1>{title}</h1>
        <p className="lead">
          {type === 'member' && labelOf(vocabulary?.professions, text(entry.profession), locale)}
          {type === 'organisation' &&
            labelOf(vocabulary?.organisationTypes, text(entry.type), locale)}
          {type === 'service' && organisation && (
            <>
              {t('directory.offeredBy')}{' '}
              <Link to={`/directory/organisations/${organisation.id}`}>{organisation.name}</Link>
            </>
          )}
        </p>
        <p className={entry.stale ? 'freshness stale' : 'freshness'}>
          {entry.verifiedAt
            ? t('directory.verifiedOn', { date: formatDateTime(entry.verifiedAt, locale) })
            : t('directory.neverVerified')}
          {entry.stale && ` — ${t('directory.staleLong', { days: vocabulary?.staleDays ?? 365 })}`}
        </p>
      </div>
      {saved && <Alert tone="success">{t('directory.saved')}</Alert>}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}

      <section className="card" aria-labelledby="contact-title">
        <h2 id="contact-title">{t('directory.contact')}</h2>
        <ul className="channels">
          {entry.channels.map((c) => {
            const href = channelHref(c.kind, c.value);
            return (
              <li key={`${c.kind}:${c.value}`} className={c.preferred ? 'preferred' : undefined}>
                <span className="channel-kind">
                  {labelOf(vocabulary?.channels, c.kind, locale)}
                </span>{' '}
                {href ? <a href={href}>{c.value}</a> : c.value}
                {c.preferred && <strong> — {t('directory.preferred')}</strong>}
                {c.bestTimes && <span className="hint"> ({c.bestTimes})</span>}
              </li>
            );
          })}
        </ul>
        {entry.goodToKnow && (
          <p className="good-to-know">
            <strong>{t('directory.goodToKnow')} :</strong> {entry.goodToKnow}
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="about-title">
        <h2 id="about-title">{t('directory.about')}</h2>
        <dl className="details">
          {type === 'member' && (
            <>
              {row(t('directory.fields.specialty'), entry.specialty)}
              {row(
                t('directory.fields.language'),
                (entry.languages as string[]).map((l) => labelOf(vocabulary?.languages, l, locale)),
              )}
              {row('RPPS', entry.rpps)}
            </>
          )}
          {type === 'organisation' && (
            <>
              {row(
                t('directory.address'),
                [text(entry.address), `${text(entry.postalCode)} ${text(entry.commune)}`.trim()]
                  .filter(Boolean)
                  .join(', '),
              )}
              {row(t('directory.openingHours'), entry.openingHours)}
              {row(t('directory.website'), entry.website)}
            </>
          )}
          {type === 'service' && (
            <>
              {row(t('directory.fields.description'), entry.description)}
              {row(t('directory.fields.missions'), entry.missions)}
              {row(t('directory.eligibility'), entry.eligibility)}
              {row(
                t('directory.fields.careStream'),
                (entry.careStreams as string[]).map((c) =>
                  labelOf(vocabulary?.careStreams, c, locale),
                ),
              )}
              {row(t('directory.communesServed'), entry.communesServed)}
              {row(
                t('directory.filters.accepting'),
                `${t(`directory.accepting.${text(entry.accepting)}` as 'directory.accepting.yes')}${entry.acceptingConditions ? ` — ${text(entry.acceptingConditions)}` : ''}`,
              )}
              {row(t('directory.waitingTime'), entry.waitingTime)}
              {row(t('directory.hours'), entry.hours)}
              {row(t('directory.cost'), entry.costNotes)}
            </>
          )}
        </dl>
        {type === 'service' && text(entry.limits) && (
          <div className="limits">
            <h3>{t('directory.limits')}</h3>
            <p>{text(entry.limits)}</p>
          </div>
        )}
      </section>

      {organisations.length > 0 && (
        <section className="card" aria-labelledby="works-title">
          <h2 id="works-title">{t('directory.worksAt')}</h2>
          <ul>
            {organisations.map((o) => (
              <li key={o.id}>
                <Link to={`/directory/organisations/${o.id}`}>{o.name}</Link>
                {o.roleTitle ? ` — ${o.roleTitle}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {type === 'organisation' && (
        <section className="card" aria-labelledby="staff-title">
          <h2 id="staff-title">{t('directory.whoWorksHere')}</h2>
          <ul>
            {members.map((m) => (
              <li key={m.id}>
                <Link to={`/directory/members/${m.id}`}>
                  {m.firstName} {m.lastName}
                </Link>{' '}
                — {m.roleTitle ?? labelOf(vocabulary?.professions, m.profession, locale)}
              </li>
            ))}
          </ul>
          <h2>{t('directory.servicesOffered')}</h2>
          <ul>
            {services.map((s) => (
              <li key={s.id}>
                <Link to={`/directory/services/${s.id}`}>{s.name}</Link> —{' '}
                {t(`directory.accepting.${s.accepting}` as 'directory.accepting.yes')}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="manage-title">
        <h2 id="manage-title">{t('directory.manage')}</h2>
        <div className="actions">
          {entry.canEdit && (
            <>
              <button type="button" className="button" onClick={verify}>
                {t('directory.verify')}
              </button>
              <button type="button" className="button" onClick={() => setEditing((e) => !e)}>
                {t('directory.edit')}
              </button>
            </>
          )}
          <button type="button" className="button" onClick={showHistory}>
            {t('directory.history')}
          </button>
        </div>
        {!entry.canEdit && <p className="hint">{t('directory.readOnly')}</p>}
        {editing && entry.canEdit && (
          <EditForm
            type={type}
            entry={entry}
            onSaved={() => {
              setEditing(false);
              setSaved(true);
              load();
            }}
            onReload={load}
          />
        )}
        {history && (
          <ol className="history">
            {history.map((h) => (
              <li key={`${h.version}-${h.changedAt}`}>
                <strong>{formatDateTime(h.changedAt, locale)}</strong> —{' '}
                {t(`directory.actions.${h.action}` as 'directory.actions.update')}
                {h.changedBy ? ` ${t('directory.by', { name: h.changedBy.displayName })}` : ''} (v
                {h.version})
                <ul>
                  {Object.entries(h.changes).map(([field, change]) => (
                    <li key={field}>
                      {field} : {show(change.from)} → {show(change.to)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function EditForm({
  type,
  entry,
  onSaved,
  onReload,
}: {
  type: EntryType;
  entry: Entry;
  onSaved: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState(() =>
    Object.fromEntries(EDITABLE[type].map((f) => [f, text(entry[f])])),
  );
  const [error, setError] = useState<unknown>(null);
  const fieldErrors = fieldErrorsOf(error);
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const changes = Object.fromEntries(
      Object.entries(values)
        .filter(([k, v]) => v !== text(entry[k]))
        .map(([k, v]) => [k, v === '' ? null : v]),
    );
    directoryApi
      .update(type, entry.id, { version: entry.version, ...changes })
      .then(onSaved, setError);
  };
  const conflict = error instanceof ApiError && error.status === 409;
  return (
    <form onSubmit={submit} className="edit-form" noValidate>
      {error !== null && (
        <Alert tone="error">
          {errorText(error)}{' '}
          {conflict && (
            <button type="button" className="button" onClick={onReload}>
              {t('directory.reload')}
            </button>
          )}
        </Alert>
      )}
      {EDITABLE[type].map((field) => (
        <Field
          key={field}
          name={field}
          label={t(`directory.editable.${field}` as 'directory.editable.goodToKnow')}
          value={values[field]}
          error={fieldErrors[field]}
          onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
        />
      ))}
      <button type="submit" className="button button-primary">
        {t('directory.save')}
      </button>
    </form>
  );
}
