import { DateTime } from 'luxon';
import { useCallback, useEffect, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/guards';
import { Field, SelectField } from '../../components/Field';
import { fieldErrorsOf, useErrorText, usePageTitle } from '../../hooks';
import { useSession } from '../../session';
import { useLoaded } from '../directory/shared';
import {
  ABSENCE_KINDS,
  availabilityApi,
  type Availability,
  type WorkingRange,
} from './availability-api';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * "Mes disponibilités" (decision 030): my usual week (several ranges a day, local time of the
 * network) and my absences. Staff and an organisation's editors open a colleague's with
 * ?memberId=…; the server decides who may change what.
 */
export function AvailabilityPage() {
  const { t } = useTranslation();
  usePageTitle(t('availability.title'));
  const { session } = useSession();
  const [params] = useSearchParams();
  const memberId = params.get('memberId') ?? session?.user.memberId ?? null;
  const errorText = useErrorText();
  const fetcher = useCallback(
    () => (memberId ? availabilityApi.get(memberId) : Promise.reject(new Error('no member'))),
    [memberId],
  );
  const [loaded, reload] = useLoaded(fetcher);
  if (!memberId) return <Alert tone="info">{t('availability.noProfile')}</Alert>;
  return (
    <>
      <h1>{t('availability.title')}</h1>
      <p>
        <Link to="/agenda/creneaux">{t('availability.findSlotLink')}</Link>
      </p>
      {loaded.status === 'loading' && <Loading />}
      {loaded.status === 'error' && <Alert tone="error">{errorText(loaded.error)}</Alert>}
      {loaded.status === 'ready' && (
        <div className="stack">
          <WeekSection memberId={memberId} availability={loaded.data} />
          <AbsencesSection memberId={memberId} availability={loaded.data} onChanged={reload} />
        </div>
      )}
    </>
  );
}

/** The usual week; saving keeps the section (a reload would unmount it with its message). */
function WeekSection({ memberId, availability }: { memberId: string; availability: Availability }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [ranges, setRanges] = useState<WorkingRange[]>(availability.week);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [usesDefault, setUsesDefault] = useState(availability.usesDefaultWeek);
  useEffect(() => setRanges(availability.week), [availability.week]);
  const fields = fieldErrorsOf(error);

  const update = (index: number, change: Partial<WorkingRange>) =>
    setRanges((list) => list.map((r, i) => (i === index ? { ...r, ...change } : r)));

  async function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      const answer = await availabilityApi.setWeek(memberId, ranges);
      setRanges(answer.week);
      setUsesDefault(answer.usesDefaultWeek);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <section aria-labelledby="week-title">
      <h2 id="week-title">{t('availability.weekTitle')}</h2>
      <p className="hint">{t('availability.weekHint', { zone: availability.timeZone })}</p>
      {usesDefault && <p>{t('availability.defaultWeek')}</p>}
      {saved && <Alert tone="success">{t('availability.weekSaved')}</Alert>}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <form onSubmit={(event) => void save(event)}>
        {WEEKDAYS.map((weekday) => (
          <fieldset key={weekday} className="fieldset-inline">
            <legend>{t(`availability.weekday.${weekday}`)}</legend>
            {ranges.map((range, index) =>
              range.weekday !== weekday ? null : (
                <div key={index} className="inline-fields">
                  <Field
                    label={t('availability.from')}
                    name={`start-${index}`}
                    type="time"
                    value={range.start}
                    error={fields[`ranges.${index}.start`]}
                    onChange={(event) => update(index, { start: event.target.value })}
                    required
                  />
                  <Field
                    label={t('availability.to')}
                    name={`end-${index}`}
                    type="time"
                    value={range.end === '24:00' ? '23:59' : range.end}
                    error={fields[`ranges.${index}.end`]}
                    onChange={(event) => update(index, { end: event.target.value })}
                    required
                  />
                  {availability.canEdit && (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setRanges((list) => list.filter((_, i) => i !== index))}
                    >
                      {t('availability.removeRange')}
                    </button>
                  )}
                </div>
              ),
            )}
            {availability.canEdit && (
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  setRanges((list) => [...list, { weekday, start: '08:00', end: '12:00' }])
                }
              >
                {t('availability.addRange', { day: t(`availability.weekday.${weekday}`) })}
              </button>
            )}
          </fieldset>
        ))}
        {availability.canEdit && (
          <button type="submit" className="button button-primary">
            {t('availability.saveWeek')}
          </button>
        )}
      </form>
    </section>
  );
}

function AbsencesSection({
  memberId,
  availability,
  onChanged,
}: {
  memberId: string;
  availability: Availability;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const zone = availability.timeZone;
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [kind, setKind] = useState<(typeof ABSENCE_KINDS)[number]>('leave');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);
  const shown = (iso: string) =>
    DateTime.fromISO(iso, { zone }).setLocale(i18n.language).toLocaleString(DateTime.DATETIME_MED);

  async function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    try {
      // Whole days in the network's time zone: from the first day's start to the day after the last.
      await availabilityApi.addAbsence(memberId, {
        startsAt: DateTime.fromISO(from, { zone }).toISO()!,
        endsAt: DateTime.fromISO(until, { zone }).plus({ days: 1 }).toISO()!,
        kind,
        ...(label.trim() ? { label: label.trim() } : {}),
      });
      setFrom('');
      setUntil('');
      setLabel('');
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  }

  async function remove(absenceId: string) {
    setError(null);
    try {
      await availabilityApi.removeAbsence(memberId, absenceId);
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <section aria-labelledby="absences-title">
      <h2 id="absences-title">{t('availability.absencesTitle')}</h2>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {availability.absences.length === 0 ? (
        <p>{t('availability.noAbsence')}</p>
      ) : (
        <ul className="plain-list">
          {availability.absences.map((absence) => (
            <li key={absence.id}>
              {shown(absence.startsAt)} → {shown(absence.endsAt)} :{' '}
              {absence.label ?? t('availability.absent')} ({t(`availability.kind.${absence.kind}`)}){' '}
              {availability.canEdit && (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => void remove(absence.id)}
                >
                  {t('availability.removeAbsence')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {availability.canEdit && (
        <form onSubmit={(event) => void add(event)}>
          <h3>{t('availability.addAbsence')}</h3>
          <Field
            label={t('availability.firstDay')}
            name="absence-from"
            type="date"
            value={from}
            error={fields.startsAt}
            onChange={(event) => setFrom(event.target.value)}
            required
          />
          <Field
            label={t('availability.lastDay')}
            name="absence-until"
            type="date"
            value={until}
            error={fields.endsAt}
            onChange={(event) => setUntil(event.target.value)}
            required
          />
          <SelectField
            label={t('availability.kindLabel')}
            name="absence-kind"
            value={kind}
            onChange={(value) => setKind(value as typeof kind)}
            options={ABSENCE_KINDS.map((code) => ({
              value: code,
              label: t(`availability.kind.${code}`),
            }))}
          />
          <Field
            label={t('availability.labelLabel')}
            hint={t('availability.labelHint')}
            name="absence-label"
            value={label}
            maxLength={80}
            onChange={(event) => setLabel(event.target.value)}
          />
          <button type="submit" className="button button-primary">
            {t('availability.addAbsence')}
          </button>
        </form>
      )}
    </section>
  );
}
