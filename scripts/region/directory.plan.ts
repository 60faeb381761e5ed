/**
 * Plans the territory and its directory from a seed, without touching the database: communes
 * (grouped into sectors of six neighbouring communes), organisations of every type, their
 * services, and the members who work there. Pure, so the same seed plans the same region.
 */
import type { TChannel } from '../../src/db/schema/index.js';
import type {
  TMemberInput,
  TOrganisationInput,
  TServiceInput,
} from '../../src/modules/directory/directory.schemas.js';
import {
  LANGUAGE_CODES,
  ORGANISATION_TYPE_CODES,
  PROFESSION_CODES,
  type TOrganisationType,
  type TProfession,
} from '../../src/modules/directory/directory.vocabulary.js';
import {
  ASSOCIATION_NAMES,
  CLINIC_NAMES,
  NURSING_HOME_NAMES,
  OPENING_HOURS,
  ORGANISATION_WEIGHTS,
  PROFESSION_WEIGHTS,
  SERVICE_TEMPLATES,
  SERVICES_PER_TYPE,
  SPECIALTIES,
  TITLES,
  WORKPLACES,
} from './directory.data.js';
import {
  COMMUNE_QUALIFIERS,
  COMMUNE_ROOTS,
  COMMUNE_SAINTS,
  LAST_NAMES,
  PROFESSIONAL_FIRST_NAMES,
  STREETS,
  type TGender,
} from './names.data.js';
import { createRandom, type TRandom } from './random.js';
import {
  fictionNumber,
  PROFESSION_REACH,
  rppsNumber,
  slugify,
  withPreferred,
} from '../../src/seed/directory-habits.js';

/** Every generated address ends in the reserved .test domain: no mail can ever leave. */
export const MAIL_DOMAIN = 'maillon.test';
const SECTOR_SIZE = 6;

export type TCommune = {
  name: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  sector: number;
};
export type TPlannedOrganisation = { input: TOrganisationInput; commune: number; slug: string };
export type TPlannedService = {
  organisation: number;
  input: Omit<TServiceInput, 'organisationId'>;
};
export type TPlannedMember = {
  input: Omit<TMemberInput, 'organisations'>;
  links: { organisation: number; roleTitle: string; canEditServices: boolean }[];
  gender: TGender;
  /** Sector of the commune where the member mainly works. */
  sector: number;
};
export type TDirectoryPlan = {
  communes: TCommune[];
  organisations: TPlannedOrganisation[];
  services: TPlannedService[];
  members: TPlannedMember[];
};

const landline = (n: number) => fictionNumber('04 65 71', n);
const mobile = (n: number) => fictionNumber('06 39 98', n);

function planCommunes(random: TRandom, count: number): TCommune[] {
  const names = new Set<string>();
  const sectorsPerRow = Math.max(1, Math.ceil(Math.sqrt(count / SECTOR_SIZE)));
  const communes: TCommune[] = [];
  while (communes.length < count) {
    const root = random.pick(COMMUNE_ROOTS);
    const shape = random.next();
    const name =
      shape < 0.3
        ? root
        : shape < 0.7
          ? `${root}-${random.pick(COMMUNE_QUALIFIERS)}`
          : `${random.pick(COMMUNE_SAINTS)}-${random.pick(COMMUNE_QUALIFIERS)}`;
    if (names.has(name)) {
      if (names.size >= 2000) names.clear(); // the pieces run out only past ~2,000 communes
      continue;
    }
    names.add(name);
    const index = communes.length;
    const sector = Math.floor(index / SECTOR_SIZE);
    const [row, col] = [Math.floor(sector / sectorsPerRow), sector % sectorsPerRow];
    const within = index % SECTOR_SIZE;
    communes.push({
      name,
      postalCode: `42${String((index * 7) % 1000).padStart(3, '0')}`,
      latitude: round5(45.1 + row * 0.09 + Math.floor(within / 3) * 0.04 + random.next() * 0.01),
      longitude: round5(3.9 + col * 0.12 + (within % 3) * 0.04 + random.next() * 0.01),
      sector,
    });
  }
  return communes;
}
const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

function organisationName(
  random: TRandom,
  type: TOrganisationType,
  commune: string,
): { name: string; short: string } {
  const surname = random.pickSkewed(LAST_NAMES);
  const of = /^[AEIOUYÉÈ]/i.test(commune) ? `d’${commune}` : `de ${commune}`;
  switch (type) {
    case 'hospital':
      return random.chance(0.7)
        ? { name: `Centre hospitalier ${of}`, short: 'ch' }
        : { name: `Hôpital local ${of}`, short: 'hl' };
    case 'clinic':
      return { name: `${random.pick(CLINIC_NAMES)} — ${commune}`, short: 'clinique' };
    case 'msp':
      return { name: `Maison de santé pluriprofessionnelle ${of}`, short: 'msp' };
    case 'health_centre':
      return random.chance(0.5)
        ? { name: `Centre de santé municipal ${of}`, short: 'cds' }
        : { name: `Centre de santé infirmier ${of}`, short: 'csi' };
    case 'cpts':
      return { name: `CPTS du pays ${of}`, short: 'cpts' };
    case 'nursing_home':
      return { name: `EHPAD ${random.pick(NURSING_HOME_NAMES)} (${commune})`, short: 'ehpad' };
    case 'home_care':
      return random.chance(0.5)
        ? { name: `Aide à domicile ${of}`, short: 'saad' }
        : { name: `SAAD ${surname} Services — ${commune}`, short: 'saad' };
    case 'home_nursing':
      return { name: `SSIAD ${of}`, short: 'ssiad' };
    case 'pharmacy':
      return random.chance(0.6)
        ? { name: `Pharmacie ${surname} — ${commune}`, short: 'pharmacie' }
        : {
            name: `Pharmacie ${random.pick(['du Centre', 'de la Gare', 'du Marché', 'des Tilleuls'])} — ${commune}`,
            short: 'pharmacie',
          };
    case 'social_service':
      return random.chance(0.6)
        ? { name: `CCAS ${of}`, short: 'ccas' }
        : { name: `Centre médico-social ${of}`, short: 'cms' };
    case 'town_hall':
      return { name: `Mairie ${of}`, short: 'mairie' };
    case 'association':
      return { name: `${random.pick(ASSOCIATION_NAMES)} ${of}`, short: 'asso' };
    case 'coordination':
      return { name: `DAC du pays ${of} — Dispositif d’appui à la coordination`, short: 'dac' };
    case 'had':
      return { name: `HAD ${of} — Hospitalisation à domicile`, short: 'had' };
    case 'nursing_practice':
      return { name: `Cabinet infirmier ${surname} — ${commune}`, short: 'cabinet' };
    case 'medical_practice':
      return { name: `Cabinet médical ${surname} — ${commune}`, short: 'cabinet' };
    case 'therapy_practice':
      return {
        name: `Cabinet ${random.pick(['de kinésithérapie', 'd’orthophonie', 'paramédical'])} ${surname} — ${commune}`,
        short: 'cabinet',
      };
    case 'other':
      return { name: `Point info santé ${of}`, short: 'info' };
  }
}

const HEALTH_TYPES = new Set<TOrganisationType>([
  'hospital',
  'clinic',
  'msp',
  'health_centre',
  'home_nursing',
  'had',
  'nursing_practice',
  'medical_practice',
  'therapy_practice',
  'coordination',
  'cpts',
  'pharmacy',
]);
const ORG_TIPS = [
  'Un seul numéro pour toute demande ; réponse dans la journée ouvrée.',
  'Parking réservé aux ambulances devant l’entrée principale.',
  'Envoyer les demandes écrites par messagerie sécurisée de préférence.',
  'Accueil fermé le mercredi après-midi.',
];

function planOrganisations(random: TRandom, communes: TCommune[], count: number) {
  // Every type at least once (a shuffled round first), then in proportion.
  const types = [
    ...random.shuffle(ORGANISATION_TYPE_CODES),
    ...Array.from({ length: Math.max(0, count - ORGANISATION_TYPE_CODES.length) }, () =>
      random.weighted(ORGANISATION_WEIGHTS),
    ),
  ].slice(0, count);
  const used = new Set<string>();
  return types.map((type, index): TPlannedOrganisation => {
    // Towns (the first communes) hold more structures; hospitals sit in the largest ones.
    const commune =
      type === 'hospital' || type === 'clinic'
        ? Math.floor(communes.length * random.next() ** 3)
        : Math.floor(communes.length * random.next() ** 1.5);
    const place = communes[commune]!;
    const { name: base, short } = organisationName(random, type, place.name);
    let name = base;
    for (let site = 2; used.has(name); site++) name = `${base} — site ${site}`;
    used.add(name);
    const slug = `${short}-${slugify(place.name)}-${index + 1}`;
    const phone = landline(index);
    const email = `contact@${slug}.${MAIL_DOMAIN}`;
    const channels: TChannel[] = [
      { kind: 'phone', value: phone, bestTimes: random.pick(OPENING_HOURS[type]) },
    ];
    if (HEALTH_TYPES.has(type))
      channels.push({ kind: 'secure_messaging', value: `accueil@${slug}.mssante.${MAIL_DOMAIN}` });
    channels.push({ kind: 'email', value: email });
    if (type === 'coordination' || type === 'hospital')
      channels.push({ kind: 'fax', value: landline(index + 5000) });
    const hasWebsite = ['hospital', 'clinic', 'coordination', 'cpts', 'town_hall'].includes(type);
    return {
      commune,
      slug,
      input: {
        name,
        type,
        address: `${random.int(1, 120)} ${random.pick(STREETS)}`,
        postalCode: place.postalCode,
        commune: place.name,
        latitude: round5(place.latitude + (random.next() - 0.5) / 200),
        longitude: round5(place.longitude + (random.next() - 0.5) / 200),
        phone,
        email,
        website: hasWebsite || random.chance(0.2) ? `https://${slug}.${MAIL_DOMAIN}` : null,
        openingHours: random.pick(OPENING_HOURS[type]),
        channels: withPreferred(
          channels,
          type === 'coordination' ? 'secure_messaging' : random.chance(0.2) ? 'email' : 'phone',
        ),
        goodToKnow: random.chance(0.3) ? random.pick(ORG_TIPS) : null,
      },
    };
  });
}

const CONDITIONS = [
  'Sur avis du médecin traitant.',
  'Priorité aux sorties d’hospitalisation.',
  'Selon les places disponibles : appeler avant d’adresser.',
  'Uniquement les habitants des communes desservies.',
];

function planServices(
  random: TRandom,
  communes: TCommune[],
  organisations: TPlannedOrganisation[],
): TPlannedService[] {
  return organisations.flatMap((org, index) => {
    const type = org.input.type;
    const [min, max] = SERVICES_PER_TYPE[type];
    const templates = random.shuffle(SERVICE_TEMPLATES[type]).slice(0, random.int(min, max));
    const sector = communes[org.commune]!.sector;
    const nearby = communes.filter((c) => c.sector === sector).map((c) => c.name);
    return templates.map((t): TPlannedService => {
      const accepting = random.weighted({ yes: 70, conditions: 20, no: 10 });
      const phone: TChannel = {
        kind: 'phone',
        value: org.input.phone!,
        bestTimes: random.pick(OPENING_HOURS[type]),
      };
      const written: TChannel = HEALTH_TYPES.has(type)
        ? {
            kind: 'secure_messaging',
            value: `${slugify(t.name).slice(0, 30)}@${org.slug}.mssante.${MAIL_DOMAIN}`,
          }
        : { kind: 'email', value: `${slugify(t.name).slice(0, 30)}@${org.slug}.${MAIL_DOMAIN}` };
      return {
        organisation: index,
        input: {
          name: t.name,
          description: t.description,
          missions: t.missions,
          limits: t.limits,
          eligibility: t.eligibility,
          careStreams: t.careStreams,
          communesServed: random.shuffle(nearby).slice(0, random.int(1, nearby.length)),
          waitingTime: random.pick(t.waitingTimes),
          accepting,
          acceptingConditions: accepting === 'conditions' ? random.pick(CONDITIONS) : null,
          hours: t.hours,
          costNotes: t.costNotes,
          channels: withPreferred([phone, written], random.chance(0.6) ? 'phone' : written.kind),
          goodToKnow: random.chance(0.15)
            ? 'Joindre le compte rendu d’hospitalisation si récent.'
            : null,
        },
      };
    });
  });
}

/** The professions of the members, case managers first (counted from the caseloads). */
function planProfessions(random: TRandom, total: number, caseManagers: number): TProfession[] {
  const managers = Array.from({ length: caseManagers }, (): TProfession =>
    random.chance(0.75) ? 'case_manager' : 'coordinator',
  );
  const drawn = PROFESSION_CODES.filter((p) => PROFESSION_WEIGHTS[p] > 0);
  // Every other profession at least once, then in proportion.
  const others = [
    ...drawn,
    ...Array.from({ length: Math.max(0, total - caseManagers - drawn.length) }, () =>
      random.weighted(PROFESSION_WEIGHTS),
    ),
  ];
  return [...managers, ...others].slice(0, total);
}

function planMembers(
  random: TRandom,
  communes: TCommune[],
  organisations: TPlannedOrganisation[],
  professions: TProfession[],
): TPlannedMember[] {
  const byType = new Map<TOrganisationType, number[]>();
  organisations.forEach((o, i) =>
    byType.set(o.input.type, [...(byType.get(o.input.type) ?? []), i]),
  );
  const workplace = (profession: TProfession) => {
    for (const type of random.shuffle(WORKPLACES[profession])) {
      const candidates = byType.get(type);
      if (candidates?.length) return random.pick(candidates);
    }
    return random.int(0, organisations.length - 1);
  };
  const sectorCount = communes.at(-1)!.sector + 1;
  const emails = new Set<string>();
  const rppsUsed = new Set<string>();
  const editorOf = new Set<number>();
  return professions.map((profession, index): TPlannedMember => {
    const { name: firstName, gender } = random.pick(PROFESSIONAL_FIRST_NAMES);
    const lastName = random.pickSkewed(LAST_NAMES);
    const primary = workplace(profession);
    const links = [
      {
        organisation: primary,
        roleTitle: random.pick(TITLES[profession][gender]),
        // One member per organisation may edit its services, declared by network staff.
        canEditServices:
          !editorOf.has(primary) &&
          (['coordinator', 'network_staff', 'pharmacist'].includes(profession) ||
            random.chance(0.2)),
      },
    ];
    if (links[0]!.canEditServices) editorOf.add(primary);
    if (random.chance(0.15)) {
      const second = workplace(profession);
      if (second !== primary)
        links.push({
          organisation: second,
          roleTitle: random.pick(TITLES[profession][gender]),
          canEditServices: false,
        });
    }
    const org = organisations[primary]!;
    let local = `${slugify(firstName)}.${slugify(lastName)}`;
    if (emails.has(`${local}@${org.slug}`)) local = `${local}.${index + 1}`;
    emails.add(`${local}@${org.slug}`);
    const email = `${local}@${org.slug}.${MAIL_DOMAIN}`;
    const reach = PROFESSION_REACH[profession];
    const phone = mobile(index);
    const channels: TChannel[] = [{ kind: 'phone', value: phone, bestTimes: reach.bestTimes }];
    if (reach.preferred === 'sms') channels.push({ kind: 'sms', value: phone });
    if (reach.health)
      channels.push({
        kind: 'secure_messaging',
        value: `${local}@${org.slug}.mssante.${MAIL_DOMAIN}`,
        bestTimes: 'lue chaque jour',
      });
    channels.push({ kind: 'email', value: email });
    let rpps: string | null = null;
    if (reach.health && !['psychologist', 'occupational_therapist'].includes(profession)) {
      do rpps = rppsNumber(random.int(0, 99_999_999));
      while (rppsUsed.has(rpps));
      rppsUsed.add(rpps);
    }
    const adeli =
      profession === 'psychologist' || profession === 'occupational_therapist'
        ? `69${String(random.int(0, 9_999_999)).padStart(7, '0')}`
        : null;
    const languages = random.chance(0.15)
      ? ['fr' as const, random.pick(LANGUAGE_CODES.filter((l) => l !== 'fr'))]
      : ['fr' as const];
    return {
      gender,
      // A case manager covers a sector of the territory, wherever their structure sits.
      sector:
        profession === 'case_manager' || profession === 'coordinator'
          ? index % sectorCount
          : communes[org.commune]!.sector,
      links,
      input: {
        firstName,
        lastName,
        profession,
        specialty: profession === 'specialist' ? random.pick(SPECIALTIES) : null,
        rpps,
        adeli,
        email,
        phone,
        languages,
        channels: withPreferred(channels, reach.preferred),
        goodToKnow: reach.tips.length && random.chance(0.35) ? random.pick(reach.tips) : null,
      },
    };
  });
}

/** The directory of a region: communes, organisations, services, members. */
export function planDirectory(
  seed: number,
  counts: { organisations: number; members: number; caseManagers: number },
): TDirectoryPlan {
  const communes = planCommunes(
    createRandom(seed, 'communes'),
    Math.max(12, Math.round(counts.organisations / 6)),
  );
  const organisations = planOrganisations(
    createRandom(seed, 'organisations'),
    communes,
    counts.organisations,
  );
  const services = planServices(createRandom(seed, 'services'), communes, organisations);
  const professions = planProfessions(
    createRandom(seed, 'professions'),
    counts.members,
    counts.caseManagers,
  );
  const members = planMembers(createRandom(seed, 'members'), communes, organisations, professions);
  return { communes, organisations, services, members };
}
