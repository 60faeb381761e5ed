import { useCallback, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { PersonDetail } from '../../api';
import { Alert } from '../../components/Alert';
import { Field, SelectField } from '../../components/Field';
import { MemberPicker, type TPicked } from '../../components/MemberPicker';
import { formatDate } from '../../format';
import { fieldErrorsOf, useErrorText } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useLoaded } from '../directory/shared';
import { PlannedEndControl } from './PlannedEndControl';
import { CARE_TEAM_ROLES, teamApi, type CareTeamMembership, type CareTeamRole } from './team-api';

const day = (iso: string) => iso.slice(0, 10);

/** The contacts shown with the care team (caregivers, trusted person); the page lists the others. */
export const isCaregiver = (contact: PersonDetail['contacts'][number]) =>
  contact.kind !== 'legal_representative';

/**
 * The care team (decision 018): the case manager, each member with their role for this person and
 * since when, the caregivers and trusted person from the identity, and the former members. Those
 * who manage the team (case manager, network staff: the API decides) add a professional found in
 * the directory, with a role and a start, and end a membership — access ends at once.
 */
export function CareTeamSection({
  person,
  canManage,
  onChanged,
}: {
  person: PersonDetail;
  canManage: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const errorText = useErrorText();
  const fetcher = useCallback(() => teamApi.careTeam(person.id), [person.id]);
  const [state, reload] = useLoaded(fetcher);
  const [ending, setEnding] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const caregivers = person.contacts.filter(isCaregiver);
  const members = state.status === 'ready' ? state.data.items : [];
  const current = members.filter((m) => m.active);
  const former = members.filter((m) => !m.active);

  async function end(member: CareTeamMembership) {
    setError(null);
    try {
      await teamApi.endMember(person.id, member.memberId);
      setEnding(null);
      reload();
      onChanged();
    } catch (caught) {
      setError(caught);
    }
  }

  const line = (m: CareTeamMembership) => (
    <>
      <Link to={`/directory/members/${m.memberId}`}>
        {m.firstName} {m.lastName}
      </Link>{' '}
      <span className="secondary">
        {t(`careTeam.role.${m.role}`)}
        {m.roleTitle &&
          m.roleTitle.toLowerCase() !== t(`careTeam.role.${m.role}`).toLowerCase() &&
          ` · ${m.roleTitle}`}{' '}
        ·{' '}
        {m.until
          ? t('careTeam.fromTo', {
              since: formatDate(day(m.since), locale),
              until: formatDate(day(m.until), locale),
            })
          : t('careTeam.since', { since: formatDate(day(m.since), locale) })}
      </span>
    </>
  );

  return (
    <section className="card" aria-labelledby="care-team-title">
      <h2 id="care-team-title">{t('person.page.team')}</h2>
      <p>
        {t('person.page.caseManager')}{' '}
        {person.caseManager
          ? `${person.caseManager.firstName} ${person.caseManager.lastName}`
          : t('person.page.noCaseManager')}
      </p>
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {state.status === 'error' && <Alert tone="error">{errorText(state.error)}</Alert>}
      {state.status === 'ready' && current.length === 0 && (
        <p className="muted">{t('person.page.noTeam')}</p>
      )}
      {current.length > 0 && (
        <ul className="plain-list" aria-label={t('careTeam.current')}>
          {current.map((m) => (
            <li key={m.membershipId}>
              {line(m)}{' '}
              {canManage &&
                (ending === m.membershipId ? (
                  <span role="group" aria-label={t('careTeam.confirmEnd')}>
                    <span>{t('careTeam.endWarning')}</span>{' '}
                    <button
                      type="button"
                      className="button button-small button-danger"
                      onClick={() => void end(m)}
                    >
                      {t('careTeam.confirmEnd')}
                    </button>{' '}
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setEnding(null)}
                    >
                      {t('person.cancel')}
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setEnding(m.membershipId)}
                  >
                    {t('careTeam.end', { name: `${m.firstName} ${m.lastName}` })}
                  </button>
                ))}{' '}
              {canManage && ending !== m.membershipId && (
                <PlannedEndControl personId={person.id} member={m} onDone={reload} />
              )}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('careTeam.caregivers')}</h3>
      {caregivers.length === 0 ? (
        <p className="muted">{t('careTeam.noCaregivers')}</p>
      ) : (
        <ul className="plain-list">
          {caregivers.map((c) => (
            <li key={c.id}>
              <strong>{t(`person.contactKind.${c.kind}`)}</strong> —{' '}
              {[c.name, c.relation, c.phone, c.email].filter(Boolean).join(' · ')}
            </li>
          ))}
        </ul>
      )}
      {former.length > 0 && (
        <details>
          <summary>{t('careTeam.former', { count: former.length })}</summary>
          <ul className="plain-list">
            {former.map((m) => (
              <li key={m.membershipId}>{line(m)}</li>
            ))}
          </ul>
        </details>
      )}
      {canManage && (
        <AddMemberForm
          personId={person.id}
          onAdded={() => {
            reload();
            onChanged();
          }}
        />
      )}
    </section>
  );
}

/** Find a professional in the directory, give their role and start, add them. */
function AddMemberForm({ personId, onAdded }: { personId: string; onAdded: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [picked, setPicked] = useState<TPicked[]>([]);
  const chosen = picked[0] ?? null;
  const [role, setRole] = useState<CareTeamRole>('home_nurse');
  const [since, setSince] = useState(() => new Date().toISOString().slice(0, 10));
  const [roleTitle, setRoleTitle] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const fields = fieldErrorsOf(error);

  async function add(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return;
    setError(null);
    try {
      await teamApi.addMember(personId, {
        memberId: chosen.id,
        role,
        since,
        ...(roleTitle.trim() ? { roleTitle: roleTitle.trim() } : {}),
      });
      setDone(t('careTeam.added', { name: chosen.name }));
      setPicked([]);
      setRoleTitle('');
      onAdded();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <div className="subsection">
      <h3>{t('careTeam.addTitle')}</h3>
      {done && <Alert tone="success">{done}</Alert>}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      <MemberPicker
        legend={t('careTeam.addTitle')}
        legendHidden
        searchLabel={t('careTeam.searchLabel')}
        multiple={false}
        chosen={picked}
        onChange={(next) => {
          setDone(null);
          setPicked(next);
        }}
        pageSize={8}
      />
      {chosen && (
        <form onSubmit={(event) => void add(event)}>
          <SelectField
            label={t('careTeam.roleLabel')}
            name="role"
            value={role}
            onChange={(value) => setRole(value as CareTeamRole)}
            options={CARE_TEAM_ROLES.map((code) => ({
              value: code,
              label: t(`careTeam.role.${code}`),
            }))}
          />
          <Field
            label={t('careTeam.roleTitleLabel')}
            name="roleTitle"
            value={roleTitle}
            maxLength={120}
            onChange={(event) => setRoleTitle(event.target.value)}
          />
          <Field
            label={t('careTeam.sinceLabel')}
            hint={t('careTeam.sinceHint')}
            name="since"
            type="date"
            value={since}
            error={fields.since}
            onChange={(event) => setSince(event.target.value)}
            required
          />
          <p className="hint">{t('careTeam.toldHint')}</p>
          <button type="submit" className="button button-primary">
            {t('careTeam.add')}
          </button>
        </form>
      )}
    </div>
  );
}
