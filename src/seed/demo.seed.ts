import { eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import {
  careTeamMembers,
  directoryHistory,
  memberOrganisations,
  members,
  networkSettings,
  organisations,
  persons,
  services,
  users,
  type TChannel,
} from '../db/schema/index.js';
import {
  indexMembers,
  indexOrganisations,
  indexServices,
} from '../modules/directory/directory.indexer.js';
import {
  COMMUNE_INFO,
  DEMO_COMMUNES,
  DEMO_MEMBERS,
  DEMO_ORGANISATIONS,
  DEMO_SERVICES,
  type TDemoOrganisation,
  type TDemoOrgKey,
} from './demo-directory.data.js';
import type { TRole } from '../server/context.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import { withTransaction } from '../server/transaction.js';
import { appendAudit } from '../modules/audit/audit.repository.js';

export const DEMO_PASSWORD = 'Maillon-demo-2026!';

/** One login per role, printed at start. */
export const DEMO_LOGINS: readonly { role: TRole; email: string }[] = [
  { role: 'admin', email: 'admin@reseau-demo.fr' },
  { role: 'coordinator', email: 'coordinatrice@reseau-demo.fr' },
  { role: 'professional', email: 'medecin@reseau-demo.fr' },
  { role: 'social', email: 'social@reseau-demo.fr' },
  { role: 'patient', email: 'patient@reseau-demo.fr' },
  { role: 'steering', email: 'pilotage@reseau-demo.fr' },
];

const SEED_KEY = 'demo_seed_version';
const SEED_VERSION = 1;

const FIRST_NAMES = [
  'Jeanne',
  'Marcel',
  'Yvonne',
  'André',
  'Simone',
  'Georges',
  'Denise',
  'Robert',
  'Paulette',
  'Henri',
  'Odette',
  'Lucien',
  'Germaine',
  'Roger',
  'Suzanne',
  'Raymond',
  'Colette',
  'Maurice',
  'Lucienne',
  'Gilbert',
];
const LAST_NAMES = [
  'Roux',
  'Blanc',
  'Guerin',
  'Muller',
  'Faure',
  'André',
  'Mercier',
  'Boyer',
  'Chevalier',
  'Lemoine',
  'Renaud',
  'Picard',
  'Rolland',
  'Aubert',
  'Brun',
  'Gauthier',
  'Morel',
  'Noël',
  'Barbier',
  'Arnaud',
  'Fabre',
  'Collet',
];

/** Deterministic pseudo-random numbers, so every demo network is the same. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Seeds the fictional network once; later calls see the marker and do nothing. */
export async function seedDemoNetwork(db: TDb): Promise<void> {
  const [marker] = await db.select().from(networkSettings).where(eq(networkSettings.key, SEED_KEY));
  if (marker) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await withTransaction(db, async (tx) => {
    const { memberIds, directoryIds } = await seedDirectory(tx);
    const random = seeded(42);
    const personIds: string[] = [];
    for (let i = 0; i < 60; i++) {
      const firstName = i === 0 ? 'Jeanne' : FIRST_NAMES[i % FIRST_NAMES.length]!;
      const lastName = i === 0 ? 'Roux' : LAST_NAMES[Math.floor(random() * LAST_NAMES.length)]!;
      const year = 1930 + Math.floor(random() * 40);
      const month = String(1 + Math.floor(random() * 12)).padStart(2, '0');
      const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
      const [row] = await tx
        .insert(persons)
        .values({
          firstName,
          lastName,
          birthDate: `${year}-${month}-${day}`,
          commune: DEMO_COMMUNES[i % DEMO_COMMUNES.length]!,
          caseManagerId: memberIds.get(i < 35 ? 'coordinator' : 'coordinator2')!,
        })
        .returning({ id: persons.id });
      personIds.push(row!.id);
      const team: [string, string, boolean][] = [
        [i % 2 === 0 ? 'professional' : 'gp2', 'Médecin traitant', false],
        [i % 3 === 0 ? 'nurse' : 'nurse2', 'Soins infirmiers à domicile', false],
      ];
      if (i % 4 === 0) team.push(['social', 'Droits sociaux et aides', false]);
      if (i % 5 === 0) team.push(['aide', 'Aide au lever et aux repas', false]);
      if (i % 6 === 0) team.push(['pharmacist', 'Pharmacie de référence', false]);
      for (const [key, roleTitle, medicalAccess] of team) {
        await tx.insert(careTeamMembers).values({
          personId: row!.id,
          memberId: memberIds.get(key)!,
          roleTitle,
          medicalAccess,
        });
      }
    }

    const displayOf = (key: string) => {
      const m = DEMO_MEMBERS.find((x) => x.key === key)!;
      return `${m.firstName} ${m.lastName}`;
    };
    for (const login of DEMO_LOGINS) {
      const isPatient = login.role === 'patient';
      await tx.insert(users).values({
        email: login.email,
        displayName: isPatient ? 'Jeanne Roux' : displayOf(login.role),
        role: login.role,
        status: 'active',
        locale: 'fr',
        passwordHash,
        memberId: isPatient ? null : memberIds.get(login.role)!,
        personId: isPatient ? personIds[0]! : null,
      });
    }
    await tx.insert(networkSettings).values({ key: SEED_KEY, value: SEED_VERSION });
    await appendAudit(tx, {
      actorUserId: null,
      actorRole: null,
      action: 'system.seed_demo',
      resourceType: 'network',
      outcome: 'success',
      details: { ...directoryIds, persons: 60 },
    });
  });
}

const HEALTH_PROFESSIONS = new Set([
  'general_practitioner',
  'specialist',
  'nurse',
  'pharmacist',
  'physiotherapist',
  'midwife',
]);

const slugify = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The directory of the demo territory (organisations, members, services from
 * demo-directory.data.ts), with a history entry per entry and the search index built.
 */
async function seedDirectory(tx: TDb) {
  const random = seeded(7);
  const now = Date.now();
  const DAY = 86_400_000;
  // Most entries were checked in the last months; one in ten is over a year old (flagged).
  const verifiedAt = () =>
    new Date(
      now - (random() < 0.1 ? 400 + Math.floor(random() * 300) : Math.floor(random() * 150)) * DAY,
    );

  const orgIds = new Map<string, string>();
  for (const [key, org] of Object.entries(DEMO_ORGANISATIONS) as [
    TDemoOrgKey,
    TDemoOrganisation,
  ][]) {
    const info = COMMUNE_INFO[org.commune];
    const channels: TChannel[] = [
      {
        kind: 'phone',
        value: org.phone,
        ...(org.phoneTimes ? { bestTimes: org.phoneTimes } : {}),
        preferred: (org.preferred ?? 'phone') === 'phone',
      },
    ];
    if (org.mssante)
      channels.push({
        kind: 'secure_messaging',
        value: org.mssante,
        preferred: org.preferred === 'secure_messaging',
      });
    if (org.email)
      channels.push({ kind: 'email', value: org.email, preferred: org.preferred === 'email' });
    const [row] = await tx
      .insert(organisations)
      .values({
        name: org.name,
        type: org.type,
        address: org.address,
        postalCode: info.postalCode,
        commune: org.commune,
        latitude: info.latitude + (random() - 0.5) / 100,
        longitude: info.longitude + (random() - 0.5) / 100,
        phone: org.phone,
        email: org.email ?? null,
        website: org.website ?? null,
        openingHours: org.openingHours,
        channels,
        goodToKnow: org.goodToKnow ?? null,
        verifiedAt: verifiedAt(),
      })
      .returning({ id: organisations.id });
    orgIds.set(key, row!.id);
  }

  const memberIds = new Map<string, string>();
  const allMemberIds: string[] = [];
  let rpps = 10_003_456_789;
  for (const member of DEMO_MEMBERS) {
    const org = DEMO_ORGANISATIONS[member.org] as TDemoOrganisation;
    const address = `${slugify(member.firstName)}.${slugify(member.lastName)}@${org.slug}.reseau-demo.fr`;
    const channels: TChannel[] = [
      {
        kind: 'phone',
        value: org.phone,
        ...(org.phoneTimes ? { bestTimes: org.phoneTimes } : {}),
        preferred: !HEALTH_PROFESSIONS.has(member.profession),
      },
      { kind: 'email', value: address },
    ];
    if (HEALTH_PROFESSIONS.has(member.profession)) {
      channels.push({
        kind: 'secure_messaging',
        value: address.replace('.reseau-demo.fr', '.mssante.fr'),
        preferred: true,
      });
    }
    const [row] = await tx
      .insert(members)
      .values({
        firstName: member.firstName,
        lastName: member.lastName,
        profession: member.profession,
        specialty: member.specialty ?? null,
        rpps: HEALTH_PROFESSIONS.has(member.profession) ? String(rpps++) : null,
        email: address,
        languages: member.languages ?? ['fr'],
        channels,
        goodToKnow: member.goodToKnow ?? null,
        verifiedAt: verifiedAt(),
      })
      .returning({ id: members.id });
    allMemberIds.push(row!.id);
    if (member.key) memberIds.set(member.key, row!.id);
    await tx.insert(memberOrganisations).values({
      memberId: row!.id,
      organisationId: orgIds.get(member.org)!,
      roleTitle: member.title,
      canEditServices: member.canEdit ?? false,
    });
    if (member.also) {
      await tx
        .insert(memberOrganisations)
        .values({
          memberId: row!.id,
          organisationId: orgIds.get(member.also.org)!,
          roleTitle: member.also.title,
        })
        .onConflictDoNothing();
    }
  }

  const serviceIds: string[] = [];
  for (const service of DEMO_SERVICES) {
    const [row] = await tx
      .insert(services)
      .values({
        organisationId: orgIds.get(service.org)!,
        name: service.name,
        description: service.description,
        missions: service.missions,
        limits: service.limits,
        eligibility: service.eligibility,
        careStreams: service.careStreams,
        communesServed: service.communes,
        waitingTime: service.waitingTime,
        accepting: service.accepting,
        acceptingConditions: service.acceptingConditions ?? null,
        hours: service.hours,
        costNotes: service.costNotes,
        channels: service.channels,
        goodToKnow: service.goodToKnow ?? null,
        verifiedAt: verifiedAt(),
      })
      .returning({ id: services.id });
    serviceIds.push(row!.id);
  }

  const history = [
    ...[...orgIds.values()].map((entityId) => ({ entityType: 'organisation' as const, entityId })),
    ...allMemberIds.map((entityId) => ({ entityType: 'member' as const, entityId })),
    ...serviceIds.map((entityId) => ({ entityType: 'service' as const, entityId })),
  ];
  for (let i = 0; i < history.length; i += 200) {
    await tx.insert(directoryHistory).values(
      history.slice(i, i + 200).map((h) => ({
        ...h,
        version: 1,
        action: 'create' as const,
        changedBy: null,
        changes: {},
      })),
    );
  }
  await indexOrganisations(tx, [...orgIds.values()]);
  await indexServices(tx, serviceIds);
  await indexMembers(tx, allMemberIds);
  return {
    memberIds,
    directoryIds: {
      organisations: orgIds.size,
      members: allMemberIds.length,
      services: serviceIds.length,
    },
  };
}
