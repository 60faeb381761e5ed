import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api';
import type { DuplicateCandidate, PersonDetail } from '../../api';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/guards';
import { ageInYears, formatDate } from '../../format';
import { useErrorText, usePageTitle } from '../../hooks';
import { currentLocale } from '../../i18n';
import { useSession } from '../../session';
import { LevelSummary } from '../assessments/LevelSummary';
import { PathwayPanel } from '../pathway/PathwayPanel';
import { StaysSection } from '../alerts/StaysSection';
import { PlanLink } from '../plans/PlanLink';
import { ReferralsSection } from '../referrals/ReferralsSection';
import { EmergencySheetLink } from '../plans/EmergencySheetLink';
import { useLabels, useLoaded, useVocabulary } from '../directory/shared';
import { MessageTeamButton } from '../messages/MessagesPage';
import { AccessLogSection } from './AccessLogSection';
import { CareTeamSection, isCaregiver } from './CareTeamSection';
import { ObjectionsSection } from './ObjectionsSection';
import { PalliativeCareSection } from './PalliativeCareSection';
import { TimelineSection } from './TimelineSection';
import { LogbookSection } from '../logbook/LogbookSection';
import { AppointmentsSection } from '../agenda/AppointmentsSection';

/** The merged record a 404 points to, for network staff (decision 011). */
function mergedInto(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.status !== 404) return null;
  const target = (error.details as { mergedInto?: unknown } | undefined)?.mergedInto;
  return typeof target === 'string' ? target : null;
}

/**
 * A person's page: the identity header (name, age, commune, INS status, GP, trusted person), then
 * the contacts, care team and objections, as the API gives them to this user.
 */
export function PersonPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const errorText = useErrorText();
  const fetcher = useCallback(() => api.getPerson(personId), [personId]);
  const [state, retry] = useLoaded(fetcher);
  const shown = useRef<PersonDetail | null>(null);
  usePageTitle(
    state.status === 'ready'
      ? `${state.data.firstName} ${state.data.lastName}`
      : t('person.page.title'),
  );

  // Reloading after a change in a section keeps the page shown (and the section's message).
  if (state.status === 'ready') shown.current = state.data;
  if (state.status === 'loading') {
    const last = shown.current;
    return last?.id === personId ? <PersonView person={last} onMerged={retry} /> : <Loading />;
  }
  if (state.status === 'error') {
    const target = mergedInto(state.error);
    return (
      <Alert tone="error" title={t('person.page.unavailable')}>
        <p>{errorText(state.error)}</p>
        {target && (
          <p>
            {t('person.page.merged')}{' '}
            <Link to={`/persons/${target}`}>{t('person.page.openKept')}</Link>
          </p>
        )}
        {!(state.error instanceof ApiError && state.error.status === 404) && (
          <button type="button" className="button" onClick={retry}>
            {t('common.retry')}
          </button>
        )}
      </Alert>
    );
  }
  return <PersonView person={state.data} onMerged={retry} />;
}

function PersonView({ person, onMerged }: { person: PersonDetail; onMerged: () => void }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const locale = currentLocale();
  const vocabulary = useVocabulary();
  const label = useLabels(vocabulary.status === 'ready' ? vocabulary.data : null);
  const role = session?.user.role;
  const canEdit = person.relation === 'case_manager' || role === 'admin';
  const canConsent = canEdit || person.relation === 'self';
  const age = person.birthDate ? ageInYears(person.birthDate) : null;
  const trusted = person.contacts.find((c) => c.kind === 'trusted_person');
  // Caregivers and the trusted person are listed with the care team, where a nurse looks for them.
  const otherContacts = person.contacts.filter((c) => !isCaregiver(c));
  const none = <span className="muted">{t('common.notProvided')}</span>;

  return (
    <>
      <div className="profile-header page-intro">
        <p>
          <Link to="/">{t('person.backHome')}</Link>
        </p>
        <h1>
          <span className="last-name">{person.lastName}</span> {person.firstName}
        </h1>
        <p className="lead">
          {person.birthName && person.birthName !== person.lastName && (
            <>{t('person.bornName', { name: person.birthName })} · </>
          )}
          {person.birthDate ? (
            <>
              {formatDate(person.birthDate, locale)}
              {age !== null && <> ({t('home.age', { count: age })})</>}
            </>
          ) : (
            t('person.page.noBirthDate')
          )}
          {person.commune && <> · {person.commune}</>}
        </p>
        <p>
          <span className={`tag tag-identity-${person.identityStatus}`}>
            {t('person.page.statusTag', { status: t(`person.status.${person.identityStatus}`) })}
          </span>{' '}
          <span className={`tag tag-${person.relation}`}>{t(`relations.${person.relation}`)}</span>
        </p>
        {person.can.readLevel && <LevelSummary personId={person.id} />}
        {person.can.readPlan && <PlanLink person={person} />}
        {person.can.readPlan && <EmergencySheetLink person={person} />}
        <MessageTeamButton personId={person.id} relation={person.relation} />
        {canEdit && (
          <ul className="page-actions" aria-label={t('person.page.actions')}>
            <li>
              <Link className="button" to={`/persons/${person.id}/edit`}>
                {t('person.page.edit')}
              </Link>
            </li>
          </ul>
        )}
      </div>

      <div className="profile-grid">
        <section className="card" aria-labelledby="identity-title">
          <h2 id="identity-title">{t('person.page.identity')}</h2>
          <dl className="facts">
            <div>
              <dt>{t('person.field.firstNames')}</dt>
              <dd>{person.firstNames ?? none}</dd>
            </div>
            <div>
              <dt>{t('person.field.sex')}</dt>
              <dd>{person.sex ? t(`person.sex.${person.sex}`) : none}</dd>
            </div>
            <div>
              <dt>{t('person.page.birthPlace')}</dt>
              <dd>
                {[person.birthPlaceName, person.birthPlaceInsee, person.birthCountry]
                  .filter(Boolean)
                  .join(' · ') || none}
              </dd>
            </div>
            <div>
              <dt>{t('person.page.ins')}</dt>
              <dd>
                {person.insMatricule ? (
                  <>
                    <span className="nowrap">{person.insMatricule}</span>{' '}
                    <span className="secondary">
                      {person.insOid === '1.2.250.1.213.1.4.9'
                        ? t('person.oid.nia')
                        : t('person.oid.nir')}
                    </span>
                  </>
                ) : (
                  none
                )}
              </dd>
            </div>
            <div>
              <dt>{t('person.page.address')}</dt>
              <dd>
                {[person.address, [person.postalCode, person.commune].filter(Boolean).join(' ')]
                  .filter(Boolean)
                  .join(', ') || none}
              </dd>
            </div>
            <div>
              <dt>{t('person.field.phone')}</dt>
              <dd>{person.phone ?? none}</dd>
            </div>
            <div>
              <dt>{t('person.field.email')}</dt>
              <dd>{person.email ?? none}</dd>
            </div>
            <div>
              <dt>{t('person.field.preferredLanguage')}</dt>
              <dd>
                {person.preferredLanguage ? label('languages', person.preferredLanguage) : none}
              </dd>
            </div>
            <div>
              <dt>{t('person.page.gp')}</dt>
              <dd>
                {person.gp ? (
                  <Link to={`/directory/members/${person.gp.memberId}`}>
                    {person.gp.firstName} {person.gp.lastName}
                  </Link>
                ) : (
                  none
                )}
              </dd>
            </div>
            <div>
              <dt>{t('person.contactKind.trusted_person')}</dt>
              <dd>{trusted ? contactLine(trusted) : none}</dd>
            </div>
          </dl>
        </section>

        <section className="card" aria-labelledby="contacts-title">
          <h2 id="contacts-title">{t('person.page.otherContacts')}</h2>
          {otherContacts.length === 0 ? (
            <p className="muted">{t('person.page.noOtherContacts')}</p>
          ) : (
            <ul className="plain-list">
              {otherContacts.map((c) => (
                <li key={c.id}>
                  <strong>{t(`person.contactKind.${c.kind}`)}</strong> — {contactLine(c)}
                </li>
              ))}
            </ul>
          )}
        </section>

        <PathwayPanel personId={person.id} />
        <StaysSection personId={person.id} />
        <CareTeamSection person={person} canManage={canEdit} onChanged={onMerged} />
        {person.can.readMedical && <PalliativeCareSection person={person} />}
        <ObjectionsSection person={person} canConsent={canConsent} onChanged={onMerged} />
        <ReferralsSection personId={person.id} relation={person.relation} />
        {role !== 'patient' && <AppointmentsSection personId={person.id} />}
      </div>
      <LogbookSection personId={person.id} />
      <TimelineSection personId={person.id} />
      {(person.relation === 'self' || role === 'admin') && (
        <AccessLogSection personId={person.id} />
      )}
      {role === 'admin' && <MergeSection person={person} onMerged={onMerged} />}
    </>
  );
}

function contactLine(c: PersonDetail['contacts'][number]): string {
  return [c.name, c.relation, c.phone, c.email].filter(Boolean).join(' · ');
}

/**
 * Network staff: the other records that may be this person (the duplicate check on this identity)
 * and, for each, merging it into this one — after a confirmation, as nothing undoes it from here.
 */
function MergeSection({ person, onMerged }: { person: PersonDetail; onMerged: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [candidates, setCandidates] = useState<DuplicateCandidate[] | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  async function look() {
    setError(null);
    setDone(null);
    try {
      const answer = await api.checkDuplicates({
        birthName: person.birthName ?? person.lastName,
        lastName: person.lastName,
        firstName: person.firstName,
        firstNames: person.firstNames,
        birthDate: person.birthDate ?? '',
      });
      setCandidates(answer.candidates.filter((c) => c.id !== person.id));
    } catch (caught) {
      setError(caught);
    }
  }

  async function merge(candidate: DuplicateCandidate) {
    setError(null);
    try {
      await api.mergePersons(person.id, candidate.id);
      setDone(t('person.merge.done', { name: `${candidate.firstName} ${candidate.lastName}` }));
      setCandidates(null);
      setConfirming(null);
      onMerged();
    } catch (caught) {
      setError(caught);
    }
  }

  return (
    <section className="card" aria-labelledby="merge-title">
      <h2 id="merge-title">{t('person.merge.title')}</h2>
      <p>{t('person.merge.intro')}</p>
      {done && <Alert tone="success">{done}</Alert>}
      {error !== null && <Alert tone="error">{errorText(error)}</Alert>}
      {person.birthDate && (
        <button type="button" className="button" onClick={() => void look()}>
          {t('person.merge.look')}
        </button>
      )}
      {candidates && candidates.length === 0 && <p>{t('person.merge.none')}</p>}
      {candidates && candidates.length > 0 && (
        <ul className="plain-list">
          {candidates.map((c) => (
            <li key={c.id}>
              <Link to={`/persons/${c.id}`}>
                {c.lastName} {c.firstName}
              </Link>{' '}
              <span className="secondary">{t(`person.duplicates.match.${c.match}`)}</span>{' '}
              {confirming === c.id ? (
                <>
                  <button
                    type="button"
                    className="button button-small button-danger"
                    onClick={() => void merge(c)}
                  >
                    {t('person.merge.confirm')}
                  </button>{' '}
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setConfirming(null)}
                  >
                    {t('person.cancel')}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => setConfirming(c.id)}
                >
                  {t('person.merge.action')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
