import { useCallback } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../../api';
import type {
  DirectoryKind,
  MemberProfile,
  OrganisationProfile,
  ServiceProfile,
  Vocabulary,
} from '../../api';
import { Alert } from '../../components/Alert';
import { usePageTitle } from '../../hooks';
import { useSession } from '../../session';
import { NotFoundPage } from '../NotFoundPage';
import { openStreetMapUrl } from './geo';
import { MemberAcceptingSection } from './MemberAccepting';
import {
  AcceptingBadge,
  allChannels,
  ContactBlock,
  Facts,
  FreshnessLine,
  kindOf,
  Show,
  useLabels,
  useLoaded,
  useVocabulary,
} from './shared';
import type { VocabularyList } from './shared';

type Labels = (list: VocabularyList, code: string | null | undefined) => string;

/** /directory/:kind/:id — the profile of a member, an organisation or a service. */
export function DirectoryProfilePage() {
  const { kind: kindParam, id = '' } = useParams();
  const kind = kindOf(kindParam);
  if (!kind) return <NotFoundPage />;
  return <Profile key={`${kind}-${id}`} kind={kind} id={id} />;
}

function Profile({ kind, id }: { kind: DirectoryKind; id: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const saved = (location.state as { saved?: unknown } | null)?.saved === true;
  const vocabulary = useVocabulary();
  const vocab = vocabulary.status === 'ready' ? vocabulary.data : null;
  const labels = useLabels(vocab);
  const fetcher = useCallback(() => api.getEntry(kind, id), [kind, id]);
  const [state, reload] = useLoaded(fetcher);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/directory">{t('dir.backToSearch')}</Link>
      </p>
      <Show state={state} retry={reload} errorTitle={t('dir.loadError')}>
        {(entry) => (
          <>
            {saved && <Alert tone="success">{t('dir.saved')}</Alert>}
            {kind === 'members' && (
              <MemberView
                member={entry as MemberProfile}
                labels={labels}
                vocabulary={vocab}
                reload={reload}
              />
            )}
            {kind === 'organisations' && (
              <OrganisationView
                organisation={entry as OrganisationProfile}
                labels={labels}
                vocabulary={vocab}
                reload={reload}
              />
            )}
            {kind === 'services' && (
              <ServiceView
                service={entry as ServiceProfile}
                labels={labels}
                vocabulary={vocab}
                reload={reload}
              />
            )}
          </>
        )}
      </Show>
    </>
  );
}

/** Title, subtitle, freshness and the "Modifier" / "Historique" links. */
function ProfileHeader({
  kind,
  entry,
  title,
  subtitle,
  badges,
  vocabulary,
  reload,
}: {
  kind: DirectoryKind;
  entry: {
    id: string;
    verifiedAt: string | null;
    verifiedBy: { displayName: string } | null;
    stale: boolean;
    canEdit: boolean;
  };
  title: string;
  subtitle: ReactNode;
  badges?: ReactNode;
  vocabulary: Vocabulary | null;
  reload: () => void;
}) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <div className="profile-header">
      <p className={`tag tag-type tag-type-${kind}`}>{t(`dir.kindOne.${kind}`)}</p>
      <h1>{title}</h1>
      {subtitle && <p className="lead">{subtitle}</p>}
      {badges && <p className="badges">{badges}</p>}
      <FreshnessLine
        kind={kind}
        id={entry.id}
        verifiedAt={entry.verifiedAt}
        verifier={entry.verifiedBy?.displayName ?? null}
        stale={entry.stale}
        canEdit={entry.canEdit}
        staleDays={vocabulary?.staleDays ?? null}
        onVerified={reload}
      />
      <ul className="page-actions" aria-label={t('dir.profileActions')}>
        {entry.canEdit && (
          <li>
            <Link className="button button-primary" to={`/directory/${kind}/${entry.id}/edit`}>
              {t('dir.edit')}
            </Link>
          </li>
        )}
        <li>
          <Link className="button button-quiet" to={`/directory/${kind}/${entry.id}/history`}>
            {t('dir.history')}
          </Link>
        </li>
      </ul>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

function MemberView({
  member,
  labels,
  vocabulary,
  reload,
}: {
  member: MemberProfile;
  labels: Labels;
  vocabulary: Vocabulary | null;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const { session } = useSession();
  const profession = labels('professions', member.profession);
  return (
    <>
      <ProfileHeader
        kind="members"
        entry={member}
        title={`${member.firstName} ${member.lastName}`}
        subtitle={member.specialty ? `${profession} — ${member.specialty}` : profession}
        badges={
          session?.user.memberId === member.id || member.accepting.status ? (
            <>
              {session?.user.memberId === member.id && (
                <span className="tag tag-own">{t('dir.member.yours')}</span>
              )}
              <AcceptingBadge
                accepting={member.accepting.status}
                audience={member.accepting.audience}
                stale={member.accepting.stale}
              />
            </>
          ) : undefined
        }
        vocabulary={vocabulary}
        reload={reload}
      />
      <div className="profile-grid">
        <ContactBlock
          channels={allChannels(member.channels, member.phone, member.email, {
            phone: member.phoneVisibility,
            email: member.emailVisibility,
          })}
          goodToKnow={member.goodToKnow}
          labels={labels}
        />
        <div className="stack">
          <MemberAcceptingSection memberId={member.id} initial={member.accepting} />
          <Section id="workplaces-title" title={t('dir.member.workplaces')}>
            {member.organisations.length === 0 ? (
              <p className="muted">{t('dir.member.noWorkplace')}</p>
            ) : (
              <ul className="link-list">
                {member.organisations.map((organisation) => (
                  <li key={organisation.id}>
                    <Link to={`/directory/organisations/${organisation.id}`}>
                      {organisation.name}
                    </Link>
                    <span className="secondary">
                      {[
                        organisation.roleTitle,
                        labels('organisationTypes', organisation.type),
                        organisation.commune,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                    {member.canEdit && organisation.canEditServices && (
                      <span className="badges">
                        <span className="tag">{t('dir.member.canEditServices')}</span>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Section id="about-title" title={t('dir.member.about')}>
            <Facts
              items={[
                [t('dir.fields.profession'), profession],
                [t('dir.fields.specialty'), member.specialty],
                [
                  t('dir.fields.languages'),
                  member.languages.map((code) => labels('languages', code)).join(', '),
                ],
                [t('dir.fields.rpps'), member.rpps],
                [t('dir.fields.adeli'), member.adeli],
                [t('dir.fields.gln'), member.gln],
              ]}
            />
          </Section>
        </div>
      </div>
    </>
  );
}

function OrganisationView({
  organisation,
  labels,
  vocabulary,
  reload,
}: {
  organisation: OrganisationProfile;
  labels: Labels;
  vocabulary: Vocabulary | null;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const address = [
    organisation.address,
    [organisation.postalCode, organisation.commune].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <>
      <ProfileHeader
        kind="organisations"
        entry={organisation}
        title={organisation.name}
        subtitle={[labels('organisationTypes', organisation.type), organisation.commune]
          .filter(Boolean)
          .join(' · ')}
        vocabulary={vocabulary}
        reload={reload}
      />
      <div className="profile-grid">
        <ContactBlock
          channels={allChannels(organisation.channels, organisation.phone, organisation.email, {
            phone: organisation.phoneVisibility,
            email: organisation.emailVisibility,
          })}
          goodToKnow={organisation.goodToKnow}
          labels={labels}
          extra={
            <Facts
              items={[
                [t('dir.fields.address'), address],
                [
                  t('dir.organisation.map'),
                  organisation.latitude !== null && organisation.longitude !== null && (
                    <a
                      className="contact-link"
                      href={openStreetMapUrl(organisation.latitude, organisation.longitude)}
                      rel="noopener noreferrer"
                    >
                      {t('dir.organisation.mapLink')}
                    </a>
                  ),
                ],
                [
                  t('dir.fields.openingHours'),
                  organisation.openingHours && (
                    <span className="pre-line">{organisation.openingHours}</span>
                  ),
                ],
                [
                  t('dir.fields.website'),
                  organisation.website && (
                    <a
                      className="contact-link"
                      href={organisation.website}
                      rel="noopener noreferrer"
                    >
                      {organisation.website}
                    </a>
                  ),
                ],
              ]}
            />
          }
        />
        <div className="stack">
          <Section id="services-title" title={t('dir.organisation.services')}>
            {organisation.services.length === 0 ? (
              <p className="muted">{t('dir.organisation.noService')}</p>
            ) : (
              <ul className="link-list">
                {organisation.services.map((service) => (
                  <li key={service.id}>
                    <Link to={`/directory/services/${service.id}`}>{service.name}</Link>
                    <span className="badges">
                      <AcceptingBadge
                        accepting={service.accepting}
                        audience={organisation.acceptingAudience}
                      />
                      {service.careStreams.map((code) => (
                        <span key={code} className="tag tag-stream">
                          {labels('careStreams', code)}
                        </span>
                      ))}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {organisation.canAddService && (
              <p>
                <Link
                  className="button button-small"
                  to={`/directory/services/new?organisationId=${organisation.id}`}
                >
                  {t('dir.organisation.addService')}
                </Link>
              </p>
            )}
          </Section>
          <Section id="members-title" title={t('dir.organisation.members')}>
            {organisation.members.length === 0 ? (
              <p className="muted">{t('dir.organisation.noMember')}</p>
            ) : (
              <ul className="link-list">
                {organisation.members.map((member) => (
                  <li key={member.id}>
                    <Link to={`/directory/members/${member.id}`}>
                      {member.firstName} {member.lastName}
                    </Link>
                    <span className="secondary">
                      {[labels('professions', member.profession), member.roleTitle]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        </div>
      </div>
    </>
  );
}

function ServiceView({
  service,
  labels,
  vocabulary,
  reload,
}: {
  service: ServiceProfile;
  labels: Labels;
  vocabulary: Vocabulary | null;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const text = (value: string | null) => value && <span className="pre-line">{value}</span>;
  return (
    <>
      <ProfileHeader
        kind="services"
        entry={service}
        title={service.name}
        subtitle={
          <>
            {t('dir.service.offeredBy')}{' '}
            <Link to={`/directory/organisations/${service.organisation.id}`}>
              {service.organisation.name}
            </Link>
            {service.organisation.commune && ` · ${service.organisation.commune}`}
          </>
        }
        badges={
          <>
            <AcceptingBadge
              accepting={service.accepting}
              audience={service.acceptingAudience}
              stale={service.acceptingStale}
            />
            {service.careStreams.map((code) => (
              <span key={code} className="tag tag-stream">
                {labels('careStreams', code)}
              </span>
            ))}
          </>
        }
        vocabulary={vocabulary}
        reload={reload}
      />
      <div className="profile-grid service-grid">
        <div className="stack grid-does">
          <Section id="does-title" title={t('dir.service.does')}>
            {service.description || service.missions ? (
              <>
                {service.description && <p className="pre-line">{service.description}</p>}
                {service.missions && (
                  <>
                    <h3>{t('dir.fields.missions')}</h3>
                    <p className="pre-line">{service.missions}</p>
                  </>
                )}
              </>
            ) : (
              <p className="muted">{t('common.notProvided')}</p>
            )}
          </Section>
          <section className="card limits" aria-labelledby="limits-title">
            <h2 id="limits-title">{t('dir.service.limits')}</h2>
            {service.limits ? (
              <p className="pre-line">{service.limits}</p>
            ) : (
              <p className="muted">{t('dir.service.noLimits')}</p>
            )}
          </section>
        </div>
        <div className="grid-contact">
          <ContactBlock
            channels={allChannels(service.channels, null, null)}
            goodToKnow={service.goodToKnow}
            labels={labels}
            extra={
              service.organisation.phone &&
              !service.channels.some((c) => c.value === service.organisation.phone) ? (
                <p className="secondary">
                  {t('dir.service.organisationPhone', {
                    name: service.organisation.name,
                    phone: service.organisation.phone,
                  })}
                </p>
              ) : null
            }
          />
        </div>
        <div className="stack grid-access">
          <Section id="access-title" title={t('dir.service.access')}>
            <Facts
              items={[
                [
                  t('dirReach.accepting.title'),
                  <AcceptingBadge
                    accepting={service.accepting}
                    audience={service.acceptingAudience}
                    stale={service.acceptingStale}
                  />,
                ],
                [t('dir.fields.acceptingConditions'), text(service.acceptingConditions)],
                [t('dir.fields.eligibility'), text(service.eligibility)],
                [t('dir.fields.waitingTime'), service.waitingTime],
                [t('dir.fields.communesServed'), service.communesServed.join(', ')],
                [t('dir.fields.hours'), text(service.hours)],
                [t('dir.fields.costNotes'), text(service.costNotes)],
              ]}
            />
          </Section>
        </div>
      </div>
    </>
  );
}
