import { eq } from 'drizzle-orm';
import type { TDb } from '../db/client.js';
import {
  careTeamMembers,
  memberOrganisations,
  members,
  networkSettings,
  organisations,
  persons,
  users,
} from '../db/schema/index.js';
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

const COMMUNES = [
  'Saint-Étienne-de-Valoux',
  'Brives-sur-Lys',
  'Montaigu-les-Bois',
  'Lavergne',
  'Pont-de-Rives',
  'Sainte-Colombe-sur-Lys',
];

const ORGANISATIONS: { key: string; name: string; type: string; commune: string }[] = [
  {
    key: 'dac',
    name: "DAC Deux Rives — Dispositif d'appui à la coordination",
    type: 'coordination',
    commune: 'Pont-de-Rives',
  },
  {
    key: 'ch',
    name: 'Centre hospitalier des Deux Rives',
    type: 'hospital',
    commune: 'Pont-de-Rives',
  },
  { key: 'clinique', name: 'Clinique du Parc', type: 'clinic', commune: 'Brives-sur-Lys' },
  {
    key: 'msp',
    name: 'Maison de santé pluriprofessionnelle des Tilleuls',
    type: 'msp',
    commune: 'Saint-Étienne-de-Valoux',
  },
  {
    key: 'cds',
    name: 'Centre de santé municipal de Lavergne',
    type: 'health_centre',
    commune: 'Lavergne',
  },
  { key: 'cpts', name: 'CPTS du Pays des Deux Rives', type: 'cpts', commune: 'Pont-de-Rives' },
  { key: 'ehpad', name: 'EHPAD Les Glycines', type: 'nursing_home', commune: 'Montaigu-les-Bois' },
  { key: 'ssiad', name: 'SSIAD du Pays de Rives', type: 'home_nursing', commune: 'Brives-sur-Lys' },
  {
    key: 'saad',
    name: 'Aide et Présence — service d’aide à domicile',
    type: 'home_care',
    commune: 'Sainte-Colombe-sur-Lys',
  },
  {
    key: 'pharmacie',
    name: 'Pharmacie de la Place',
    type: 'pharmacy',
    commune: 'Saint-Étienne-de-Valoux',
  },
  {
    key: 'ccas',
    name: 'CCAS de Saint-Étienne-de-Valoux',
    type: 'social_service',
    commune: 'Saint-Étienne-de-Valoux',
  },
  { key: 'mairie', name: 'Mairie de Brives-sur-Lys', type: 'town_hall', commune: 'Brives-sur-Lys' },
  {
    key: 'ars',
    name: 'Délégation départementale de l’ARS',
    type: 'other',
    commune: 'Pont-de-Rives',
  },
];

type TSeedMember = {
  key: string;
  firstName: string;
  lastName: string;
  profession: string;
  org: string;
  title: string;
};

const MEMBERS: TSeedMember[] = [
  {
    key: 'admin',
    firstName: 'Claire',
    lastName: 'Fontaine',
    profession: 'network_staff',
    org: 'dac',
    title: 'Chargée de mission du réseau',
  },
  {
    key: 'coordinator',
    firstName: 'Sophie',
    lastName: 'Martin',
    profession: 'case_manager',
    org: 'dac',
    title: 'Gestionnaire de cas',
  },
  {
    key: 'coordinator2',
    firstName: 'Julien',
    lastName: 'Moreau',
    profession: 'case_manager',
    org: 'dac',
    title: 'Gestionnaire de cas',
  },
  {
    key: 'professional',
    firstName: 'Paul',
    lastName: 'Lefèvre',
    profession: 'general_practitioner',
    org: 'msp',
    title: 'Médecin généraliste',
  },
  {
    key: 'social',
    firstName: 'Nadia',
    lastName: 'Benali',
    profession: 'social_worker',
    org: 'ccas',
    title: 'Assistante sociale',
  },
  {
    key: 'steering',
    firstName: 'Marc',
    lastName: 'Dubois',
    profession: 'other',
    org: 'ars',
    title: 'Chargé de mission parcours',
  },
  {
    key: 'nurse',
    firstName: 'Élodie',
    lastName: 'Garnier',
    profession: 'nurse',
    org: 'msp',
    title: 'Infirmière libérale',
  },
  {
    key: 'nurse2',
    firstName: 'Karim',
    lastName: 'Haddad',
    profession: 'nurse',
    org: 'ssiad',
    title: 'Infirmier coordinateur',
  },
  {
    key: 'pharmacist',
    firstName: 'Anne',
    lastName: 'Perrin',
    profession: 'pharmacist',
    org: 'pharmacie',
    title: 'Pharmacienne titulaire',
  },
  {
    key: 'physio',
    firstName: 'Thomas',
    lastName: 'Girard',
    profession: 'physiotherapist',
    org: 'msp',
    title: 'Masseur-kinésithérapeute',
  },
  {
    key: 'liaison',
    firstName: 'Isabelle',
    lastName: 'Roche',
    profession: 'nurse',
    org: 'ch',
    title: 'Infirmière de liaison',
  },
  {
    key: 'geriatrician',
    firstName: 'Hélène',
    lastName: 'Marchand',
    profession: 'specialist',
    org: 'ch',
    title: 'Gériatre',
  },
  {
    key: 'psychologist',
    firstName: 'Louis',
    lastName: 'Bertrand',
    profession: 'psychologist',
    org: 'cds',
    title: 'Psychologue',
  },
  {
    key: 'aide',
    firstName: 'Fatima',
    lastName: 'Ould',
    profession: 'home_aide',
    org: 'saad',
    title: 'Auxiliaire de vie',
  },
  {
    key: 'gp2',
    firstName: 'Camille',
    lastName: 'Lambert',
    profession: 'general_practitioner',
    org: 'cds',
    title: 'Médecin généraliste',
  },
];

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
    const orgIds = new Map<string, string>();
    for (const org of ORGANISATIONS) {
      const [row] = await tx
        .insert(organisations)
        .values({ name: org.name, type: org.type, commune: org.commune, phone: '04 00 00 00 00' })
        .returning({ id: organisations.id });
      orgIds.set(org.key, row!.id);
    }
    const memberIds = new Map<string, string>();
    for (const m of MEMBERS) {
      const [row] = await tx
        .insert(members)
        .values({ firstName: m.firstName, lastName: m.lastName, profession: m.profession })
        .returning({ id: members.id });
      memberIds.set(m.key, row!.id);
      await tx
        .insert(memberOrganisations)
        .values({ memberId: row!.id, organisationId: orgIds.get(m.org)!, roleTitle: m.title });
    }

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
          commune: COMMUNES[Math.floor(random() * COMMUNES.length)]!,
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
      const m = MEMBERS.find((x) => x.key === key)!;
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
      details: { organisations: ORGANISATIONS.length, members: MEMBERS.length, persons: 60 },
    });
  });
}
