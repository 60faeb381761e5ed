import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Field, SelectField, TextAreaField } from '../../components/Field';
import { formatDateTime } from '../../format';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../admin/shared';
import { useSubmit } from '../pathway/use-submit';
import { AlertItem } from './AlertItem';
import {
  alertsApi,
  DESTINATIONS,
  type AlertList,
  type Destination,
  type Stay,
  type Stays,
} from './alerts-api';

/** A datetime-local field's value for now (the browser's time zone). */
function localNow(): string {
  const now = new Date();
  const shifted = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}
/** A datetime-local value as an ISO instant (read in the browser's time zone). */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : '');

/**
 * The person page's section of hospital stays and alerts: the person's standing alerts (and the
 * latest closed), the open stay with its discharge form, the admission form, and past stays.
 * After an unplanned admission the case manager is invited to suspend the pathway (decision 024).
 */
export function StaysSection({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const staysFetcher = useCallback(() => alertsApi.stays(personId), [personId]);
  const alertsFetcher = useCallback(() => alertsApi.ofPerson(personId), [personId]);
  const [stays, reloadStays] = useLoaded(staysFetcher);
  const [alerts, reloadAlerts] = useLoaded(alertsFetcher);
  // A reader the guard refuses sees no section at all.
  if (stays.status !== 'ready') return null;
  const reload = () => {
    reloadStays();
    reloadAlerts();
  };
  return (
    <section className="card stays-section" aria-labelledby="stays-title">
      <h2 id="stays-title">{t('alerts.sectionTitle')}</h2>
      {alerts.status === 'ready' && <PersonAlerts list={alerts.data} onChanged={reloadAlerts} />}
      <StaysBody personId={personId} view={stays.data} onChanged={reload} />
    </section>
  );
}

function PersonAlerts({ list, onChanged }: { list: AlertList; onChanged: () => void }) {
  const { t } = useTranslation();
  const standing = list.items.filter((a) => a.state === 'open' || a.state === 'acknowledged');
  const closed = list.items.filter((a) => a.state === 'resolved' || a.state === 'cleared');
  return (
    <>
      <h3>{t('alerts.personAlerts', { count: standing.length })}</h3>
      {standing.length === 0 ? (
        <p className="muted">{t('alerts.personNone')}</p>
      ) : (
        <ul className="alert-list">
          {standing.map((alert) => (
            <AlertItem key={alert.id} alert={alert} showPerson={false} onChanged={onChanged} />
          ))}
        </ul>
      )}
      {closed.length > 0 && (
        <details className="disclosure">
          <summary>{t('alerts.personClosed', { count: closed.length })}</summary>
          <ul className="alert-list">
            {closed.map((alert) => (
              <AlertItem key={alert.id} alert={alert} showPerson={false} onChanged={onChanged} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function StaysBody({
  personId,
  view,
  onChanged,
}: {
  personId: string;
  view: Stays;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [admitting, setAdmitting] = useState(false);
  const open = view.items.find((stay) => stay.dischargedAt === null);
  const past = view.items.filter((stay) => stay.dischargedAt !== null);
  return (
    <>
      <h3>{t('alerts.staysTitle')}</h3>
      {open ? (
        <div className="open-stay">
          <StayLine stay={open} />
          {view.suggestSuspend && (
            <Alert tone="info">
              {t('alerts.suggestSuspend')} <a href="#pathway-title">{t('alerts.toPathway')}</a>
            </Alert>
          )}
          {view.canRecord && <DischargeForm personId={personId} stay={open} onDone={onChanged} />}
        </div>
      ) : (
        <p className="muted">{t('alerts.noOpenStay')}</p>
      )}
      {!open && view.canRecord && (
        <>
          <button
            type="button"
            className="button button-small"
            aria-expanded={admitting}
            onClick={() => setAdmitting(!admitting)}
          >
            {t('alerts.admit')}
          </button>
          {admitting && (
            <AdmitForm
              personId={personId}
              onDone={() => {
                setAdmitting(false);
                onChanged();
              }}
            />
          )}
        </>
      )}
      {past.length > 0 && (
        <details className="disclosure">
          <summary>{t('alerts.pastStays', { count: past.length })}</summary>
          <ul className="plain-list">
            {past.map((stay) => (
              <li key={stay.id}>
                <StayLine stay={stay} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function StayLine({ stay }: { stay: Stay }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <div className="stay-line">
      <p>
        <strong>{stay.facility.name}</strong>{' '}
        <span className={stay.planned ? 'tag' : 'tag tag-overdue'}>
          {stay.planned ? t('alerts.planned') : t('alerts.unplanned')}
        </span>
      </p>
      <p className="secondary">
        {t('alerts.admittedOn', { date: formatDateTime(stay.admittedAt, locale) })}
        {stay.admittedBy && ` · ${t('alerts.recordedBy', { name: stay.admittedBy })}`}
      </p>
      {stay.reason && <p>{t('alerts.reasonIs', { reason: stay.reason })}</p>}
      {stay.reasonHidden && <p className="muted">{t('alerts.reasonHidden')}</p>}
      {stay.dischargedAt && (
        <p className="secondary">
          {t('alerts.dischargedOn', {
            date: formatDateTime(stay.dischargedAt, locale),
            destination: t(`alerts.destinations.${stay.destination ?? 'other'}`),
          })}
          {stay.dischargePlanned === false && ` · ${t('alerts.dischargeUnplanned')}`}
        </p>
      )}
    </div>
  );
}

function PlannedChoice({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: boolean;
  onChange: (value: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="tap-group">
      <legend>{legend}</legend>
      <div className="tap-grid">
        {[false, true].map((planned) => (
          <label key={String(planned)} className="tap-target">
            <input
              type="radio"
              name={name}
              checked={value === planned}
              onChange={() => onChange(planned)}
            />
            <span>{planned ? t('alerts.planned') : t('alerts.unplanned')}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function AdmitForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [facilityName, setFacilityName] = useState('');
  const [admittedAt, setAdmittedAt] = useState(localNow);
  const [planned, setPlanned] = useState(false);
  const [reason, setReason] = useState('');
  const { error, busy, onSubmit } = useSubmit(async () => {
    await alertsApi.admit(personId, {
      ...(facilityName.trim() ? { facilityName } : {}),
      admittedAt: isoOf(admittedAt),
      planned,
      ...(reason.trim() ? { reason } : {}),
    });
    onDone();
  });
  const errors = fieldErrorsOf(error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h4>{t('alerts.admitTitle')}</h4>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <Field
        label={t('alerts.facility')}
        hint={t('alerts.facilityHint')}
        name="facilityName"
        required
        maxLength={200}
        value={facilityName}
        onChange={(event) => setFacilityName(event.target.value)}
        error={errors.facilityName ?? errors.facilityOrganisationId}
      />
      <Field
        label={t('alerts.admittedAt')}
        name="admittedAt"
        type="datetime-local"
        required
        value={admittedAt}
        onChange={(event) => setAdmittedAt(event.target.value)}
        error={errors.admittedAt}
      />
      <PlannedChoice
        name="admissionPlanned"
        legend={t('alerts.admissionKind')}
        value={planned}
        onChange={setPlanned}
      />
      <TextAreaField
        label={t('alerts.reason')}
        hint={t('alerts.reasonHint')}
        name="reason"
        maxLength={1000}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={errors.reason}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('alerts.admitSubmit')}
      </button>
    </form>
  );
}

function DischargeForm({
  personId,
  stay,
  onDone,
}: {
  personId: string;
  stay: Stay;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [dischargedAt, setDischargedAt] = useState(localNow);
  const [destination, setDestination] = useState<Destination>('home');
  const [planned, setPlanned] = useState(true);
  const { error, busy, onSubmit } = useSubmit(async () => {
    await alertsApi.discharge(personId, stay.id, {
      dischargedAt: isoOf(dischargedAt),
      destination,
      planned,
    });
    setOpen(false);
    onDone();
  });
  const errors = fieldErrorsOf(error);
  if (!open) {
    return (
      <button type="button" className="button button-small" onClick={() => setOpen(true)}>
        {t('alerts.discharge')}
      </button>
    );
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <h4>{t('alerts.dischargeTitle')}</h4>
      <p className="secondary">{t('alerts.dischargeHint')}</p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <Field
        label={t('alerts.dischargedAt')}
        name="dischargedAt"
        type="datetime-local"
        required
        value={dischargedAt}
        onChange={(event) => setDischargedAt(event.target.value)}
        error={errors.dischargedAt}
      />
      <SelectField
        label={t('alerts.destination')}
        name="destination"
        value={destination}
        onChange={(value) => setDestination(value as Destination)}
        options={DESTINATIONS.map((value) => ({
          value,
          label: t(`alerts.destinations.${value}`),
        }))}
        error={errors.destination}
      />
      <PlannedChoice
        name="dischargePlanned"
        legend={t('alerts.dischargeKind')}
        value={planned}
        onChange={setPlanned}
      />
      <button type="submit" className="button button-primary" disabled={busy}>
        {busy ? t('common.saving') : t('alerts.dischargeSubmit')}
      </button>
    </form>
  );
}
