/**
 * Whether a member accepts new people (decision 033): the status worded for whom they take on,
 * when and by whom it was last confirmed, and — for the member, network staff and an editor of
 * their organisation — the form to say it again, which confirms it today.
 */
import { useState } from 'react';
import type { SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import type { Accepting, MemberAccepting } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { formatDay } from '../../format';
import { useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useSession } from '../../session';
import { AcceptingBadge } from './shared';

const STATUSES: Accepting[] = ['yes', 'conditions', 'no'];
const isStatus = (value: string): value is Accepting => STATUSES.some((status) => status === value);

export function MemberAcceptingSection({
  memberId,
  initial,
}: {
  memberId: string;
  initial: MemberAccepting;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { session } = useSession();
  // Kept here after a save (no reload of the whole page, which would take the message away).
  const [accepting, setAccepting] = useState(initial);
  const [status, setStatus] = useState<string>(accepting.status ?? '');
  const [conditions, setConditions] = useState(accepting.conditions ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [saved, setSaved] = useState(false);

  const date = accepting.confirmedAt ? formatDay(accepting.confirmedAt, currentLocale()) : null;
  let line = t('dirReach.accepting.unknown');
  if (date && accepting.stale) line = t('dirReach.accepting.staleLine', { date });
  else if (date && accepting.confirmedBy)
    line = t('dirReach.accepting.confirmedBy', { date, name: accepting.confirmedBy.displayName });
  else if (date) line = t('dirReach.accepting.confirmed', { date });

  async function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    setError(null);
    if (!isStatus(status)) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    try {
      const kept = status === 'conditions' && conditions.trim() ? conditions.trim() : null;
      const answer = await api.setMemberAccepting(memberId, {
        accepting: status,
        conditions: kept,
      });
      setAccepting({
        ...accepting,
        status,
        conditions: kept,
        confirmedAt: answer.acceptingConfirmedAt,
        confirmedBy: session
          ? { id: session.user.id, displayName: session.user.displayName }
          : null,
        stale: false,
      });
      setConditions(kept ?? '');
      setSaved(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const unchanged =
    status === (accepting.status ?? '') && conditions === (accepting.conditions ?? '');
  return (
    <section className="card accepting" aria-labelledby="accepting-title">
      <h2 id="accepting-title">{t('dirReach.accepting.title')}</h2>
      {accepting.status && (
        <p className="badges">
          <AcceptingBadge
            accepting={accepting.status}
            audience={accepting.audience}
            stale={accepting.stale}
          />
        </p>
      )}
      {accepting.status === 'conditions' && accepting.conditions && (
        <p className="pre-line">{accepting.conditions}</p>
      )}
      <p className={accepting.stale ? 'accepting-line is-stale' : 'accepting-line muted'}>{line}</p>
      {accepting.canEdit && (
        <form className="accepting-form" onSubmit={(event) => void save(event)} noValidate>
          <SelectField
            label={t('dirReach.accepting.status')}
            name="accepting"
            value={status}
            onChange={setStatus}
            error={missing ? t('dirReach.accepting.choose') : undefined}
            options={[
              { value: '', label: t('dirReach.accepting.statusNone') },
              ...STATUSES.map((value) => ({
                value,
                label: t(`dirReach.accepting.${accepting.audience}.${value}`),
              })),
            ]}
          />
          {status === 'conditions' && (
            <TextAreaField
              label={t('dirReach.accepting.conditions')}
              hint={t('dirReach.accepting.conditionsHint')}
              name="acceptingConditions"
              value={conditions}
              maxLength={500}
              rows={2}
              onChange={(event) => setConditions(event.target.value)}
            />
          )}
          <button type="submit" className="button button-small" disabled={busy}>
            {busy
              ? t('dirReach.accepting.saving')
              : unchanged && accepting.status
                ? t('dirReach.accepting.confirm')
                : t('dirReach.accepting.save')}
          </button>
        </form>
      )}
      <div className="live-region" aria-live="polite">
        {saved && <p className="freshness-done">{t('dirReach.accepting.saved')}</p>}
      </div>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
    </section>
  );
}
