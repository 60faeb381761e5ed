import { DateTime } from 'luxon';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { Field, SelectField } from '../../components/Field';
import { MemberPicker, type TPicked } from '../../components/MemberPicker';
import { fieldErrorsOf, useErrorText, usePageTitle } from '../../hooks';
import { useSession } from '../../session';
import { availabilityApi, newAppointmentLink, type FreeSlots } from './availability-api';

const DURATIONS = [30, 45, 60, 90, 120];
const ZONE = 'Europe/Paris';

/**
 * "Trouver un créneau" (decision 030): choose participants from the directory, a duration and a
 * period; the times when all are free; a slot opens the agenda form prefilled.
 */
export function FreeSlotsPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('availability.slotsTitle'));
  const { session } = useSession();
  const errorText = useErrorText();
  const own = session?.user.memberId;
  const [chosen, setChosen] = useState<TPicked[]>(
    own ? [{ id: own, name: t('availability.me') }] : [],
  );
  const [duration, setDuration] = useState('60');
  const [from, setFrom] = useState(() => DateTime.now().plus({ days: 1 }).toISODate());
  const [until, setUntil] = useState(() => DateTime.now().plus({ days: 14 }).toISODate());
  const [answer, setAnswer] = useState<FreeSlots | null>(null);
  const [error, setError] = useState<unknown>(null);
  const fields = fieldErrorsOf(error);

  async function find(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setAnswer(null);
    try {
      const zone = answer?.timeZone ?? ZONE;
      setAnswer(
        await availabilityApi.freeSlots({
          memberIds: chosen.map((c) => c.id),
          durationMinutes: Number(duration),
          from: DateTime.fromISO(from, { zone }).toISO()!,
          to: DateTime.fromISO(until, { zone }).plus({ days: 1 }).toISO()!,
        }),
      );
    } catch (caught) {
      setError(caught);
    }
  }

  const shown = (iso: string, zone: string) =>
    DateTime.fromISO(iso, { zone }).setLocale(i18n.language).toLocaleString({
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
    });
  const defaults = answer?.participants.filter((p) => p.usesDefaultWeek) ?? [];

  return (
    <>
      <h1>{t('availability.slotsTitle')}</h1>
      <p>
        <Link to="/agenda/disponibilites">{t('availability.title')}</Link>
      </p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <section aria-labelledby="participants-title">
        <h2 id="participants-title">{t('availability.participants')}</h2>
        <MemberPicker
          legend={t('availability.participants')}
          legendHidden
          chosen={chosen}
          onChange={setChosen}
          chosenLabel={t('availability.chosen')}
          pickWith="button"
          max={10}
          pageSize={8}
        />
      </section>
      <form onSubmit={(event) => void find(event)}>
        <SelectField
          label={t('availability.duration')}
          name="duration"
          value={duration}
          onChange={setDuration}
          options={DURATIONS.map((d) => ({
            value: String(d),
            label: t('availability.minutes', { n: d }),
          }))}
        />
        <Field
          label={t('availability.firstDay')}
          name="from"
          type="date"
          value={from}
          error={fields.from}
          onChange={(event) => setFrom(event.target.value)}
          required
        />
        <Field
          label={t('availability.lastDay')}
          name="until"
          type="date"
          value={until}
          error={fields.to}
          onChange={(event) => setUntil(event.target.value)}
          required
        />
        <button type="submit" className="button button-primary" disabled={chosen.length === 0}>
          {t('availability.find')}
        </button>
      </form>
      {answer && (
        <section aria-labelledby="slots-title">
          <h2 id="slots-title">{t('availability.proposed')}</h2>
          {defaults.length > 0 && <p className="hint">{t('availability.someDefault')}</p>}
          {answer.slots.length === 0 ? (
            <p>{t('availability.noSlot')}</p>
          ) : (
            <ul className="plain-list">
              {answer.slots.map((slot) => (
                <li key={slot.startsAt}>
                  <Link
                    to={newAppointmentLink(
                      slot,
                      chosen.map((c) => c.id),
                    )}
                  >
                    {shown(slot.startsAt, answer.timeZone)}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          {answer.truncated && <p className="hint">{t('availability.truncated')}</p>}
        </section>
      )}
    </>
  );
}
