import { randomUUID } from 'node:crypto';
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
import type { TProfession } from '../modules/directory/directory.vocabulary.js';
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
const DAY = 86_400_000;

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
      await tx.insert(careTeamMembers).values(
        team.map(([key, roleTitle, medicalAccess]) => ({
          personId: row!.id,
          memberId: memberIds.get(key)!,
          roleTitle,
          medicalAccess,
        })),
      );
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

/** How each profession is best reached, and the "good to know" notes its members tend to leave. */
const REACH: Record<
  TProfession,
  { health: boolean; preferred: TChannel['kind']; bestTimes: string; tips: string[] }
> = {
  general_practitioner: {
    health: true,
    preferred: 'secure_messaging',
    bestTimes: '12 h 30 – 13 h 30',
    tips: [
      'Messagerie sécurisée MSSanté de préférence.',
      'Pas de visite à domicile le mercredi.',
      'Rappelle entre deux consultations : laisser un numéro direct.',
    ],
  },
  specialist: {
    health: true,
    preferred: 'secure_messaging',
    bestTimes: 'via le secrétariat, 9 h – 12 h',
    tips: [
      'Passer par le secrétariat pour un avis non urgent.',
      'Courrier MSSanté lu chaque soir.',
    ],
  },
  nurse: {
    health: true,
    preferred: 'sms',
    bestTimes: '13 h – 15 h, entre deux tournées',
    tips: [
      'Appeler avant 9 h ou après 19 h, en dehors des tournées.',
      'SMS de préférence : en tournée toute la matinée.',
    ],
  },
  pharmacist: {
    health: true,
    preferred: 'phone',
    bestTimes: '14 h – 16 h',
    tips: [
      'Éviter le samedi matin.',
      'Ordonnances par MSSanté acceptées pour préparer à l’avance.',
    ],
  },
  physiotherapist: {
    health: true,
    preferred: 'phone',
    bestTimes: '12 h – 14 h',
    tips: ['Répondeur pendant les séances : rappel le midi.'],
  },
  psychologist: {
    health: true,
    preferred: 'email',
    bestTimes: 'réponse sous 48 h',
    tips: ['Ne répond pas pendant les entretiens : laisser un message.'],
  },
  dietitian: { health: true, preferred: 'email', bestTimes: 'réponse sous 48 h', tips: [] },
  midwife: {
    health: true,
    preferred: 'sms',
    bestTimes: '8 h – 9 h',
    tips: ['Visites à domicile l’après-midi.'],
  },
  occupational_therapist: {
    health: true,
    preferred: 'email',
    bestTimes: 'réponse sous 48 h',
    tips: ['Visites d’évaluation du domicile le mardi et le jeudi.'],
  },
  speech_therapist: {
    health: true,
    preferred: 'email',
    bestTimes: 'réponse en fin de semaine',
    tips: ['Liste d’attente longue : préciser l’urgence dans la demande.'],
  },
  social_worker: {
    health: false,
    preferred: 'phone',
    bestTimes: 'lun.–ven. 9 h – 12 h',
    tips: [
      'Permanence sans rendez-vous le jeudi matin.',
      'Joindre l’avis d’imposition au dossier.',
    ],
  },
  home_aide: {
    health: false,
    preferred: 'phone',
    bestTimes: 'après 14 h',
    tips: ['Passer par la responsable de secteur pour changer un planning.'],
  },
  care_assistant: {
    health: false,
    preferred: 'phone',
    bestTimes: '13 h 30 – 15 h',
    tips: ['Transmissions écrites dans le cahier de liaison au domicile.'],
  },
  case_manager: {
    health: false,
    preferred: 'phone',
    bestTimes: '8 h 30 – 9 h 30',
    tips: ['En visite à domicile l’après-midi : laisser un message, rappel le jour même.'],
  },
  coordinator: { health: false, preferred: 'email', bestTimes: 'lun.–ven. 9 h – 17 h', tips: [] },
  network_staff: {
    health: false,
    preferred: 'email',
    bestTimes: 'lun.–ven. 9 h – 17 h',
    tips: [],
  },
  other: { health: false, preferred: 'email', bestTimes: 'lun.–ven. 9 h – 17 h', tips: [] },
};

const slugify = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');

/** An 11-digit RPPS-like number: "10", eight digits, and a Luhn check digit. */
function rppsNumber(random: () => number): string {
  const body = `10${String(Math.floor(random() * 100_000_000)).padStart(8, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** A mobile number in the range reserved for fiction (06 39 98 xx xx). */
const mobile = (n: number) => {
  const digits = String(1000 + n).padStart(4, '0');
  return `06 39 98 ${digits.slice(0, 2)} ${digits.slice(2)}`;
};

/** One preferred channel, exactly. */
function withPreferred(channels: TChannel[], preferred: TChannel['kind']): TChannel[] {
  const chosen = channels.some((c) => c.kind === preferred) ? preferred : channels[0]!.kind;
  return channels.map((c) => ({ ...c, preferred: c.kind === chosen }));
}

/**
 * The directory of the demo territory (organisations, members, services from
 * demo-directory.data.ts), inserted in batches, with a history entry per entry and the search
 * index built in the same transaction.
 */
async function seedDirectory(tx: TDb) {
  const random = seeded(7);
  const now = Date.now();
  // Most entries were checked in the last months; one in ten is over 400 days old ("à vérifier").
  const verifiedAt = (index: number) =>
    new Date(
      now -
        (index % 10 === 7 ? 400 + Math.floor(random() * 300) : 3 + Math.floor(random() * 150)) *
          DAY,
    );

  const orgEntries = Object.entries(DEMO_ORGANISATIONS) as [TDemoOrgKey, TDemoOrganisation][];
  const orgIds = new Map<TDemoOrgKey, string>();
  const orgRows = orgEntries.map(([key, org], index) => {
    const id = randomUUID();
    orgIds.set(key, id);
    const info = COMMUNE_INFO[org.commune];
    const channels: TChannel[] = [
      { kind: 'phone', value: org.phone, ...(org.phoneTimes ? { bestTimes: org.phoneTimes } : {}) },
    ];
    if (org.mssante) channels.push({ kind: 'secure_messaging', value: org.mssante });
    if (org.email) channels.push({ kind: 'email', value: org.email });
    return {
      id,
      name: org.name,
      type: org.type,
      address: org.address,
      postalCode: info.postalCode,
      commune: org.commune,
      latitude: Math.round((info.latitude + (random() - 0.5) / 100) * 1e5) / 1e5,
      longitude: Math.round((info.longitude + (random() - 0.5) / 100) * 1e5) / 1e5,
      phone: org.phone,
      email: org.email ?? null,
      website: org.website ?? null,
      openingHours: org.openingHours,
      channels: withPreferred(channels, org.preferred ?? 'phone'),
      goodToKnow: org.goodToKnow ?? null,
      verifiedAt: verifiedAt(index),
    };
  });
  await tx.insert(organisations).values(orgRows);

  const memberIds = new Map<string, string>();
  const memberRows: (typeof members.$inferInsert)[] = [];
  const links: (typeof memberOrganisations.$inferInsert)[] = [];
  const rppsUsed = new Set<string>();
  DEMO_MEMBERS.forEach((member, index) => {
    const id = randomUUID();
    if (member.key) memberIds.set(member.key, id);
    const org = DEMO_ORGANISATIONS[member.org] as TDemoOrganisation;
    const reach = REACH[member.profession];
    const local = `${slugify(member.firstName)}.${slugify(member.lastName)}`;
    const email = `${local}@${org.slug}.reseau-demo.fr`;
    const phone = mobile(index);
    const channels: TChannel[] = [{ kind: 'phone', value: phone, bestTimes: reach.bestTimes }];
    if (reach.preferred === 'sms') channels.push({ kind: 'sms', value: phone });
    if (reach.health) {
      channels.push({
        kind: 'secure_messaging',
        value: `${local}@${org.slug}.mssante.fr`,
        bestTimes: 'lue chaque jour',
      });
    }
    channels.push({ kind: 'email', value: email });
    let rpps: string | null = null;
    if (reach.health) {
      do rpps = rppsNumber(random);
      while (rppsUsed.has(rpps));
      rppsUsed.add(rpps);
    }
    const tip = reach.tips.length && random() < 0.4 ? reach.tips[index % reach.tips.length]! : null;
    memberRows.push({
      id,
      firstName: member.firstName,
      lastName: member.lastName,
      profession: member.profession,
      specialty: member.specialty ?? null,
      rpps,
      email,
      phone,
      languages: member.languages ?? ['fr'],
      channels: withPreferred(channels, reach.preferred),
      goodToKnow: member.goodToKnow ?? tip,
      verifiedAt: verifiedAt(index),
    });
    links.push({
      memberId: id,
      organisationId: orgIds.get(member.org)!,
      roleTitle: member.title,
      canEditServices: member.canEdit ?? false,
    });
    if (member.also && member.also.org !== member.org) {
      links.push({
        memberId: id,
        organisationId: orgIds.get(member.also.org)!,
        roleTitle: member.also.title,
      });
    }
  });
  await tx.insert(members).values(memberRows);
  await tx.insert(memberOrganisations).values(links);

  const serviceRows = DEMO_SERVICES.map((service, index) => ({
    id: randomUUID(),
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
    channels: withPreferred(
      service.channels,
      service.channels.find((c) => c.preferred)?.kind ?? 'phone',
    ),
    goodToKnow: service.goodToKnow ?? null,
    verifiedAt: verifiedAt(index),
  }));
  await tx.insert(services).values(serviceRows);

  const ids = {
    organisation: orgRows.map((r) => r.id),
    member: memberRows.map((r) => r.id!),
    service: serviceRows.map((r) => r.id),
  };
  await tx.insert(directoryHistory).values(
    (['organisation', 'member', 'service'] as const).flatMap((entityType) =>
      ids[entityType].map((entityId) => ({
        entityType,
        entityId,
        version: 1,
        action: 'create' as const,
        changedBy: null,
        changes: {},
      })),
    ),
  );
  await indexOrganisations(tx, ids.organisation);
  await indexServices(tx, ids.service);
  await indexMembers(tx, ids.member);
  return {
    memberIds,
    directoryIds: {
      organisations: ids.organisation.length,
      members: ids.member.length,
      services: ids.service.length,
    },
  };
}
