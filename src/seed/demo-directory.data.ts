/**
 * The static tables of the demo network's directory: communes, organisations, members and the
 * services they offer. Everything is fictional (names, numbers, addresses). Phone numbers use the
 * ranges ARCEP reserves for fiction (04 65 71 xx xx, 06 39 98 xx xx); e-mail domains sit under
 * reseau-demo.fr. Codes come from the directory vocabulary, so a typo fails the type check.
 */
import type { TChannel } from '../db/schema/index.js';
import type {
  TCareStream,
  TLanguage,
  TOrganisationType,
  TProfession,
} from '../modules/directory/directory.vocabulary.js';

/** The six communes of the territory; persons are spread over them in this order. */
export const DEMO_COMMUNES = [
  'Saint-Étienne-de-Valoux',
  'Brives-sur-Lys',
  'Montaigu-les-Bois',
  'Lavergne',
  'Pont-de-Rives',
  'Sainte-Colombe-sur-Lys',
] as const;
export type TDemoCommune = (typeof DEMO_COMMUNES)[number];
const ALL_COMMUNES: TDemoCommune[] = [...DEMO_COMMUNES];

/** Postal code and town-centre coordinates of each commune (organisations sit around them). */
export const COMMUNE_INFO: Record<
  TDemoCommune,
  { postalCode: string; latitude: number; longitude: number }
> = {
  'Saint-Étienne-de-Valoux': { postalCode: '42460', latitude: 45.402, longitude: 4.262 },
  'Brives-sur-Lys': { postalCode: '42470', latitude: 45.448, longitude: 4.331 },
  'Montaigu-les-Bois': { postalCode: '42480', latitude: 45.371, longitude: 4.402 },
  Lavergne: { postalCode: '42490', latitude: 45.421, longitude: 4.455 },
  'Pont-de-Rives': { postalCode: '42500', latitude: 45.436, longitude: 4.389 },
  'Sainte-Colombe-sur-Lys': { postalCode: '42510', latitude: 45.476, longitude: 4.281 },
};

export type TDemoOrganisation = {
  name: string;
  type: TOrganisationType;
  commune: TDemoCommune;
  address: string;
  phone: string;
  /** When the switchboard answers best. */
  phoneTimes?: string;
  email?: string;
  /** MSSanté address of the structure, for health organisations. */
  mssante?: string;
  website?: string;
  openingHours: string;
  /** The channel to use first; phone when absent. */
  preferred?: TChannel['kind'];
  goodToKnow?: string;
  /** Used to build members' professional addresses (prenom.nom@slug…). */
  slug: string;
};

/** Keys are stable handles for members and services; the first 13 are the original demo ones. */
export const DEMO_ORGANISATIONS = {
  dac: {
    name: "DAC Deux Rives — Dispositif d'appui à la coordination",
    type: 'coordination',
    commune: 'Pont-de-Rives',
    address: '4 rue des Mariniers',
    phone: '04 65 71 10 00',
    phoneTimes: 'lun.–ven. 8 h 30 – 17 h 30',
    email: 'contact@dac-deux-rives.reseau-demo.fr',
    mssante: 'appui@dac-deux-rives.mssante.fr',
    website: 'https://dac-deux-rives.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 8 h 30 – 17 h 30',
    goodToKnow:
      'Un seul numéro pour toute demande d’appui ; réponse dans la journée ouvrée. Envoyer le formulaire de demande par MSSanté.',
    slug: 'dac-deux-rives',
  },
  ch: {
    name: 'Centre hospitalier des Deux Rives',
    type: 'hospital',
    commune: 'Pont-de-Rives',
    address: '12 avenue du Docteur-Roux',
    phone: '04 65 71 10 10',
    phoneTimes: 'Standard 24 h/24',
    email: 'accueil@ch-deux-rives.reseau-demo.fr',
    mssante: 'secretariat.medical@ch-deux-rives.mssante.fr',
    website: 'https://ch-deux-rives.reseau-demo.fr',
    openingHours: 'Urgences 24 h/24 ; consultations lundi–vendredi 8 h – 18 h',
    slug: 'ch-deux-rives',
  },
  clinique: {
    name: 'Clinique du Parc',
    type: 'clinic',
    commune: 'Brives-sur-Lys',
    address: '27 allée des Marronniers',
    phone: '04 65 71 10 20',
    email: 'contact@clinique-du-parc.reseau-demo.fr',
    mssante: 'admissions@clinique-du-parc.mssante.fr',
    website: 'https://clinique-du-parc.reseau-demo.fr',
    openingHours: 'Admissions lundi–vendredi 8 h – 18 h',
    slug: 'clinique-du-parc',
  },
  msp: {
    name: 'Maison de santé pluriprofessionnelle des Tilleuls',
    type: 'msp',
    commune: 'Saint-Étienne-de-Valoux',
    address: '2 place des Tilleuls',
    phone: '04 65 71 10 30',
    phoneTimes: 'Secrétariat 8 h – 12 h et 14 h – 18 h',
    email: 'secretariat@msp-tilleuls.reseau-demo.fr',
    mssante: 'msp-tilleuls@msp-tilleuls.mssante.fr',
    website: 'https://msp-tilleuls.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 8 h – 19 h, samedi 8 h – 12 h',
    goodToKnow: 'Parking et accès de plain-pied à l’arrière du bâtiment.',
    slug: 'msp-tilleuls',
  },
  cds: {
    name: 'Centre de santé municipal de Lavergne',
    type: 'health_centre',
    commune: 'Lavergne',
    address: '9 rue Jean-Jaurès',
    phone: '04 65 71 10 40',
    email: 'centre-sante@lavergne.reseau-demo.fr',
    mssante: 'cds-lavergne@lavergne.mssante.fr',
    openingHours: 'Lundi–vendredi 8 h 30 – 18 h 30',
    goodToKnow: 'Tiers payant intégral ; interprétariat par téléphone sur demande.',
    slug: 'cds-lavergne',
  },
  cpts: {
    name: 'CPTS du Pays des Deux Rives',
    type: 'cpts',
    commune: 'Pont-de-Rives',
    address: '4 rue des Mariniers',
    phone: '04 65 71 10 50',
    email: 'coordination@cpts-deux-rives.reseau-demo.fr',
    website: 'https://cpts-deux-rives.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 9 h – 17 h',
    preferred: 'email',
    slug: 'cpts-deux-rives',
  },
  ehpad: {
    name: 'EHPAD Les Glycines',
    type: 'nursing_home',
    commune: 'Montaigu-les-Bois',
    address: '15 chemin des Glycines',
    phone: '04 65 71 10 60',
    phoneTimes: 'Accueil 9 h – 12 h et 14 h – 17 h',
    email: 'accueil@ehpad-glycines.reseau-demo.fr',
    mssante: 'idec@ehpad-glycines.mssante.fr',
    openingHours: 'Visites tous les jours 11 h – 19 h',
    slug: 'ehpad-glycines',
  },
  ssiad: {
    name: 'SSIAD du Pays de Rives',
    type: 'home_nursing',
    commune: 'Brives-sur-Lys',
    address: '6 rue de la Poste',
    phone: '04 65 71 10 70',
    phoneTimes: '13 h 30 – 16 h (les équipes sont en tournée le matin)',
    email: 'ssiad@ssiad-rives.reseau-demo.fr',
    mssante: 'ssiad@ssiad-rives.mssante.fr',
    openingHours: 'Bureau lundi–vendredi 8 h – 17 h ; soins 7 j/7',
    goodToKnow: 'Appeler après 13 h 30 : les infirmières coordinatrices sont en tournée le matin.',
    slug: 'ssiad-rives',
  },
  saad: {
    name: 'Aide et Présence — service d’aide à domicile',
    type: 'home_care',
    commune: 'Sainte-Colombe-sur-Lys',
    address: '21 Grande Rue',
    phone: '04 65 71 10 80',
    email: 'contact@aide-presence.reseau-demo.fr',
    website: 'https://aide-presence.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 8 h 30 – 12 h et 13 h 30 – 17 h ; astreinte le week-end',
    slug: 'aide-presence',
  },
  pharmacie: {
    name: 'Pharmacie de la Place',
    type: 'pharmacy',
    commune: 'Saint-Étienne-de-Valoux',
    address: '1 place de l’Église',
    phone: '04 65 71 10 90',
    email: 'pharmacie.place@officine.reseau-demo.fr',
    mssante: 'pharmacie-place@pharmacien.mssante.fr',
    openingHours: 'Lundi–samedi 8 h 30 – 12 h 30 et 14 h – 19 h 30',
    slug: 'pharmacie-place',
  },
  ccas: {
    name: 'CCAS de Saint-Étienne-de-Valoux',
    type: 'social_service',
    commune: 'Saint-Étienne-de-Valoux',
    address: 'Mairie, 3 rue de la République',
    phone: '04 65 71 11 00',
    email: 'ccas@saint-etienne-de-valoux.reseau-demo.fr',
    openingHours: 'Lundi, mardi, jeudi 9 h – 12 h et 13 h 30 – 17 h',
    slug: 'ccas-valoux',
  },
  mairie: {
    name: 'Mairie de Brives-sur-Lys',
    type: 'town_hall',
    commune: 'Brives-sur-Lys',
    address: 'Place du 8-Mai-1945',
    phone: '04 65 71 11 10',
    email: 'mairie@brives-sur-lys.reseau-demo.fr',
    website: 'https://brives-sur-lys.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 8 h 30 – 12 h et 13 h 30 – 17 h, samedi 9 h – 12 h',
    slug: 'brives-sur-lys',
  },
  ars: {
    name: 'Délégation départementale de l’ARS',
    type: 'other',
    commune: 'Pont-de-Rives',
    address: '40 boulevard de la Préfecture',
    phone: '04 65 71 11 20',
    email: 'ars-dd@ars.reseau-demo.fr',
    website: 'https://ars.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 9 h – 12 h et 14 h – 16 h 30',
    preferred: 'email',
    slug: 'ars-dd',
  },
  had: {
    name: 'HAD Deux Rives — Hospitalisation à domicile',
    type: 'had',
    commune: 'Pont-de-Rives',
    address: '12 avenue du Docteur-Roux, bâtiment C',
    phone: '04 65 71 11 30',
    phoneTimes: 'Infirmier de coordination 8 h – 20 h ; astreinte la nuit',
    email: 'had@had-deux-rives.reseau-demo.fr',
    mssante: 'admissions.had@had-deux-rives.mssante.fr',
    openingHours: 'Soins 24 h/24, 7 j/7',
    slug: 'had-deux-rives',
  },
  chs: {
    name: 'Centre hospitalier spécialisé du Val de Lys',
    type: 'hospital',
    commune: 'Lavergne',
    address: '80 route de Montaigu',
    phone: '04 65 71 11 40',
    email: 'accueil@chs-val-de-lys.reseau-demo.fr',
    mssante: 'cmp.adultes@chs-val-de-lys.mssante.fr',
    website: 'https://chs-val-de-lys.reseau-demo.fr',
    openingHours: 'CMP lundi–vendredi 9 h – 17 h ; urgences psychiatriques au CH des Deux Rives',
    slug: 'chs-val-de-lys',
  },
  csapa: {
    name: 'CSAPA Le Passage',
    type: 'association',
    commune: 'Pont-de-Rives',
    address: '33 quai de Lys',
    phone: '04 65 71 11 50',
    email: 'accueil@csapa-le-passage.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 9 h – 18 h, jeudi jusqu’à 20 h',
    goodToKnow: 'Accueil anonyme et gratuit, avec ou sans rendez-vous le jeudi soir.',
    slug: 'csapa-le-passage',
  },
  pmi: {
    name: 'Centre de PMI de Pont-de-Rives',
    type: 'social_service',
    commune: 'Pont-de-Rives',
    address: '5 rue des Écoles',
    phone: '04 65 71 11 60',
    email: 'pmi.pont-de-rives@departement.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 8 h 30 – 12 h 30 et 13 h 30 – 17 h',
    slug: 'pmi-pont-de-rives',
  },
  mds: {
    name: 'Maison départementale des solidarités de Brives-sur-Lys',
    type: 'social_service',
    commune: 'Brives-sur-Lys',
    address: '18 avenue de la Gare',
    phone: '04 65 71 11 70',
    email: 'mds.brives@departement.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 9 h – 12 h et 13 h 30 – 17 h',
    slug: 'mds-brives',
  },
  mdph: {
    name: 'MDPH — antenne de Pont-de-Rives',
    type: 'social_service',
    commune: 'Pont-de-Rives',
    address: '40 boulevard de la Préfecture, rez-de-chaussée',
    phone: '04 65 71 11 80',
    phoneTimes: 'Plateforme téléphonique 9 h – 12 h',
    email: 'accueil@mdph.reseau-demo.fr',
    website: 'https://mdph.reseau-demo.fr',
    openingHours: 'Accueil physique mardi et jeudi 9 h – 12 h 30',
    slug: 'mdph',
  },
  ccasLavergne: {
    name: 'CCAS de Lavergne',
    type: 'social_service',
    commune: 'Lavergne',
    address: 'Hôtel de ville, 1 place de la Mairie',
    phone: '04 65 71 11 90',
    email: 'ccas@lavergne.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 9 h – 12 h',
    slug: 'ccas-lavergne',
  },
  mspHautBois: {
    name: 'Maison de santé du Haut-Bois',
    type: 'msp',
    commune: 'Montaigu-les-Bois',
    address: '7 rue du Stade',
    phone: '04 65 71 12 00',
    email: 'secretariat@msp-haut-bois.reseau-demo.fr',
    mssante: 'msp-haut-bois@msp-haut-bois.mssante.fr',
    openingHours: 'Lundi–vendredi 8 h – 19 h',
    goodToKnow: 'Prise de rendez-vous en ligne ou au secrétariat ; pas de consultation le samedi.',
    slug: 'msp-haut-bois',
  },
  mspColombe: {
    name: 'Pôle de santé de Sainte-Colombe',
    type: 'msp',
    commune: 'Sainte-Colombe-sur-Lys',
    address: '3 impasse du Moulin',
    phone: '04 65 71 12 10',
    email: 'accueil@pole-sante-colombe.reseau-demo.fr',
    mssante: 'pole-sante@pole-sante-colombe.mssante.fr',
    openingHours: 'Lundi–vendredi 8 h 30 – 19 h, samedi 9 h – 12 h',
    slug: 'pole-sante-colombe',
  },
  mspQuais: {
    name: 'Maison de santé des Quais',
    type: 'msp',
    commune: 'Brives-sur-Lys',
    address: '11 quai Saint-Roch',
    phone: '04 65 71 12 20',
    email: 'secretariat@msp-quais.reseau-demo.fr',
    mssante: 'msp-quais@msp-quais.mssante.fr',
    website: 'https://msp-quais.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 8 h – 20 h, samedi 8 h – 12 h',
    slug: 'msp-quais',
  },
  ideRemparts: {
    name: 'Cabinet infirmier des Remparts',
    type: 'nursing_practice',
    commune: 'Pont-de-Rives',
    address: '22 rue des Remparts',
    phone: '04 65 71 12 30',
    phoneTimes: 'Permanence 7 h 30 – 8 h et 12 h 30 – 13 h 30',
    mssante: 'cabinet@ide-remparts.mssante.fr',
    openingHours: 'Soins à domicile 7 j/7 ; permanence au cabinet 7 h 30 – 8 h 30',
    preferred: 'sms',
    goodToKnow: 'Laisser un SMS avec nom, adresse et soin demandé : rappel dans la journée.',
    slug: 'ide-remparts',
  },
  kinePont: {
    name: 'Cabinet de kinésithérapie du Pont',
    type: 'therapy_practice',
    commune: 'Pont-de-Rives',
    address: '8 rue du Pont-Vieux',
    phone: '04 65 71 12 40',
    mssante: 'cabinet@kine-du-pont.mssante.fr',
    openingHours: 'Lundi–vendredi 7 h 30 – 20 h, samedi matin pour les urgences respiratoires',
    slug: 'kine-du-pont',
  },
  acacias: {
    name: 'Cabinet médical des Acacias',
    type: 'medical_practice',
    commune: 'Lavergne',
    address: '14 allée des Acacias',
    phone: '04 65 71 12 50',
    mssante: 'cabinet@cm-acacias.mssante.fr',
    openingHours: 'Lundi–vendredi 8 h – 12 h et 14 h – 19 h',
    slug: 'cm-acacias',
  },
  pharmaPont: {
    name: 'Pharmacie du Pont',
    type: 'pharmacy',
    commune: 'Pont-de-Rives',
    address: '2 rue du Pont-Vieux',
    phone: '04 65 71 12 60',
    mssante: 'pharmacie-pont@pharmacien.mssante.fr',
    openingHours: 'Lundi–samedi 8 h 30 – 20 h',
    slug: 'pharmacie-pont',
  },
  pharmaQuais: {
    name: 'Pharmacie des Quais',
    type: 'pharmacy',
    commune: 'Brives-sur-Lys',
    address: '9 quai Saint-Roch',
    phone: '04 65 71 12 70',
    mssante: 'pharmacie-quais@pharmacien.mssante.fr',
    openingHours: 'Lundi–samedi 9 h – 12 h 30 et 14 h – 19 h 30',
    slug: 'pharmacie-quais',
  },
  pharmaMarche: {
    name: 'Pharmacie du Marché',
    type: 'pharmacy',
    commune: 'Lavergne',
    address: '6 place du Marché',
    phone: '04 65 71 12 80',
    email: 'pharmacie.marche@officine.reseau-demo.fr',
    openingHours: 'Lundi–samedi 8 h 45 – 12 h 30 et 14 h – 19 h 15',
    slug: 'pharmacie-marche',
  },
  pharmaMontaigu: {
    name: 'Pharmacie de Montaigu',
    type: 'pharmacy',
    commune: 'Montaigu-les-Bois',
    address: '1 rue du Stade',
    phone: '04 65 71 12 90',
    openingHours: 'Lundi–vendredi 9 h – 12 h 30 et 14 h 30 – 19 h, samedi matin',
    slug: 'pharmacie-montaigu',
  },
  pharmaColombe: {
    name: 'Pharmacie de Sainte-Colombe',
    type: 'pharmacy',
    commune: 'Sainte-Colombe-sur-Lys',
    address: '19 Grande Rue',
    phone: '04 65 71 13 00',
    openingHours: 'Lundi–samedi 9 h – 12 h 30 et 14 h 30 – 19 h 30',
    slug: 'pharmacie-colombe',
  },
  ehpadLys: {
    name: 'EHPAD Résidence du Lys',
    type: 'nursing_home',
    commune: 'Sainte-Colombe-sur-Lys',
    address: '44 route de Brives',
    phone: '04 65 71 13 10',
    email: 'direction@residence-du-lys.reseau-demo.fr',
    mssante: 'soins@residence-du-lys.mssante.fr',
    openingHours: 'Accueil 9 h – 17 h ; visites 10 h – 19 h',
    slug: 'residence-du-lys',
  },
  admr: {
    name: 'ADMR du Val de Lys',
    type: 'home_care',
    commune: 'Lavergne',
    address: '10 rue des Artisans',
    phone: '04 65 71 13 20',
    email: 'valdelys@admr.reseau-demo.fr',
    openingHours: 'Lundi–vendredi 9 h – 12 h et 14 h – 17 h',
    slug: 'admr-val-de-lys',
  },
  aidants: {
    name: 'Association Les Aidants des Deux Rives',
    type: 'association',
    commune: 'Brives-sur-Lys',
    address: 'Maison des associations, 5 rue Victor-Hugo',
    phone: '04 65 71 13 30',
    email: 'bonjour@aidants-deux-rives.reseau-demo.fr',
    website: 'https://aidants-deux-rives.reseau-demo.fr',
    openingHours: 'Permanence mardi et vendredi 14 h – 17 h',
    preferred: 'email',
    slug: 'aidants-deux-rives',
  },
  oncolys: {
    name: 'Oncolys — soutien aux personnes touchées par un cancer',
    type: 'association',
    commune: 'Brives-sur-Lys',
    address: '27 allée des Marronniers (hall de la Clinique du Parc)',
    phone: '04 65 71 13 40',
    email: 'contact@oncolys.reseau-demo.fr',
    website: 'https://oncolys.reseau-demo.fr',
    openingHours: 'Lundi, mercredi, vendredi 10 h – 16 h',
    slug: 'oncolys',
  },
  equilibre: {
    name: 'Association Équilibre — éducation thérapeutique',
    type: 'association',
    commune: 'Pont-de-Rives',
    address: '4 rue des Mariniers, 1er étage',
    phone: '04 65 71 13 50',
    email: 'etp@equilibre.reseau-demo.fr',
    mssante: 'etp@equilibre.mssante.fr',
    openingHours: 'Ateliers en semaine, sur inscription',
    preferred: 'secure_messaging',
    slug: 'equilibre',
  },
  camsp: {
    name: 'CAMSP des Deux Rives',
    type: 'health_centre',
    commune: 'Pont-de-Rives',
    address: '7 rue des Écoles',
    phone: '04 65 71 13 60',
    email: 'secretariat@camsp-deux-rives.reseau-demo.fr',
    mssante: 'camsp@camsp-deux-rives.mssante.fr',
    openingHours: 'Lundi–vendredi 8 h 30 – 17 h 30, fermé en août',
    slug: 'camsp-deux-rives',
  },
  sportSante: {
    name: 'Maison sport-santé des Deux Rives',
    type: 'association',
    commune: 'Pont-de-Rives',
    address: 'Complexe sportif des Berges, avenue du Lys',
    phone: '04 65 71 13 70',
    email: 'contact@sport-sante-deux-rives.reseau-demo.fr',
    website: 'https://sport-sante-deux-rives.reseau-demo.fr',
    openingHours: 'Lundi–samedi 9 h – 19 h',
    slug: 'sport-sante-deux-rives',
  },
  mobilite: {
    name: 'Mobilité solidaire du Lys',
    type: 'association',
    commune: 'Sainte-Colombe-sur-Lys',
    address: 'Salle polyvalente, rue des Écoles',
    phone: '04 65 71 13 80',
    phoneTimes: 'Réservations lundi–jeudi 9 h – 11 h',
    email: 'transport@mobilite-lys.reseau-demo.fr',
    openingHours: 'Transports du lundi au vendredi',
    goodToKnow: 'Réserver au moins 48 h à l’avance.',
    slug: 'mobilite-lys',
  },
  gem: {
    name: 'GEM La Passerelle — groupe d’entraide mutuelle',
    type: 'association',
    commune: 'Lavergne',
    address: '2 rue du Four',
    phone: '04 65 71 13 90',
    email: 'gem.lapasserelle@asso.reseau-demo.fr',
    openingHours: 'Mardi–samedi 13 h 30 – 18 h',
    slug: 'gem-passerelle',
  },
} satisfies Record<string, TDemoOrganisation>;

export type TDemoOrgKey = keyof typeof DEMO_ORGANISATIONS;

export type TDemoMember = {
  /** Handle used by the rest of the seed (logins, care teams); only the original members have one. */
  key?: string;
  firstName: string;
  lastName: string;
  profession: TProfession;
  specialty?: string;
  org: TDemoOrgKey;
  title: string;
  /** A second place of work. */
  also?: { org: TDemoOrgKey; title: string };
  languages?: TLanguage[];
  /** May edit the services of their (first) organisation. */
  canEdit?: boolean;
  goodToKnow?: string;
};

type TMemberExtra = Omit<TDemoMember, 'firstName' | 'lastName' | 'profession' | 'org' | 'title'>;
const m = (
  firstName: string,
  lastName: string,
  profession: TProfession,
  org: TDemoOrgKey,
  title: string,
  extra: TMemberExtra = {},
): TDemoMember => ({ firstName, lastName, profession, org, title, ...extra });

/** ~150 members; the first 15 are the original demo people (their keys are used elsewhere). */
export const DEMO_MEMBERS: TDemoMember[] = [
  m('Claire', 'Fontaine', 'network_staff', 'dac', 'Chargée de mission du réseau', {
    key: 'admin',
    canEdit: true,
    languages: ['fr', 'en'],
  }),
  m('Sophie', 'Martin', 'case_manager', 'dac', 'Gestionnaire de cas', {
    key: 'coordinator',
    goodToKnow:
      'Joignable en direct 8 h 30 – 9 h 30 ; sinon laisser un message, rappel le jour même.',
  }),
  m('Julien', 'Moreau', 'case_manager', 'dac', 'Gestionnaire de cas', {
    key: 'coordinator2',
    languages: ['fr', 'es'],
  }),
  m('Paul', 'Lefèvre', 'general_practitioner', 'msp', 'Médecin généraliste', {
    key: 'professional',
    also: { org: 'cpts', title: 'Président de la CPTS' },
    goodToKnow: 'Messagerie sécurisée MSSanté de préférence ; appels entre 12 h 30 et 13 h 30.',
  }),
  m('Nadia', 'Benali', 'social_worker', 'ccas', 'Assistante sociale', {
    key: 'social',
    languages: ['fr', 'ar'],
  }),
  m('Marc', 'Dubois', 'other', 'ars', 'Chargé de mission parcours', { key: 'steering' }),
  m('Élodie', 'Garnier', 'nurse', 'msp', 'Infirmière libérale', {
    key: 'nurse',
    goodToKnow: 'Appeler avant 9 h ou après 19 h, en dehors des tournées.',
  }),
  m('Karim', 'Haddad', 'nurse', 'ssiad', 'Infirmier coordinateur', {
    key: 'nurse2',
    canEdit: true,
    languages: ['fr', 'ar'],
  }),
  m('Anne', 'Perrin', 'pharmacist', 'pharmacie', 'Pharmacienne titulaire', {
    key: 'pharmacist',
    canEdit: true,
  }),
  m('Thomas', 'Girard', 'physiotherapist', 'msp', 'Masseur-kinésithérapeute', {
    key: 'physio',
    also: { org: 'sportSante', title: 'Kinésithérapeute référent sport-santé' },
  }),
  m('Isabelle', 'Roche', 'nurse', 'ch', 'Infirmière de liaison', {
    key: 'liaison',
    goodToKnow: 'Prévenir 48 h avant une sortie complexe pour organiser le retour à domicile.',
  }),
  m('Hélène', 'Marchand', 'specialist', 'ch', 'Gériatre', {
    key: 'geriatrician',
    specialty: 'Gériatrie',
    canEdit: true,
  }),
  m('Louis', 'Bertrand', 'psychologist', 'cds', 'Psychologue', {
    key: 'psychologist',
    also: { org: 'aidants', title: 'Animateur du groupe de parole des aidants' },
  }),
  m('Fatima', 'Ould', 'home_aide', 'saad', 'Auxiliaire de vie', {
    key: 'aide',
    languages: ['fr', 'ar'],
  }),
  m('Camille', 'Lambert', 'general_practitioner', 'cds', 'Médecin généraliste', { key: 'gp2' }),

  // DAC Deux Rives
  m('Léa', 'Caron', 'case_manager', 'dac', 'Gestionnaire de cas'),
  m('Mehdi', 'Bensaïd', 'case_manager', 'dac', 'Gestionnaire de cas', { languages: ['fr', 'ar'] }),
  m('Aurélie', 'Vidal', 'case_manager', 'dac', 'Gestionnaire de cas — santé mentale'),
  m('Stéphanie', 'Robin', 'coordinator', 'dac', 'Directrice du DAC', { canEdit: true }),
  m('Baptiste', 'Lemaire', 'coordinator', 'dac', 'Coordinateur d’appui'),
  m('Manon', 'Perret', 'network_staff', 'dac', 'Assistante de coordination — accueil téléphonique'),
  m('Chloé', 'Meunier', 'social_worker', 'dac', 'Assistante sociale du DAC'),

  // Centre hospitalier des Deux Rives
  m('Sylvie', 'Bonnet', 'specialist', 'ch', 'Médecin de l’équipe mobile de soins palliatifs', {
    specialty: 'Soins palliatifs',
  }),
  m('Olivier', 'Dumas', 'specialist', 'ch', 'Cardiologue', { specialty: 'Cardiologie' }),
  m('Rachid', 'Mansouri', 'specialist', 'ch', 'Médecin addictologue (ELSA)', {
    specialty: 'Addictologie',
    languages: ['fr', 'ar'],
  }),
  m('Inès', 'Carvalho', 'specialist', 'ch', 'Endocrinologue-diabétologue', {
    specialty: 'Endocrinologie, diabétologie',
    languages: ['fr', 'pt'],
  }),
  m('Laure', 'Petit', 'nurse', 'ch', 'Infirmière de l’équipe mobile de gériatrie'),
  m('Damien', 'Roussel', 'nurse', 'ch', 'Infirmier de l’équipe mobile de soins palliatifs'),
  m(
    'Céline',
    'Fabre',
    'nurse',
    'ch',
    'Infirmière d’éducation thérapeutique — insuffisance cardiaque',
    {
      also: { org: 'equilibre', title: 'Animatrice d’ateliers ETP' },
    },
  ),
  m('Patricia', 'Hoarau', 'social_worker', 'ch', 'Assistante sociale hospitalière'),
  m('Jérôme', 'Besson', 'social_worker', 'ch', 'Assistant social — urgences et médecine'),
  m('Agathe', 'Rey', 'psychologist', 'ch', 'Neuropsychologue — consultation mémoire', {
    specialty: 'Neuropsychologie',
  }),
  m('Émilie', 'Schmitt', 'midwife', 'ch', 'Sage-femme coordinatrice de la maternité', {
    languages: ['fr', 'de'],
  }),
  m('Julie', 'Masson', 'midwife', 'ch', 'Sage-femme — consultations prénatales'),
  m('Pauline', 'Brunet', 'dietitian', 'ch', 'Diététicienne'),
  m(
    'Hugo',
    'Marty',
    'occupational_therapist',
    'ch',
    'Ergothérapeute de l’équipe mobile de gériatrie',
  ),
  m('Valérie', 'Chauvin', 'coordinator', 'ch', 'Cadre de santé — cellule de gestion des sorties', {
    canEdit: true,
  }),

  // Clinique du Parc
  m('Nicolas', 'Fournier', 'specialist', 'clinique', 'Oncologue médical', {
    specialty: 'Oncologie médicale',
  }),
  m('Aline', 'Morin', 'nurse', 'clinique', 'Infirmière de coordination en cancérologie (IDEC)', {
    canEdit: true,
  }),
  m('Maxime', 'Colin', 'physiotherapist', 'clinique', 'Kinésithérapeute — SMR'),
  m('Elena', 'Rossi', 'physiotherapist', 'clinique', 'Kinésithérapeute — SMR', {
    languages: ['fr', 'it'],
  }),
  m('Margaux', 'Dupuis', 'occupational_therapist', 'clinique', 'Ergothérapeute — SMR'),
  m('Nathalie', 'Gaillard', 'dietitian', 'clinique', 'Diététicienne', {
    also: { org: 'oncolys', title: 'Ateliers nutrition et cancer' },
  }),
  m('Sarah', 'Cohen', 'psychologist', 'clinique', 'Psychologue — psycho-oncologie', {
    languages: ['fr', 'en'],
    also: { org: 'oncolys', title: 'Permanence de soutien psychologique' },
  }),

  // MSP des Tilleuls
  m('Bernard', 'Laurent', 'general_practitioner', 'msp', 'Médecin généraliste, maître de stage'),
  m('Amélie', 'Renard', 'general_practitioner', 'msp', 'Médecin généraliste', {
    also: { org: 'ehpad', title: 'Médecin traitant de résidents' },
  }),
  m('Youssef', 'Amrani', 'general_practitioner', 'msp', 'Médecin généraliste', {
    languages: ['fr', 'ar', 'en'],
  }),
  m('Marion', 'Clément', 'nurse', 'msp', 'Infirmière Asalée', {
    also: { org: 'equilibre', title: 'Éducatrice ETP diabète' },
  }),
  m('Alexandre', 'Barre', 'nurse', 'msp', 'Infirmier libéral'),
  m('Lucie', 'Hubert', 'physiotherapist', 'msp', 'Masseur-kinésithérapeute'),
  m('Anaïs', 'Lacroix', 'speech_therapist', 'msp', 'Orthophoniste'),
  m('Florence', 'Gilbert', 'coordinator', 'msp', 'Coordinatrice de la MSP', { canEdit: true }),

  // Centre de santé de Lavergne
  m(
    'Marie-Claire',
    'Rivière',
    'general_practitioner',
    'cds',
    'Médecin généraliste, responsable médicale',
    {
      canEdit: true,
    },
  ),
  m('João', 'Ferreira', 'general_practitioner', 'cds', 'Médecin généraliste', {
    languages: ['fr', 'pt', 'es'],
  }),
  m('Sabrina', 'Lopes', 'nurse', 'cds', 'Infirmière', { languages: ['fr', 'pt'] }),
  m('Nicolas', 'Benoît', 'nurse', 'cds', 'Infirmier'),
  m('Karine', 'Lebrun', 'social_worker', 'cds', 'Assistante sociale du centre de santé', {
    also: { org: 'ccasLavergne', title: 'Permanence d’accès aux droits' },
  }),
  m('Coralie', 'Jacquet', 'dietitian', 'cds', 'Diététicienne', {
    also: { org: 'equilibre', title: 'Diététicienne ETP' },
  }),

  // CPTS
  m('Delphine', 'Marchal', 'coordinator', 'cpts', 'Coordinatrice de la CPTS', { canEdit: true }),

  // EHPAD Les Glycines
  m('Michel', 'Perrot', 'general_practitioner', 'ehpad', 'Médecin coordonnateur'),
  m('Corinne', 'Vasseur', 'nurse', 'ehpad', 'Infirmière coordinatrice (IDEC)', { canEdit: true }),
  m('Nadège', 'Royer', 'nurse', 'ehpad', 'Infirmière'),
  m('Mélanie', 'Guillot', 'care_assistant', 'ehpad', 'Aide-soignante'),
  m('Kevin', 'Lucas', 'care_assistant', 'ehpad', 'Aide-soignant'),
  m(
    'Ana',
    'Pereira',
    'care_assistant',
    'ehpad',
    'Assistante de soins en gérontologie — accueil de jour',
    {
      languages: ['fr', 'pt'],
    },
  ),
  m('Claire-Marie', 'Huet', 'psychologist', 'ehpad', 'Psychologue', {
    also: { org: 'ehpadLys', title: 'Psychologue (mi-temps)' },
  }),

  // SSIAD du Pays de Rives
  m('Audrey', 'Leblanc', 'nurse', 'ssiad', 'Infirmière coordinatrice adjointe'),
  m('Sébastien', 'Roy', 'nurse', 'ssiad', 'Infirmier — équipe spécialisée Alzheimer'),
  m('Virginie', 'Durand', 'care_assistant', 'ssiad', 'Aide-soignante'),
  m('Laetitia', 'Martinez', 'care_assistant', 'ssiad', 'Aide-soignante', {
    languages: ['fr', 'es'],
  }),
  m('Samia', 'Bouzid', 'care_assistant', 'ssiad', 'Assistante de soins en gérontologie (ESA)', {
    languages: ['fr', 'ar'],
  }),
  m('Cyril', 'Poirier', 'care_assistant', 'ssiad', 'Aide-soignant'),
  m(
    'Éva',
    'Charpentier',
    'occupational_therapist',
    'ssiad',
    'Ergothérapeute — équipe spécialisée Alzheimer',
  ),

  // Aide et Présence
  m('Émeline', 'Bouvier', 'coordinator', 'saad', 'Responsable de secteur', { canEdit: true }),
  m('Josiane', 'Maillard', 'home_aide', 'saad', 'Aide à domicile'),
  m('Sonia', 'Da Silva', 'home_aide', 'saad', 'Auxiliaire de vie', { languages: ['fr', 'pt'] }),
  m('Rose', 'Ndiaye', 'home_aide', 'saad', 'Auxiliaire de vie'),
  m('Nathalie', 'Blanchard', 'home_aide', 'saad', 'Aide à domicile'),
  m('Hayat', 'Cherif', 'home_aide', 'saad', 'Auxiliaire de vie — garde de nuit', {
    languages: ['fr', 'ar'],
  }),
  m('Priscilla', 'Rémy', 'care_assistant', 'saad', 'Accompagnante éducative et sociale'),

  // Pharmacies
  m('Vincent', 'Michaud', 'pharmacist', 'pharmacie', 'Pharmacien adjoint'),
  m('Bruno', 'Tessier', 'pharmacist', 'pharmaPont', 'Pharmacien titulaire', { canEdit: true }),
  m('Leila', 'Saidi', 'pharmacist', 'pharmaPont', 'Pharmacienne adjointe', {
    languages: ['fr', 'ar'],
  }),
  m('Frédéric', 'Hamel', 'pharmacist', 'pharmaQuais', 'Pharmacien titulaire'),
  m('Cécile', 'Weber', 'pharmacist', 'pharmaQuais', 'Pharmacienne adjointe', {
    languages: ['fr', 'de'],
  }),
  m('Xavier', 'Delorme', 'pharmacist', 'pharmaMarche', 'Pharmacien titulaire'),
  m('Sandrine', 'Pons', 'pharmacist', 'pharmaMarche', 'Pharmacienne adjointe'),
  m('Gérard', 'Joly', 'pharmacist', 'pharmaMontaigu', 'Pharmacien titulaire'),
  m('Isabel', 'Santos', 'pharmacist', 'pharmaColombe', 'Pharmacienne titulaire', {
    languages: ['fr', 'pt', 'es'],
  }),

  // CCAS, mairie
  m('Mathilde', 'Gros', 'social_worker', 'ccas', 'Conseillère en économie sociale et familiale'),
  m('Martine', 'Carré', 'other', 'mairie', 'Adjointe au maire chargée des solidarités'),

  // HAD
  m('François', 'Leconte', 'general_practitioner', 'had', 'Médecin coordonnateur HAD'),
  m('Cédric', 'Dumont', 'nurse', 'had', 'Infirmier coordinateur HAD', { canEdit: true }),
  m('Estelle', 'Jourdan', 'nurse', 'had', 'Infirmière HAD'),
  m('Carole', 'Japy', 'nurse', 'had', 'Infirmière HAD — équipe de nuit'),
  m('Jonathan', 'Marais', 'care_assistant', 'had', 'Aide-soignant HAD'),

  // CHS du Val de Lys
  m('Leïla', 'Haddou', 'specialist', 'chs', 'Psychiatre, responsable du CMP adultes', {
    specialty: 'Psychiatrie',
    languages: ['fr', 'ar'],
    canEdit: true,
  }),
  m('Fabien', 'Guillaume', 'nurse', 'chs', 'Infirmier de secteur psychiatrique — CMP adultes', {
    also: { org: 'gem', title: 'Référent soignant du GEM' },
  }),
  m('Romain', 'Vallée', 'nurse', 'chs', 'Infirmier — équipe mobile psychiatrie précarité'),
  m('Bérénice', 'Mallet', 'psychologist', 'chs', 'Psychologue — CMP enfants et adolescents'),
  m(
    'Capucine',
    'Thibault',
    'speech_therapist',
    'chs',
    'Orthophoniste — CMP enfants et adolescents',
  ),
  m('Dounia', 'Kaci', 'social_worker', 'chs', 'Assistante sociale — EMPP', {
    languages: ['fr', 'ar'],
  }),

  // CSAPA
  m('Thibaut', 'Maréchal', 'nurse', 'csapa', 'Infirmier en addictologie', { canEdit: true }),
  m(
    'Gaëlle',
    'Prévost',
    'psychologist',
    'csapa',
    'Psychologue — consultations jeunes consommateurs',
    {
      languages: ['fr', 'en'],
    },
  ),
  m('Samuel', 'Ziani', 'social_worker', 'csapa', 'Éducateur spécialisé'),

  // PMI
  m('Béatrice', 'Hamon', 'general_practitioner', 'pmi', 'Médecin de PMI', { canEdit: true }),
  m('Solène', 'Guichard', 'midwife', 'pmi', 'Sage-femme de PMI'),
  m('Amandine', 'Texier', 'nurse', 'pmi', 'Infirmière puéricultrice', {
    specialty: 'Puériculture',
  }),

  // MDS, MDPH
  m('Marina', 'Fernandes', 'social_worker', 'mds', 'Assistante sociale de secteur', {
    languages: ['fr', 'pt'],
  }),
  m('Jordan', 'Pasquier', 'social_worker', 'mds', 'Évaluateur médico-social APA', {
    canEdit: true,
  }),
  m('Corinne', 'Brossard', 'other', 'mdph', 'Conseillère d’accueil MDPH'),
  m('Nora', 'Benhamou', 'occupational_therapist', 'mdph', 'Ergothérapeute évaluatrice PCH', {
    languages: ['fr', 'ar'],
  }),

  // Maison de santé du Haut-Bois
  m('Christophe', 'Bailly', 'general_practitioner', 'mspHautBois', 'Médecin généraliste', {
    canEdit: true,
    also: { org: 'ehpad', title: 'Médecin traitant de résidents' },
  }),
  m('Laura', 'Schneider', 'general_practitioner', 'mspHautBois', 'Médecin généraliste', {
    languages: ['fr', 'de', 'en'],
  }),
  m('Pierre-Yves', 'Lenoir', 'general_practitioner', 'mspHautBois', 'Médecin généraliste'),
  m('Gwenaëlle', 'Le Gall', 'nurse', 'mspHautBois', 'Infirmière libérale'),
  m('Mickaël', 'Hardy', 'nurse', 'mspHautBois', 'Infirmier libéral'),
  m('Antoine', 'Leroy', 'physiotherapist', 'mspHautBois', 'Masseur-kinésithérapeute'),

  // Pôle de santé de Sainte-Colombe
  m('Vincent', 'Aubry', 'general_practitioner', 'mspColombe', 'Médecin généraliste', {
    also: { org: 'ehpadLys', title: 'Médecin coordonnateur' },
  }),
  m('Hélène', 'Vial', 'general_practitioner', 'mspColombe', 'Médecin généraliste', {
    canEdit: true,
  }),
  m('Jessica', 'Besnard', 'nurse', 'mspColombe', 'Infirmière libérale'),
  m('Clément', 'Rousseau', 'physiotherapist', 'mspColombe', 'Masseur-kinésithérapeute'),
  m('Eléonore', 'Cordier', 'speech_therapist', 'mspColombe', 'Orthophoniste'),

  // Maison de santé des Quais
  m('Arnaud', 'Delmas', 'general_practitioner', 'mspQuais', 'Médecin généraliste', {
    canEdit: true,
  }),
  m('Sofia', 'Moretti', 'general_practitioner', 'mspQuais', 'Médecin généraliste', {
    languages: ['fr', 'it', 'en'],
  }),
  m('Guillaume', 'Ferrand', 'general_practitioner', 'mspQuais', 'Médecin généraliste'),
  m('Nolwenn', 'Riou', 'nurse', 'mspQuais', 'Infirmière libérale — pratique avancée'),
  m('Marine', 'Huguet', 'midwife', 'mspQuais', 'Sage-femme libérale'),
  m('Benoît', 'Carpentier', 'physiotherapist', 'mspQuais', 'Masseur-kinésithérapeute'),
  m('Lucille', 'Maury', 'dietitian', 'mspQuais', 'Diététicienne-nutritionniste'),
  m('Ophélie', 'Granger', 'speech_therapist', 'mspQuais', 'Orthophoniste'),
  m(
    'Mathis',
    'Perrier',
    'occupational_therapist',
    'mspQuais',
    'Ergothérapeute libéral — aménagement du domicile',
  ),

  // Cabinet infirmier des Remparts
  m('Sylvain', 'Boucher', 'nurse', 'ideRemparts', 'Infirmier libéral', { canEdit: true }),
  m('Aurore', 'Lefort', 'nurse', 'ideRemparts', 'Infirmière libérale'),
  m('Myriam', 'Belkacem', 'nurse', 'ideRemparts', 'Infirmière libérale', {
    languages: ['fr', 'ar'],
  }),
  m('Bastien', 'Ollivier', 'nurse', 'ideRemparts', 'Infirmier libéral'),

  // Cabinet de kinésithérapie du Pont
  m('Julien', 'Navarro', 'physiotherapist', 'kinePont', 'Masseur-kinésithérapeute — respiratoire', {
    languages: ['fr', 'es'],
  }),
  m('Charlotte', 'Baron', 'physiotherapist', 'kinePont', 'Masseur-kinésithérapeute — vestibulaire'),
  m('Quentin', 'Mathieu', 'physiotherapist', 'kinePont', 'Masseur-kinésithérapeute', {
    also: { org: 'sportSante', title: 'Séances d’activité physique adaptée' },
  }),
  m('Emma', 'Lebon', 'physiotherapist', 'kinePont', 'Masseur-kinésithérapeute'),

  // Cabinet médical des Acacias
  m('Philippe', 'Roger', 'general_practitioner', 'acacias', 'Médecin généraliste'),
  m('Étienne', 'Rigaud', 'general_practitioner', 'acacias', 'Médecin généraliste remplaçant'),
  m('Nadia', 'Ferhat', 'general_practitioner', 'acacias', 'Médecin généraliste', {
    languages: ['fr', 'ar'],
  }),
  m('Thierry', 'Gautier', 'general_practitioner', 'acacias', 'Médecin généraliste', {
    also: { org: 'cpts', title: 'Référent soins non programmés' },
  }),

  // EHPAD Résidence du Lys
  m('Véronique', 'Pichon', 'nurse', 'ehpadLys', 'Infirmière coordinatrice (IDEC)', {
    canEdit: true,
  }),
  m('Amélie', 'Gomes', 'care_assistant', 'ehpadLys', 'Aide-soignante', { languages: ['fr', 'pt'] }),
  m('David', 'Millet', 'care_assistant', 'ehpadLys', 'Assistant de soins en gérontologie — PASA'),

  // ADMR du Val de Lys
  m('Monique', 'Berthier', 'home_aide', 'admr', 'Aide à domicile', { canEdit: true }),
  m('Yasmine', 'Toumi', 'home_aide', 'admr', 'Auxiliaire de vie', { languages: ['fr', 'ar'] }),
  m('Chantal', 'Vincent', 'home_aide', 'admr', 'Aide à domicile'),
  m('Fanny', 'Duval', 'care_assistant', 'admr', 'Accompagnante éducative et sociale'),
  m('Lina', 'Costa', 'home_aide', 'admr', 'Auxiliaire de vie', { languages: ['fr', 'pt', 'it'] }),

  // Mobilité solidaire
  m('Bernadette', 'Lagarde', 'coordinator', 'mobilite', 'Coordinatrice des conducteurs bénévoles'),

  // CAMSP
  m('Gabriel', 'Marchetti', 'specialist', 'camsp', 'Pédiatre, directeur médical du CAMSP', {
    specialty: 'Pédiatrie',
    languages: ['fr', 'it'],
    canEdit: true,
  }),
  m('Inès', 'Lemarchand', 'physiotherapist', 'camsp', 'Kinésithérapeute pédiatrique'),
  m('Zoé', 'Fleury', 'occupational_therapist', 'camsp', 'Ergothérapeute pédiatrique'),
  m('Apolline', 'Guérard', 'speech_therapist', 'camsp', 'Orthophoniste'),

  // Associations
  m('Yann', 'Kerbrat', 'psychologist', 'aidants', 'Psychologue des aidants'),
];

type TServiceChannel = TChannel;
const tel = (value: string, bestTimes?: string, preferred = false): TServiceChannel => ({
  kind: 'phone',
  value,
  ...(bestTimes ? { bestTimes } : {}),
  ...(preferred ? { preferred } : {}),
});
const mss = (value: string, preferred = false, bestTimes?: string): TServiceChannel => ({
  kind: 'secure_messaging',
  value,
  ...(bestTimes ? { bestTimes } : {}),
  ...(preferred ? { preferred } : {}),
});
const mail = (value: string, preferred = false): TServiceChannel => ({
  kind: 'email',
  value,
  ...(preferred ? { preferred } : {}),
});
const sms = (value: string, bestTimes?: string, preferred = false): TServiceChannel => ({
  kind: 'sms',
  value,
  ...(bestTimes ? { bestTimes } : {}),
  ...(preferred ? { preferred } : {}),
});
const onSite = (value: string, bestTimes?: string): TServiceChannel => ({
  kind: 'in_person',
  value,
  ...(bestTimes ? { bestTimes } : {}),
});

export type TDemoService = {
  org: TDemoOrgKey;
  name: string;
  description: string;
  missions: string;
  /** What the service does NOT do: the most useful line for whoever orients a person. */
  limits: string;
  eligibility: string;
  careStreams: TCareStream[];
  communes: TDemoCommune[];
  waitingTime: string;
  accepting: 'yes' | 'no' | 'conditions';
  acceptingConditions?: string;
  hours: string;
  costNotes: string;
  channels: TChannel[];
  goodToKnow?: string;
};

/** ~60 services, with what each does and, as importantly, what it does not do. */
export const DEMO_SERVICES: TDemoService[] = [
  // — DAC Deux Rives
  {
    org: 'dac',
    name: 'Appui à la coordination des parcours complexes',
    description:
      'Gestion de cas pour les personnes dont la situation de santé, d’autonomie ou sociale est devenue trop complexe pour être coordonnée par un seul professionnel.',
    missions:
      'Évaluation multidimensionnelle à domicile, plan personnalisé de coordination en santé (PPCS), suivi au long cours par un gestionnaire de cas (40 personnes au plus), animation des concertations pluriprofessionnelles.',
    limits:
      'Ne réalise aucun soin ni aide à domicile ; ne remplace pas le médecin traitant ; n’intervient pas en urgence (appeler le 15).',
    eligibility:
      'Toute personne du territoire, sans condition d’âge ni de pathologie, en situation complexe ; demande par un professionnel, la personne ou un proche, avec son accord.',
    careStreams: ['elderly', 'disability', 'mental_health', 'palliative', 'social_rights'],
    communes: ALL_COMMUNES,
    waitingTime: 'Réponse à la demande sous 48 h ; première visite sous 10 jours',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h 30 – 17 h 30',
    costNotes: 'Gratuit pour la personne (financement ARS).',
    channels: [
      tel('04 65 71 10 00', 'lun.–ven. 8 h 30 – 17 h 30', true),
      mss('appui@dac-deux-rives.mssante.fr'),
    ],
    goodToKnow: 'Joindre le dernier courrier médical et préciser si la personne est d’accord.',
  },
  {
    org: 'dac',
    name: 'Information et orientation des professionnels',
    description:
      'Un guichet unique pour tout professionnel qui cherche la bonne ressource du territoire pour une personne.',
    missions:
      'Répondre aux questions « qui fait quoi », orienter vers le bon service, aider à monter un dossier (APA, MDPH, aide sociale), diffuser les protocoles partagés du réseau.',
    limits:
      'Ne prend pas de décision d’admission à la place des services ; ne donne pas d’avis médical.',
    eligibility: 'Professionnels de santé, du social et du médico-social du territoire.',
    careStreams: ['elderly', 'disability', 'social_rights'],
    communes: ALL_COMMUNES,
    waitingTime: 'Réponse dans la journée ouvrée',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h 30 – 17 h 30',
    costNotes: 'Gratuit.',
    channels: [
      tel('04 65 71 10 00', 'lun.–ven. 9 h – 12 h', true),
      mail('contact@dac-deux-rives.reseau-demo.fr'),
    ],
  },
  {
    org: 'dac',
    name: 'Appui au retour à domicile après hospitalisation',
    description:
      'Organisation d’un retour à domicile sécurisé pour les personnes fragiles sortant du CH, de la clinique ou du SMR.',
    missions:
      'Liaison avec l’équipe hospitalière, mise en place des aides et des soins avant la sortie, visite à domicile dans la semaine qui suit, alerte au médecin traitant.',
    limits:
      'N’organise pas le transport sanitaire ; ne fournit pas le matériel médical (le prescrire et le commander auprès d’une pharmacie ou d’un prestataire).',
    eligibility:
      'Personnes de plus de 60 ans ou en situation de handicap, vivant sur le territoire.',
    careStreams: ['elderly', 'disability'],
    communes: ALL_COMMUNES,
    waitingTime: 'Prévenir 48 h avant la sortie',
    accepting: 'conditions',
    acceptingConditions: 'Demande reçue au moins 48 h avant la date de sortie prévue.',
    hours: 'Lundi–vendredi 8 h 30 – 17 h 30',
    costNotes: 'Gratuit.',
    channels: [mss('appui@dac-deux-rives.mssante.fr', true), tel('04 65 71 10 00', 'avant 11 h')],
  },

  // — Centre hospitalier des Deux Rives
  {
    org: 'ch',
    name: 'Équipe mobile de gériatrie (EMG)',
    description:
      'Équipe (gériatre, infirmière, ergothérapeute) qui évalue les personnes âgées fragiles dans les services du CH et, sur demande, à domicile ou en EHPAD.',
    missions:
      'Évaluation gériatrique globale, conseils thérapeutiques, prévention des chutes et de la dénutrition, aide à l’orientation (SMR, EHPAD, retour à domicile).',
    limits:
      'Ne prend pas en charge le suivi au long cours ; ne prescrit pas à la place du médecin traitant ; pas d’intervention en urgence.',
    eligibility: 'Personnes de 75 ans et plus, ou de 65 ans et plus polypathologiques.',
    careStreams: ['elderly'],
    communes: ALL_COMMUNES,
    waitingTime: '1 à 2 semaines pour une évaluation à domicile',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 17 h',
    costNotes: 'Pris en charge par l’Assurance maladie.',
    channels: [
      tel('04 65 71 20 11', 'lun.–ven. 9 h – 12 h', true),
      mss('emg@ch-deux-rives.mssante.fr'),
    ],
    goodToKnow: 'Demande par le médecin traitant avec la liste des traitements en cours.',
  },
  {
    org: 'ch',
    name: 'Consultation mémoire',
    description:
      'Consultation labellisée pour le diagnostic des troubles cognitifs (maladie d’Alzheimer et apparentées).',
    missions:
      'Bilan neuropsychologique, annonce du diagnostic, proposition d’un plan de soins et d’aides, lien avec l’équipe spécialisée Alzheimer et l’accueil de jour.',
    limits:
      'Ne fait pas de suivi psychiatrique ; ne gère pas les troubles du comportement aigus (voir l’EMG ou le CMP).',
    eligibility: 'Sur courrier du médecin traitant ; plaintes cognitives récentes.',
    careStreams: ['elderly'],
    communes: ALL_COMMUNES,
    waitingTime: 'Environ 3 mois',
    accepting: 'conditions',
    acceptingConditions: 'Uniquement sur adressage du médecin traitant, avec un MMS récent.',
    hours: 'Mardi et jeudi',
    costNotes: 'Secteur 1, tiers payant.',
    channels: [mss('memoire@ch-deux-rives.mssante.fr', true), tel('04 65 71 20 12', '14 h – 16 h')],
  },
  {
    org: 'ch',
    name: 'Équipe mobile de soins palliatifs (EMSP)',
    description:
      'Équipe de conseil et de soutien auprès des équipes soignantes, à l’hôpital, à domicile et en EHPAD.',
    missions:
      'Évaluation et conseils sur la douleur et les symptômes, aide à la réflexion éthique, soutien des proches, préparation des directives anticipées.',
    limits:
      'Ne remplace pas l’équipe soignante et ne fait pas les soins ; n’assure pas de permanence la nuit ni le week-end.',
    eligibility: 'Personnes atteintes d’une maladie grave, évolutive, quel que soit l’âge.',
    careStreams: ['palliative', 'oncology'],
    communes: ALL_COMMUNES,
    waitingTime: 'Sous 72 h',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 17 h 30',
    costNotes: 'Gratuit pour la personne.',
    channels: [
      tel('04 65 71 20 13', 'lun.–ven. 9 h – 17 h', true),
      mss('emsp@ch-deux-rives.mssante.fr'),
    ],
    goodToKnow: 'Appeler avant 11 h pour un passage dans la journée.',
  },
  {
    org: 'ch',
    name: 'Service social hospitalier',
    description: 'Assistantes sociales pour les personnes hospitalisées et leur entourage.',
    missions:
      'Ouverture et maintien des droits (CSS, ALD), préparation de la sortie, demandes d’APA en urgence, orientation vers un hébergement.',
    limits:
      'N’intervient pas après la sortie : le relais est pris par le service social de secteur ou le CCAS.',
    eligibility: 'Personnes hospitalisées ou en consultation au CH.',
    careStreams: ['social_rights', 'elderly'],
    communes: ALL_COMMUNES,
    waitingTime: 'Sous 48 h pendant l’hospitalisation',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 17 h',
    costNotes: 'Gratuit.',
    channels: [
      tel('04 65 71 20 14', '9 h – 10 h', true),
      mail('service.social@ch-deux-rives.reseau-demo.fr'),
    ],
  },
  {
    org: 'ch',
    name: 'Équipe de liaison et de soins en addictologie (ELSA)',
    description:
      'Équipe qui rencontre les patients hospitalisés ou aux urgences ayant une consommation à risque.',
    missions:
      'Repérage, évaluation, sevrage hospitalier encadré, orientation vers le CSAPA ou une consultation, formation des soignants.',
    limits: 'Pas de suivi ambulatoire au long cours (relais CSAPA) ; pas de sevrage à domicile.',
    eligibility: 'Patients du CH (urgences, services) ; adultes.',
    careStreams: ['addiction', 'mental_health'],
    communes: ALL_COMMUNES,
    waitingTime: 'Dans la journée pour un patient hospitalisé',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 17 h',
    costNotes: 'Pris en charge par l’Assurance maladie.',
    channels: [tel('04 65 71 20 15', undefined, true), mss('elsa@ch-deux-rives.mssante.fr')],
  },
  {
    org: 'ch',
    name: 'Parcours insuffisance cardiaque',
    description:
      'Consultation de cardiologie et programme d’éducation thérapeutique après une hospitalisation pour insuffisance cardiaque.',
    missions:
      'Titration des traitements, éducation à l’autosurveillance (poids, œdèmes, essoufflement), télésurveillance, lien avec l’infirmière libérale.',
    limits:
      'Pas de réadaptation cardiaque à l’effort (orientation vers le SMR) ; pas de visite à domicile.',
    eligibility:
      'Adultes avec insuffisance cardiaque, sur adressage du médecin traitant ou du cardiologue.',
    careStreams: ['cardiology', 'elderly'],
    communes: ALL_COMMUNES,
    waitingTime: '3 à 4 semaines ; sous 7 jours après une sortie d’hospitalisation',
    accepting: 'yes',
    hours: 'Lundi, mercredi, vendredi 8 h 30 – 17 h',
    costNotes: 'Secteur 1 ; ETP gratuite.',
    channels: [mss('cardio@ch-deux-rives.mssante.fr', true), tel('04 65 71 20 16', '13 h – 14 h')],
  },
  {
    org: 'ch',
    name: 'Consultations prénatales et entretien prénatal précoce',
    description: 'Suivi de grossesse à la maternité du CH, préparation à la naissance.',
    missions:
      'Entretien prénatal précoce, suivi des grossesses à risque, préparation à la naissance, lien avec la PMI et les sages-femmes libérales.',
    limits: 'Pas de suivi gynécologique hors grossesse ; pas d’accouchement à domicile.',
    eligibility: 'Femmes enceintes du territoire.',
    careStreams: ['infants'],
    communes: ALL_COMMUNES,
    waitingTime: '2 semaines',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h 30 – 17 h',
    costNotes: 'Pris en charge à 100 % à partir du 6e mois.',
    channels: [tel('04 65 71 20 17', '9 h – 12 h', true), onSite('Maternité, 2e étage')],
  },

  // — Clinique du Parc
  {
    org: 'clinique',
    name: 'Soins médicaux et de réadaptation (SMR) gériatrique',
    description:
      'Hospitalisation de rééducation après une chute, une fracture, une chirurgie ou une hospitalisation longue.',
    missions:
      'Rééducation (kinésithérapie, ergothérapie), renutrition, adaptation du domicile, préparation du retour à domicile avec le DAC.',
    limits:
      'N’accepte pas les personnes nécessitant une surveillance continue ou une assistance respiratoire ; pas d’hébergement définitif.',
    eligibility: 'Adultes de plus de 75 ans, sur demande via Trajectoire par un médecin.',
    careStreams: ['elderly'],
    communes: ALL_COMMUNES,
    waitingTime: '5 à 10 jours',
    accepting: 'conditions',
    acceptingConditions: 'Liste d’attente ; priorité aux sorties du CH des Deux Rives.',
    hours: 'Admissions lundi–vendredi',
    costNotes: 'Forfait journalier hospitalier ; chambre particulière en supplément.',
    channels: [
      mss('admissions@clinique-du-parc.mssante.fr', true),
      tel('04 65 71 20 21', '10 h – 12 h'),
    ],
  },
  {
    org: 'clinique',
    name: 'Hôpital de jour d’oncologie',
    description: 'Chimiothérapies et traitements ambulatoires, consultations d’annonce.',
    missions:
      'Traitements en hôpital de jour, dispositif d’annonce, infirmière de coordination du parcours, soins de support (psychologue, diététicienne).',
    limits:
      'Pas de radiothérapie (orientation vers le centre régional) ; pas d’hospitalisation de nuit.',
    eligibility: 'Personnes suivies pour un cancer, sur décision de réunion de concertation.',
    careStreams: ['oncology'],
    communes: ALL_COMMUNES,
    waitingTime: 'Première consultation sous 15 jours',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h – 18 h',
    costNotes: 'ALD : prise en charge à 100 %.',
    channels: [
      tel('04 65 71 20 22', '8 h – 10 h', true),
      mss('idec.onco@clinique-du-parc.mssante.fr'),
    ],
    goodToKnow: 'L’infirmière de coordination rappelle chaque patient 48 h après une cure.',
  },

  // — MSP des Tilleuls
  {
    org: 'msp',
    name: 'Médecine générale et soins non programmés — MSP des Tilleuls',
    description:
      'Consultations de médecine générale, visites à domicile pour les patients qui ne peuvent pas se déplacer.',
    missions:
      'Suivi de médecin traitant, créneaux de soins non programmés chaque jour, visites à domicile, prévention et dépistage.',
    limits:
      'Les nouveaux patients sans médecin traitant passent par la CPTS ; pas de certificats de sport sans consultation ; pas de garde de nuit.',
    eligibility: 'Habitants de Saint-Étienne-de-Valoux et des communes voisines.',
    careStreams: ['elderly', 'diabetes', 'cardiology'],
    communes: ['Saint-Étienne-de-Valoux', 'Sainte-Colombe-sur-Lys', 'Brives-sur-Lys'],
    waitingTime: 'Soins non programmés le jour même ; rendez-vous sous 1 semaine',
    accepting: 'conditions',
    acceptingConditions:
      'Nouveaux patients : uniquement les personnes en ALD sans médecin traitant, via la CPTS.',
    hours: 'Lundi–vendredi 8 h – 19 h, samedi 8 h – 12 h',
    costNotes: 'Secteur 1, tiers payant.',
    channels: [
      tel('04 65 71 10 30', '8 h – 12 h', true),
      mss('msp-tilleuls@msp-tilleuls.mssante.fr'),
    ],
    goodToKnow: 'Appeler avant 9 h pour une visite à domicile le jour même.',
  },
  {
    org: 'msp',
    name: 'Soins infirmiers à domicile — MSP des Tilleuls',
    description: 'Infirmières libérales de la MSP : soins techniques et suivi à domicile.',
    missions:
      'Injections, pansements, préparation des piluliers, surveillance des constantes, bilans de soins infirmiers, suivi Asalée (diabète, BPCO).',
    limits:
      'Pas de toilette seule sans soin technique (voir le SSIAD ou un SAAD) ; pas de passage après 20 h.',
    eligibility: 'Sur prescription médicale.',
    careStreams: ['elderly', 'diabetes'],
    communes: ['Saint-Étienne-de-Valoux', 'Sainte-Colombe-sur-Lys'],
    waitingTime: 'Sous 24 à 48 h',
    accepting: 'yes',
    hours: '7 j/7, 7 h – 20 h',
    costNotes: 'Remboursé par l’Assurance maladie sur prescription.',
    channels: [sms('06 39 98 30 01', 'réponse entre deux tournées', true), tel('04 65 71 10 30')],
    goodToKnow: 'SMS de préférence : les infirmières sont en tournée.',
  },
  {
    org: 'msp',
    name: 'Kinésithérapie au cabinet et à domicile — MSP des Tilleuls',
    description: 'Rééducation orthopédique, neurologique et gériatrique.',
    missions:
      'Rééducation après chute ou fracture, prévention des chutes, drainage, rééducation à domicile pour les personnes non déplaçables.',
    limits:
      'Pas de rééducation pédiatrique ni périnéale ; domicile seulement sur prescription « à domicile ».',
    eligibility: 'Sur prescription médicale.',
    careStreams: ['elderly'],
    communes: ['Saint-Étienne-de-Valoux'],
    waitingTime: '3 semaines au cabinet, 6 semaines à domicile',
    accepting: 'conditions',
    acceptingConditions: 'Domicile : uniquement les patients suivis par un médecin de la MSP.',
    hours: 'Lundi–vendredi 8 h – 20 h',
    costNotes: 'Secteur conventionné, tiers payant.',
    channels: [tel('04 65 71 10 30', '12 h – 14 h', true)],
  },

  // — Centre de santé de Lavergne
  {
    org: 'cds',
    name: 'Médecine générale — centre de santé de Lavergne',
    description:
      'Médecins salariés, tiers payant intégral, accueil des personnes sans médecin traitant.',
    missions:
      'Consultations, suivi des maladies chroniques, vaccination, accompagnement des personnes en situation de précarité.',
    limits:
      'Pas de visite à domicile hors patients suivis ; pas de consultation sans rendez-vous l’après-midi.',
    eligibility: 'Tout public ; priorité aux habitants de Lavergne et Montaigu-les-Bois.',
    careStreams: ['social_rights', 'diabetes', 'elderly'],
    communes: ['Lavergne', 'Montaigu-les-Bois'],
    waitingTime: '1 semaine',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h 30 – 18 h 30 ; sans rendez-vous 8 h 30 – 11 h',
    costNotes: 'Secteur 1, tiers payant intégral, pas d’avance de frais.',
    channels: [
      tel('04 65 71 10 40', '8 h 30 – 11 h', true),
      onSite('9 rue Jean-Jaurès', 'sans rendez-vous le matin'),
    ],
    goodToKnow: 'Interprétariat téléphonique possible : le signaler à la prise de rendez-vous.',
  },
  {
    org: 'cds',
    name: 'Consultations de psychologie — centre de santé',
    description: 'Entretiens de soutien psychologique de première ligne.',
    missions:
      'Évaluation, psychothérapie brève, soutien des aidants, orientation vers le CMP si besoin.',
    limits:
      'Pas de prise en charge des troubles psychiatriques sévères ni des urgences (CMP ou 15).',
    eligibility: 'Adultes ; sur adressage médical pour le dispositif Mon soutien psy.',
    careStreams: ['mental_health'],
    communes: ['Lavergne', 'Montaigu-les-Bois', 'Pont-de-Rives'],
    waitingTime: '4 à 6 semaines',
    accepting: 'conditions',
    acceptingConditions: 'Liste d’attente ; priorité aux patients du centre de santé.',
    hours: 'Mardi, jeudi, vendredi',
    costNotes: 'Mon soutien psy : remboursé (12 séances par an).',
    channels: [tel('04 65 71 10 40', undefined, true), mss('cds-lavergne@lavergne.mssante.fr')],
  },

  // — CPTS
  {
    org: 'cpts',
    name: 'Recherche de médecin traitant',
    description:
      'Cellule de la CPTS qui trouve un médecin traitant aux personnes qui n’en ont pas.',
    missions:
      'Recenser les demandes, prioriser (ALD, plus de 70 ans, sortie d’hospitalisation), répartir entre les médecins volontaires.',
    limits:
      'Ne garantit pas de délai ; ne donne pas de consultation ; ne choisit pas le médecin à la place de la personne.',
    eligibility: 'Habitants du territoire sans médecin traitant.',
    careStreams: ['elderly', 'diabetes', 'social_rights'],
    communes: ALL_COMMUNES,
    waitingTime: '1 à 3 mois selon la priorité',
    accepting: 'conditions',
    acceptingConditions:
      'Priorité aux personnes en ALD, de plus de 70 ans ou sortant d’hospitalisation.',
    hours: 'Formulaire en ligne ; rappel sous 15 jours',
    costNotes: 'Gratuit.',
    channels: [
      mail('coordination@cpts-deux-rives.reseau-demo.fr', true),
      tel('04 65 71 10 50', 'mardi et jeudi 9 h – 12 h'),
    ],
  },
  {
    org: 'cpts',
    name: 'Soins non programmés de ville',
    description:
      'Créneaux réservés chaque jour chez les médecins de la CPTS pour les demandes urgentes non vitales.',
    missions:
      'Proposer un rendez-vous dans les 24 h, sur orientation du 15 (SAS) ou d’un pharmacien.',
    limits:
      'Pas pour les urgences vitales (15) ; pas de suivi : la personne retourne vers son médecin traitant.',
    eligibility: 'Toute personne du territoire, sur orientation du SAS ou d’un professionnel.',
    careStreams: ['elderly', 'infants'],
    communes: ALL_COMMUNES,
    waitingTime: 'Sous 24 h',
    accepting: 'yes',
    hours: 'Lundi–samedi 8 h – 20 h',
    costNotes: 'Tarif conventionnel, tiers payant selon le médecin.',
    channels: [tel('04 65 71 10 50', '8 h – 10 h', true)],
  },

  // — EHPAD Les Glycines
  {
    org: 'ehpad',
    name: 'Hébergement permanent — EHPAD Les Glycines',
    description: '72 places dont une unité protégée de 14 places pour les personnes désorientées.',
    missions: 'Hébergement, soins, animation, accompagnement de fin de vie avec l’EMSP.',
    limits:
      'Pas de personnes de moins de 60 ans sans dérogation ; pas de soins techniques lourds (ventilation, dialyse).',
    eligibility: 'Personnes de 60 ans et plus, dossier ViaTrajectoire complet.',
    careStreams: ['elderly', 'palliative'],
    communes: ALL_COMMUNES,
    waitingTime: '6 à 12 mois',
    accepting: 'no',
    hours: 'Accueil 9 h – 17 h',
    costNotes:
      'Tarif hébergement 68 € par jour ; habilité à l’aide sociale ; APA en établissement.',
    channels: [
      tel('04 65 71 10 60', '14 h – 17 h', true),
      mail('accueil@ehpad-glycines.reseau-demo.fr'),
    ],
  },
  {
    org: 'ehpad',
    name: 'Accueil de jour Alzheimer — Les Glycines',
    description:
      '12 places en journée pour des personnes vivant à domicile avec une maladie d’Alzheimer ou apparentée.',
    missions: 'Activités de stimulation, repas, maintien du lien social, répit pour l’aidant.',
    limits: 'Pas d’accueil le week-end ; le transport n’est assuré que dans un rayon de 15 km.',
    eligibility:
      'Diagnostic posé, personne vivant à domicile, capable de participer à une activité de groupe.',
    careStreams: ['elderly'],
    communes: ['Montaigu-les-Bois', 'Lavergne', 'Pont-de-Rives', 'Saint-Étienne-de-Valoux'],
    waitingTime: '1 mois',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h 30 – 17 h',
    costNotes: '28 € par jour, transport inclus ; finançable par l’APA.',
    channels: [tel('04 65 71 10 61', '9 h – 10 h', true)],
    goodToKnow: 'Une journée d’essai gratuite est proposée.',
  },
  {
    org: 'ehpad',
    name: 'Hébergement temporaire et plateforme de répit',
    description: 'Séjours de quelques jours à trois mois et accompagnement des aidants.',
    missions:
      'Accueil temporaire en cas d’hospitalisation ou d’épuisement de l’aidant, sortie d’hospitalisation, information des aidants.',
    limits: 'Pas d’accueil en urgence le week-end ; séjour de 90 jours par an au plus.',
    eligibility: 'Personnes de 60 ans et plus vivant à domicile.',
    careStreams: ['elderly'],
    communes: ALL_COMMUNES,
    waitingTime: '2 à 4 semaines ; urgence selon disponibilité',
    accepting: 'conditions',
    acceptingConditions:
      'Selon les places disponibles ; priorité aux situations d’épuisement de l’aidant.',
    hours: 'Lundi–vendredi 9 h – 17 h',
    costNotes: 'Aide au répit de l’APA mobilisable.',
    channels: [tel('04 65 71 10 62', undefined, true), mss('idec@ehpad-glycines.mssante.fr')],
  },

  // — SSIAD
  {
    org: 'ssiad',
    name: 'Soins infirmiers à domicile (SSIAD)',
    description:
      'Soins d’hygiène et de confort par des aides-soignantes, coordonnés par une infirmière.',
    missions:
      'Toilettes, prévention des escarres, aide à la mobilité, surveillance, lien avec les infirmières libérales pour les soins techniques.',
    limits:
      'Pas de ménage ni de courses ; pas de soins techniques infirmiers (faits par l’infirmière libérale) ; pas de passage après 19 h.',
    eligibility:
      'Personnes de 60 ans et plus ou en situation de handicap, sur prescription médicale.',
    careStreams: ['elderly', 'disability'],
    communes: [
      'Brives-sur-Lys',
      'Pont-de-Rives',
      'Sainte-Colombe-sur-Lys',
      'Saint-Étienne-de-Valoux',
    ],
    waitingTime: '3 à 5 semaines',
    accepting: 'conditions',
    acceptingConditions:
      'Liste d’attente ; priorité aux sorties d’hospitalisation et aux situations de fin de vie.',
    hours: '7 j/7, 7 h 30 – 12 h et 17 h – 19 h',
    costNotes: 'Pris en charge à 100 % par l’Assurance maladie.',
    channels: [tel('04 65 71 10 70', '13 h 30 – 16 h', true), mss('ssiad@ssiad-rives.mssante.fr')],
    goodToKnow:
      'Appeler après 13 h 30 ; joindre la prescription et la grille AGGIR si elle existe.',
  },
  {
    org: 'ssiad',
    name: 'Équipe spécialisée Alzheimer à domicile (ESA)',
    description:
      '12 à 15 séances de réhabilitation à domicile par une ergothérapeute et une assistante de soins en gérontologie.',
    missions: 'Stimulation cognitive, adaptation de l’environnement, conseils aux aidants.',
    limits:
      'Une seule prise en charge par an ; pas pour les stades sévères de la maladie ; pas de soins d’hygiène.',
    eligibility:
      'Maladie d’Alzheimer ou apparentée, stade léger à modéré (MMS ≥ 15), sur prescription.',
    careStreams: ['elderly'],
    communes: ALL_COMMUNES,
    waitingTime: '2 mois',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 17 h',
    costNotes: 'Pris en charge à 100 %.',
    channels: [tel('04 65 71 10 71', '13 h 30 – 16 h', true)],
  },

  // — Aide et Présence
  {
    org: 'saad',
    name: 'Aide et accompagnement à domicile — Aide et Présence',
    description: 'Aide aux actes essentiels de la vie quotidienne et à l’entretien du logement.',
    missions:
      'Aide au lever, au coucher, à la toilette simple, aux repas, courses, ménage, accompagnement aux sorties.',
    limits:
      'Pas de soins (pansements, injections, distribution de médicaments non préparés) ; pas d’intervention entre 22 h et 7 h hors garde de nuit.',
    eligibility:
      'Personnes âgées ou en situation de handicap ; plan d’aide APA ou PCH, ou financement personnel.',
    careStreams: ['elderly', 'disability'],
    communes: ['Sainte-Colombe-sur-Lys', 'Brives-sur-Lys', 'Saint-Étienne-de-Valoux'],
    waitingTime: '1 à 2 semaines',
    accepting: 'conditions',
    acceptingConditions:
      'Plus de nouvelles prises en charge le week-end jusqu’au recrutement de deux auxiliaires.',
    hours: '7 j/7, 7 h – 21 h',
    costNotes: 'Tarif 26,50 € de l’heure ; 50 % de crédit d’impôt ; APA et PCH acceptées.',
    channels: [
      tel('04 65 71 10 80', '8 h 30 – 12 h', true),
      mail('contact@aide-presence.reseau-demo.fr'),
    ],
  },
  {
    org: 'saad',
    name: 'Garde de nuit itinérante',
    description:
      'Passages de nuit pour coucher, changer et rassurer les personnes qui vivent seules.',
    missions: 'Passages de 20 h à 23 h et de 5 h à 7 h, aide au change, sécurisation.',
    limits: 'Pas de présence continue toute la nuit ; pas de soins infirmiers.',
    eligibility: 'Personnes bénéficiant déjà d’une aide à domicile du service.',
    careStreams: ['elderly', 'disability'],
    communes: ['Sainte-Colombe-sur-Lys', 'Brives-sur-Lys'],
    waitingTime: '1 mois',
    accepting: 'no',
    hours: '7 j/7, 20 h – 7 h',
    costNotes: 'Tarif de nuit majoré ; APA mobilisable.',
    channels: [tel('04 65 71 10 80', undefined, true)],
  },

  // — Pharmacie de la Place
  {
    org: 'pharmacie',
    name: 'Préparation des doses et bilan partagé de médication',
    description:
      'Piluliers préparés chaque semaine et revue des traitements des patients polymédiqués.',
    missions:
      'Préparation des doses à administrer (PDA), bilan partagé de médication, livraison à domicile.',
    limits:
      'Pas de distribution des médicaments au domicile (rôle de l’infirmière) ; PDA seulement sur ordonnance en cours.',
    eligibility: 'Patients de 65 ans et plus avec au moins 5 médicaments.',
    careStreams: ['elderly', 'cardiology', 'diabetes'],
    communes: ['Saint-Étienne-de-Valoux', 'Sainte-Colombe-sur-Lys'],
    waitingTime: 'Sous 1 semaine',
    accepting: 'yes',
    hours: 'Lundi–samedi 8 h 30 – 19 h 30',
    costNotes: 'Bilan de médication pris en charge ; PDA 5 € par semaine ; livraison gratuite.',
    channels: [
      tel('04 65 71 10 90', '14 h – 16 h', true),
      mss('pharmacie-place@pharmacien.mssante.fr'),
    ],
  },

  // — CCAS
  {
    org: 'ccas',
    name: 'Accueil social et aides facultatives — CCAS de Saint-Étienne-de-Valoux',
    description: 'Accueil, information et aides ponctuelles pour les habitants de la commune.',
    missions:
      'Domiciliation, aides financières ponctuelles, bons alimentaires, instruction des demandes d’aide sociale, registre canicule.',
    limits:
      'Pas d’accompagnement social au long cours (relais MDS) ; aides réservées aux habitants de la commune.',
    eligibility: 'Habitants de Saint-Étienne-de-Valoux.',
    careStreams: ['social_rights', 'elderly'],
    communes: ['Saint-Étienne-de-Valoux'],
    waitingTime: 'Rendez-vous sous 1 semaine',
    accepting: 'yes',
    hours: 'Lundi, mardi, jeudi 9 h – 12 h et 13 h 30 – 17 h',
    costNotes: 'Gratuit.',
    channels: [tel('04 65 71 11 00', '9 h – 12 h', true), onSite('Mairie, 3 rue de la République')],
  },
  {
    org: 'ccas',
    name: 'Téléassistance et visites de convivialité',
    description: 'Boîtier d’appel d’urgence et visites de bénévoles pour rompre l’isolement.',
    missions:
      'Installation de la téléassistance, visites hebdomadaires, appels pendant les épisodes de canicule.',
    limits:
      'Les bénévoles ne font ni courses ni aide à la toilette ; la téléassistance ne remplace pas le 15.',
    eligibility: 'Personnes de 65 ans et plus vivant seules à Saint-Étienne-de-Valoux.',
    careStreams: ['elderly'],
    communes: ['Saint-Étienne-de-Valoux'],
    waitingTime: '2 semaines',
    accepting: 'yes',
    hours: 'Lundi–vendredi',
    costNotes: 'Téléassistance 9 € par mois ; visites gratuites.',
    channels: [tel('04 65 71 11 00', undefined, true)],
  },

  // — Mairie de Brives
  {
    org: 'mairie',
    name: 'Portage de repas à domicile — Brives-sur-Lys',
    description: 'Livraison de repas en liaison froide, du lundi au samedi.',
    missions:
      'Repas équilibrés, régimes (diabétique, sans sel, mixé), passage quotidien qui repère les situations préoccupantes.',
    limits:
      'Pas de livraison le dimanche (deux repas livrés le samedi) ; pas d’aide à la prise du repas.',
    eligibility: 'Habitants de Brives-sur-Lys de 65 ans et plus ou en situation de handicap.',
    careStreams: ['elderly', 'disability'],
    communes: ['Brives-sur-Lys'],
    waitingTime: '3 jours',
    accepting: 'yes',
    hours: 'Livraisons 8 h – 12 h',
    costNotes: '9,20 € le repas ; tarif réduit selon les ressources.',
    channels: [tel('04 65 71 11 10', '8 h 30 – 12 h', true)],
    goodToKnow: 'Commande ou annulation avant jeudi midi pour la semaine suivante.',
  },

  // — HAD
  {
    org: 'had',
    name: 'Hospitalisation à domicile (HAD)',
    description:
      'Une hospitalisation complète, au domicile ou en EHPAD, avec une équipe disponible 24 h/24.',
    missions:
      'Soins palliatifs, pansements complexes, antibiothérapie intraveineuse, nutrition artificielle, surveillance post-chimiothérapie.',
    limits:
      'Pas d’aide à domicile ni de garde-malade ; nécessite l’accord du médecin traitant ; pas de soins qui relèvent seulement du SSIAD ou de l’infirmière libérale.',
    eligibility: 'Prescription hospitalière ou du médecin traitant ; domicile compatible.',
    careStreams: ['palliative', 'oncology', 'elderly'],
    communes: ALL_COMMUNES,
    waitingTime: 'Sous 24 à 48 h',
    accepting: 'yes',
    hours: '24 h/24, 7 j/7',
    costNotes: 'Prise en charge comme une hospitalisation, sans forfait journalier.',
    channels: [
      tel('04 65 71 11 30', '8 h – 20 h', true),
      mss('admissions.had@had-deux-rives.mssante.fr'),
    ],
    goodToKnow: 'Pour une admission le jour même, appeler avant 11 h.',
  },

  // — CHS du Val de Lys
  {
    org: 'chs',
    name: 'Centre médico-psychologique (CMP) adultes',
    description: 'Consultations de psychiatrie publique, suivi infirmier et psychologique.',
    missions:
      'Accueil infirmier de première évaluation, consultations psychiatriques, suivi au long cours, visites à domicile, lien avec le GEM.',
    limits: 'Pas d’urgence psychiatrique (urgences du CH ou 15) ; pas d’expertise judiciaire.',
    eligibility: 'Adultes de 18 ans et plus du secteur psychiatrique.',
    careStreams: ['mental_health'],
    communes: ALL_COMMUNES,
    waitingTime: 'Premier entretien infirmier sous 15 jours ; psychiatre 2 à 3 mois',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 17 h',
    costNotes: 'Gratuit.',
    channels: [
      tel('04 65 71 11 41', '9 h – 12 h', true),
      mss('cmp.adultes@chs-val-de-lys.mssante.fr'),
    ],
  },
  {
    org: 'chs',
    name: 'CMP enfants et adolescents',
    description:
      'Consultations pédopsychiatriques, orthophonie et psychomotricité pour les 0–16 ans.',
    missions: 'Évaluation, soins ambulatoires, travail avec les familles et les écoles.',
    limits:
      'Pas de bilan diagnostique de l’autisme (centre de ressources) ; pas d’accueil après 16 ans.',
    eligibility: 'Enfants et adolescents de 0 à 16 ans du secteur.',
    careStreams: ['mental_health', 'infants'],
    communes: ALL_COMMUNES,
    waitingTime: '6 mois',
    accepting: 'conditions',
    acceptingConditions: 'Liste d’attente ; les moins de 6 ans sont vus en priorité.',
    hours: 'Lundi–vendredi 9 h – 18 h, mercredi inclus',
    costNotes: 'Gratuit.',
    channels: [tel('04 65 71 11 42', '13 h 30 – 17 h', true)],
  },
  {
    org: 'chs',
    name: 'Équipe mobile psychiatrie précarité (EMPP)',
    description:
      'Équipe qui va vers les personnes en grande précarité présentant une souffrance psychique.',
    missions:
      'Maraudes, évaluation, accompagnement vers le soin et les droits, soutien des travailleurs sociaux.',
    limits: 'Pas de suivi psychiatrique au long cours ; pas d’hébergement.',
    eligibility: 'Personnes sans domicile ou en logement précaire ; sur signalement.',
    careStreams: ['mental_health', 'social_rights', 'addiction'],
    communes: ['Pont-de-Rives', 'Lavergne', 'Brives-sur-Lys'],
    waitingTime: 'Sous 1 semaine',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 17 h',
    costNotes: 'Gratuit.',
    channels: [tel('06 39 98 41 00', undefined, true), mail('empp@chs-val-de-lys.reseau-demo.fr')],
  },

  // — CSAPA
  {
    org: 'csapa',
    name: 'Consultations en addictologie — CSAPA Le Passage',
    description:
      'Accompagnement des personnes ayant une consommation problématique d’alcool, de tabac, de cannabis ou d’autres produits, ou une addiction sans produit.',
    missions:
      'Évaluation, sevrage ambulatoire, traitements de substitution, réduction des risques, soutien de l’entourage.',
    limits: 'Pas de sevrage hospitalier (orientation ELSA) ; pas d’hébergement.',
    eligibility: 'Toute personne, sans condition, y compris l’entourage.',
    careStreams: ['addiction', 'mental_health'],
    communes: ALL_COMMUNES,
    waitingTime: 'Premier rendez-vous sous 10 jours',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 18 h, jeudi jusqu’à 20 h',
    costNotes: 'Gratuit et anonyme si la personne le souhaite.',
    channels: [
      tel('04 65 71 11 50', undefined, true),
      onSite('33 quai de Lys', 'sans rendez-vous le jeudi 17 h – 20 h'),
    ],
  },
  {
    org: 'csapa',
    name: 'Consultations jeunes consommateurs (CJC)',
    description: 'Consultations pour les 12–25 ans et leurs parents.',
    missions: 'Écoute, évaluation de la consommation, aide à la réduction, soutien des parents.',
    limits:
      'Pas de prescription de traitement de substitution (consultation adulte) ; pas d’intervention en milieu scolaire sans convention.',
    eligibility: 'Jeunes de 12 à 25 ans et leur entourage.',
    careStreams: ['addiction'],
    communes: ALL_COMMUNES,
    waitingTime: 'Sous 1 semaine',
    accepting: 'yes',
    hours: 'Mercredi 13 h – 19 h',
    costNotes: 'Gratuit et confidentiel.',
    channels: [sms('06 39 98 41 10', 'réponse le jour même', true), tel('04 65 71 11 50')],
  },

  // — PMI
  {
    org: 'pmi',
    name: 'Consultations de PMI pour les 0–6 ans',
    description: 'Suivi médical préventif des enfants, vaccinations, conseils aux parents.',
    missions:
      'Consultations de puériculture, vaccinations, dépistage des troubles du développement, visites à domicile après la naissance.',
    limits:
      'Pas de soins des enfants malades (médecin traitant ou pédiatre) ; pas de délivrance de certificats d’aptitude.',
    eligibility: 'Enfants de 0 à 6 ans et leurs parents.',
    careStreams: ['infants'],
    communes: ['Pont-de-Rives', 'Lavergne', 'Brives-sur-Lys'],
    waitingTime: '2 semaines',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h 30 – 17 h',
    costNotes: 'Gratuit.',
    channels: [tel('04 65 71 11 60', '8 h 30 – 12 h', true)],
  },
  {
    org: 'pmi',
    name: 'Suivi de grossesse et post-partum à domicile',
    description: 'Visites de sage-femme de PMI pendant la grossesse et après la naissance.',
    missions:
      'Suivi des grossesses en situation de vulnérabilité, soutien à l’allaitement, repérage de la dépression du post-partum.',
    limits: 'Pas d’échographie ni d’accouchement ; pas de suivi gynécologique.',
    eligibility: 'Femmes enceintes ou jeunes mères ; priorité aux situations de vulnérabilité.',
    careStreams: ['infants', 'social_rights'],
    communes: ALL_COMMUNES,
    waitingTime: 'Sous 1 semaine',
    accepting: 'yes',
    hours: 'Lundi–vendredi',
    costNotes: 'Gratuit.',
    channels: [
      tel('04 65 71 11 61', undefined, true),
      mail('pmi.pont-de-rives@departement.reseau-demo.fr'),
    ],
  },

  // — MDS Brives
  {
    org: 'mds',
    name: 'Accompagnement social de secteur',
    description: 'Assistantes sociales du Département pour tout public.',
    missions:
      'Accès aux droits, budget, logement, protection de l’enfance et des adultes vulnérables, mesures d’accompagnement social.',
    limits:
      'Pas d’aide financière immédiate (CCAS) ; pas de mesure de protection juridique (juge des contentieux de la protection).',
    eligibility: 'Habitants de Brives-sur-Lys, Sainte-Colombe-sur-Lys et Saint-Étienne-de-Valoux.',
    careStreams: ['social_rights'],
    communes: ['Brives-sur-Lys', 'Sainte-Colombe-sur-Lys', 'Saint-Étienne-de-Valoux'],
    waitingTime: '2 à 3 semaines ; urgence sous 48 h',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 12 h et 13 h 30 – 17 h',
    costNotes: 'Gratuit.',
    channels: [
      tel('04 65 71 11 70', '9 h – 12 h', true),
      mail('mds.brives@departement.reseau-demo.fr'),
    ],
  },
  {
    org: 'mds',
    name: 'Évaluation APA à domicile',
    description:
      'Évaluation de la perte d’autonomie (grille AGGIR) et élaboration du plan d’aide APA.',
    missions:
      'Visite à domicile, calcul du GIR, proposition du plan d’aide, révision en cas d’aggravation.',
    limits:
      'Ne met pas en place les aides elle-même (le bénéficiaire choisit le SAAD) ; pas d’évaluation en urgence sans demande déposée.',
    eligibility: 'Personnes de 60 ans et plus ayant déposé une demande d’APA complète.',
    careStreams: ['elderly'],
    communes: ALL_COMMUNES,
    waitingTime: '4 à 6 semaines après dossier complet ; procédure d’urgence possible',
    accepting: 'yes',
    hours: 'Lundi–vendredi',
    costNotes: 'Gratuit ; participation au plan d’aide selon les ressources.',
    channels: [tel('04 65 71 11 71', '14 h – 16 h', true), mail('apa@departement.reseau-demo.fr')],
  },

  // — MDPH
  {
    org: 'mdph',
    name: 'Accueil, information et dépôt des dossiers MDPH',
    description:
      'Information sur les droits des personnes handicapées et aide à remplir le dossier.',
    missions:
      'Aide au dossier (AAH, PCH, RQTH, carte mobilité inclusion, orientation), suivi de l’avancement.',
    limits: 'Ne décide pas des droits (c’est la CDAPH) ; pas d’accompagnement à domicile.',
    eligibility: 'Personnes en situation de handicap de tout âge et leurs proches.',
    careStreams: ['disability', 'social_rights'],
    communes: ALL_COMMUNES,
    waitingTime: 'Délai de traitement des dossiers : 4 mois en moyenne',
    accepting: 'yes',
    hours: 'Téléphone 9 h – 12 h ; accueil mardi et jeudi matin',
    costNotes: 'Gratuit.',
    channels: [tel('04 65 71 11 80', '9 h – 12 h', true), mail('accueil@mdph.reseau-demo.fr')],
    goodToKnow: 'Le certificat médical doit dater de moins d’un an.',
  },

  // — CCAS de Lavergne
  {
    org: 'ccasLavergne',
    name: 'Portage de repas et épicerie solidaire — Lavergne',
    description: 'Repas livrés à domicile et épicerie solidaire pour les habitants de Lavergne.',
    missions:
      'Portage de repas 5 jours sur 7, épicerie solidaire sur orientation d’un travailleur social.',
    limits: 'Pas de livraison le week-end ; épicerie uniquement sur orientation.',
    eligibility: 'Habitants de Lavergne ; épicerie sous conditions de ressources.',
    careStreams: ['elderly', 'social_rights'],
    communes: ['Lavergne'],
    waitingTime: '1 semaine',
    accepting: 'yes',
    hours: 'Lundi–vendredi 9 h – 12 h',
    costNotes: 'Repas 8,50 € ; épicerie à 10 % du prix courant.',
    channels: [tel('04 65 71 11 90', '9 h – 12 h', true)],
  },

  // — Maison de santé du Haut-Bois
  {
    org: 'mspHautBois',
    name: 'Médecine générale — Maison de santé du Haut-Bois',
    description: 'Trois médecins généralistes et des infirmières en exercice coordonné.',
    missions:
      'Suivi de médecin traitant, visites à domicile, protocoles de coopération (cystite, rhinopharyngite), suivi des résidents de l’EHPAD Les Glycines.',
    limits: 'Pas de nouveaux patients hors Montaigu-les-Bois ; pas de consultation le samedi.',
    eligibility: 'Habitants de Montaigu-les-Bois et Lavergne.',
    careStreams: ['elderly', 'diabetes', 'cardiology'],
    communes: ['Montaigu-les-Bois', 'Lavergne'],
    waitingTime: '1 à 2 semaines',
    accepting: 'conditions',
    acceptingConditions: 'Nouveaux patients uniquement s’ils habitent Montaigu-les-Bois.',
    hours: 'Lundi–vendredi 8 h – 19 h',
    costNotes: 'Secteur 1, tiers payant.',
    channels: [
      tel('04 65 71 12 00', '8 h – 10 h', true),
      mss('msp-haut-bois@msp-haut-bois.mssante.fr'),
    ],
  },
  {
    org: 'mspHautBois',
    name: 'Soins infirmiers et suivi des plaies — Haut-Bois',
    description: 'Infirmiers libéraux de la maison de santé ; consultation plaies chroniques.',
    missions: 'Soins à domicile, consultation plaies et ulcères, télésurveillance, vaccinations.',
    limits:
      'Pas de toilette sans soin technique ; tournées limitées à Montaigu-les-Bois et Lavergne.',
    eligibility: 'Sur prescription médicale.',
    careStreams: ['elderly', 'diabetes'],
    communes: ['Montaigu-les-Bois', 'Lavergne'],
    waitingTime: 'Sous 48 h',
    accepting: 'yes',
    hours: '7 j/7, 7 h – 20 h',
    costNotes: 'Remboursé sur prescription.',
    channels: [sms('06 39 98 42 00', '12 h – 14 h', true), tel('04 65 71 12 00')],
  },

  // — Pôle de santé de Sainte-Colombe
  {
    org: 'mspColombe',
    name: 'Médecine générale et téléconsultation assistée — Sainte-Colombe',
    description:
      'Deux médecins généralistes et une cabine de téléconsultation accompagnée par une infirmière.',
    missions:
      'Consultations, visites à domicile, téléconsultation assistée pour les personnes sans médecin disponible.',
    limits:
      'La téléconsultation ne remplace pas un examen clinique complet ; pas de certificats d’arrêt de travail prolongés en téléconsultation.',
    eligibility: 'Habitants de Sainte-Colombe-sur-Lys et Brives-sur-Lys.',
    careStreams: ['elderly', 'diabetes'],
    communes: ['Sainte-Colombe-sur-Lys', 'Brives-sur-Lys'],
    waitingTime: '1 semaine ; téléconsultation le jour même',
    accepting: 'no',
    hours: 'Lundi–vendredi 8 h 30 – 19 h, samedi 9 h – 12 h',
    costNotes: 'Secteur 1.',
    channels: [
      tel('04 65 71 12 10', '8 h 30 – 10 h', true),
      mss('pole-sante@pole-sante-colombe.mssante.fr'),
    ],
    goodToKnow: 'Plus de nouveaux patients médecin traitant : orienter vers la CPTS.',
  },
  {
    org: 'mspColombe',
    name: 'Orthophonie — Sainte-Colombe',
    description: 'Rééducation du langage, de la déglutition et des troubles neurologiques.',
    missions:
      'Bilans et rééducation adultes (AVC, maladies neurodégénératives, troubles de la déglutition) et enfants.',
    limits:
      'Pas de séances à domicile pour les enfants ; liste d’attente fermée pour les troubles des apprentissages.',
    eligibility: 'Sur prescription médicale.',
    careStreams: ['elderly', 'disability', 'infants'],
    communes: ['Sainte-Colombe-sur-Lys', 'Saint-Étienne-de-Valoux'],
    waitingTime: '9 mois (adultes en post-AVC : 2 semaines)',
    accepting: 'conditions',
    acceptingConditions:
      'Seuls les adultes après un AVC et les troubles de la déglutition sont pris rapidement.',
    hours: 'Lundi–vendredi',
    costNotes: 'Remboursé sur prescription.',
    channels: [mail('orthophonie@pole-sante-colombe.reseau-demo.fr', true), tel('04 65 71 12 10')],
  },

  // — Maison de santé des Quais
  {
    org: 'mspQuais',
    name: 'Médecine générale — Maison de santé des Quais',
    description:
      'Trois médecins généralistes, une infirmière en pratique avancée, des soins non programmés.',
    missions:
      'Suivi de médecin traitant, soins non programmés, suivi des pathologies chroniques par l’IPA, prévention.',
    limits: 'Pas de visite à domicile pour les nouveaux patients ; pas de garde de nuit.',
    eligibility: 'Habitants de Brives-sur-Lys et environs.',
    careStreams: ['diabetes', 'cardiology', 'elderly'],
    communes: ['Brives-sur-Lys', 'Sainte-Colombe-sur-Lys', 'Pont-de-Rives'],
    waitingTime: 'Sous 1 semaine',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h – 20 h, samedi 8 h – 12 h',
    costNotes: 'Secteur 1, tiers payant.',
    channels: [tel('04 65 71 12 20', '8 h – 12 h', true), mss('msp-quais@msp-quais.mssante.fr')],
  },
  {
    org: 'mspQuais',
    name: 'Suivi gynécologique et périnatal — sage-femme des Quais',
    description: 'Sage-femme libérale : suivi de grossesse, post-partum, contraception.',
    missions:
      'Préparation à la naissance, suivi post-natal à domicile (PRADO), rééducation périnéale, contraception, frottis.',
    limits: 'Pas d’accouchement ; pas de suivi des grossesses pathologiques (maternité du CH).',
    eligibility: 'Femmes, de l’adolescence à la ménopause.',
    careStreams: ['infants'],
    communes: ['Brives-sur-Lys', 'Sainte-Colombe-sur-Lys', 'Pont-de-Rives'],
    waitingTime: '2 semaines',
    accepting: 'yes',
    hours: 'Lundi–vendredi',
    costNotes: 'Secteur conventionné ; grossesse prise en charge à 100 % à partir du 6e mois.',
    channels: [sms('06 39 98 42 20', undefined, true), tel('04 65 71 12 20')],
  },
  {
    org: 'mspQuais',
    name: 'Consultations diététiques — Maison de santé des Quais',
    description: 'Bilan et suivi nutritionnel.',
    missions:
      'Dénutrition de la personne âgée, diabète, surpoids, troubles du comportement alimentaire (avec le médecin).',
    limits:
      'Pas de consultation à domicile ; pas de prise en charge des troubles alimentaires sévères seule.',
    eligibility: 'Tout public.',
    careStreams: ['diabetes', 'elderly'],
    communes: ['Brives-sur-Lys', 'Sainte-Colombe-sur-Lys'],
    waitingTime: '3 semaines',
    accepting: 'yes',
    hours: 'Mardi et jeudi',
    costNotes: '45 € la première consultation, non remboursée ; certaines mutuelles remboursent.',
    channels: [tel('04 65 71 12 20', undefined, true)],
  },

  // — Cabinet infirmier des Remparts
  {
    org: 'ideRemparts',
    name: 'Soins infirmiers à domicile 7 j/7 — Remparts',
    description: 'Trois infirmiers libéraux, tournées matin et soir.',
    missions:
      'Soins techniques, pansements, perfusions, surveillance diabète (insuline), soins palliatifs avec l’HAD.',
    limits: 'Pas de passage entre 13 h et 16 h ; pas de toilette seule.',
    eligibility: 'Sur prescription médicale.',
    careStreams: ['diabetes', 'palliative', 'elderly'],
    communes: ['Pont-de-Rives', 'Lavergne'],
    waitingTime: 'Sous 24 h',
    accepting: 'yes',
    hours: '7 j/7, 6 h 30 – 13 h et 16 h – 21 h',
    costNotes: 'Remboursé sur prescription.',
    channels: [
      sms('06 39 98 42 30', 'réponse dans la journée', true),
      tel('04 65 71 12 30', '12 h 30 – 13 h 30'),
    ],
    goodToKnow: 'SMS de préférence ; appeler avant 8 h pour un soin le jour même.',
  },

  // — Kiné du Pont
  {
    org: 'kinePont',
    name: 'Kinésithérapie respiratoire',
    description: 'Désencombrement des nourrissons (bronchiolite) et des adultes (BPCO).',
    missions:
      'Kinésithérapie respiratoire, réhabilitation à l’effort BPCO, permanence du week-end en période épidémique.',
    limits:
      'Pas de prise en charge des détresses respiratoires (15) ; pas de séance à domicile pour les nourrissons.',
    eligibility: 'Sur prescription.',
    careStreams: ['infants', 'elderly'],
    communes: ['Pont-de-Rives', 'Lavergne', 'Brives-sur-Lys'],
    waitingTime: 'Le jour même pour les nourrissons',
    accepting: 'yes',
    hours: 'Lundi–samedi ; dimanche en période de bronchiolite',
    costNotes: 'Remboursé sur prescription.',
    channels: [tel('04 65 71 12 40', '7 h 30 – 9 h', true)],
  },
  {
    org: 'kinePont',
    name: 'Rééducation vestibulaire et prévention des chutes',
    description: 'Bilan de l’équilibre et rééducation après une chute ou des vertiges.',
    missions:
      'Bilan de risque de chute, rééducation de l’équilibre, ateliers collectifs « équilibre » avec la Maison sport-santé.',
    limits: 'Pas de rééducation à domicile ; pas de bilan médical des vertiges (ORL).',
    eligibility: 'Sur prescription ; ateliers collectifs ouverts aux plus de 60 ans.',
    careStreams: ['elderly'],
    communes: ['Pont-de-Rives', 'Montaigu-les-Bois'],
    waitingTime: '1 mois',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h – 19 h',
    costNotes: 'Remboursé sur prescription ; ateliers gratuits.',
    channels: [tel('04 65 71 12 40', '12 h – 14 h', true), mss('cabinet@kine-du-pont.mssante.fr')],
  },

  // — Cabinet des Acacias
  {
    org: 'acacias',
    name: 'Médecine générale — cabinet des Acacias',
    description: 'Trois médecins généralistes, consultations sur rendez-vous.',
    missions:
      'Suivi de médecin traitant, pédiatrie de ville, petite chirurgie, suivi des patients diabétiques.',
    limits:
      'Pas de visite à domicile le mercredi ; pas de nouveaux patients de plus de 80 ans sans lien avec le DAC.',
    eligibility: 'Habitants de Lavergne et environs.',
    careStreams: ['diabetes', 'infants'],
    communes: ['Lavergne', 'Montaigu-les-Bois'],
    waitingTime: '10 jours',
    accepting: 'conditions',
    acceptingConditions: 'Nouveaux patients : familles avec enfants de moins de 6 ans uniquement.',
    hours: 'Lundi–vendredi 8 h – 12 h et 14 h – 19 h',
    costNotes: 'Secteur 1.',
    channels: [tel('04 65 71 12 50', '8 h – 9 h', true), mss('cabinet@cm-acacias.mssante.fr')],
  },

  // — Pharmacies
  {
    org: 'pharmaPont',
    name: 'Pharmacie du Pont — vaccination et entretiens pharmaceutiques',
    description:
      'Vaccination sans ordonnance et accompagnement des patients sous traitement chronique.',
    missions:
      'Vaccinations (grippe, Covid, DTP), entretiens AVK et anticoagulants oraux, entretiens asthme, dépistage du diabète.',
    limits: 'Pas de vaccination des moins de 11 ans ; pas de préparation des doses.',
    eligibility: 'Tout public.',
    careStreams: ['cardiology', 'diabetes'],
    communes: ['Pont-de-Rives'],
    waitingTime: 'Sans rendez-vous pour la vaccination',
    accepting: 'yes',
    hours: 'Lundi–samedi 8 h 30 – 20 h',
    costNotes: 'Vaccination remboursée selon les recommandations.',
    channels: [tel('04 65 71 12 60', '14 h – 16 h', true), onSite('2 rue du Pont-Vieux')],
  },
  {
    org: 'pharmaQuais',
    name: 'Matériel médical et maintien à domicile — Pharmacie des Quais',
    description: 'Location et vente de matériel pour le domicile.',
    missions: 'Lits médicalisés, fauteuils roulants, aides techniques, livraison et installation.',
    limits:
      'Pas d’oxygénothérapie (prestataire spécialisé) ; installation du lit sous 72 h seulement.',
    eligibility: 'Sur prescription pour la prise en charge.',
    careStreams: ['elderly', 'disability', 'palliative'],
    communes: ['Brives-sur-Lys', 'Sainte-Colombe-sur-Lys', 'Pont-de-Rives'],
    waitingTime: '72 h',
    accepting: 'yes',
    hours: 'Lundi–samedi 9 h – 19 h 30',
    costNotes: 'Remboursé selon la LPP sur prescription ; dépassements possibles.',
    channels: [
      tel('04 65 71 12 70', '9 h – 12 h', true),
      mss('pharmacie-quais@pharmacien.mssante.fr'),
    ],
  },
  {
    org: 'pharmaMarche',
    name: 'Livraison de médicaments — Pharmacie du Marché',
    description: 'Livraison à domicile pour les personnes qui ne peuvent pas se déplacer.',
    missions:
      'Livraison des traitements, renouvellement des ordonnances en lien avec l’infirmière, préparation des doses.',
    limits:
      'Pas de livraison de stupéfiants sans présentation de l’original de l’ordonnance ; pas de livraison le samedi.',
    eligibility: 'Personnes âgées ou à mobilité réduite de Lavergne et Montaigu-les-Bois.',
    careStreams: ['elderly'],
    communes: ['Lavergne', 'Montaigu-les-Bois'],
    waitingTime: 'Livraison le lendemain',
    accepting: 'yes',
    hours: 'Livraisons lundi–vendredi 16 h – 18 h',
    costNotes: 'Livraison gratuite.',
    channels: [
      tel('04 65 71 12 80', 'avant 12 h', true),
      mail('pharmacie.marche@officine.reseau-demo.fr'),
    ],
  },

  // — EHPAD Résidence du Lys
  {
    org: 'ehpadLys',
    name: 'Pôle d’activités et de soins adaptés (PASA)',
    description:
      'Espace de jour dans l’EHPAD pour les résidents ayant des troubles du comportement modérés.',
    missions:
      'Activités thérapeutiques, prévention des troubles du comportement, accompagnement des familles.',
    limits:
      'Réservé aux résidents de l’EHPAD ; pas d’accueil de personnes vivant à domicile (voir l’accueil de jour).',
    eligibility: 'Résidents de la Résidence du Lys.',
    careStreams: ['elderly'],
    communes: ['Sainte-Colombe-sur-Lys'],
    waitingTime: 'Sans objet',
    accepting: 'conditions',
    acceptingConditions: 'Résidents de l’EHPAD uniquement.',
    hours: 'Lundi–vendredi 10 h – 17 h',
    costNotes: 'Inclus dans le tarif de l’EHPAD.',
    channels: [mss('soins@residence-du-lys.mssante.fr', true), tel('04 65 71 13 10')],
  },

  // — ADMR
  {
    org: 'admr',
    name: 'Aide à domicile — ADMR du Val de Lys',
    description: 'Aide à la personne, ménage et accompagnement des familles.',
    missions:
      'Aide au lever et au coucher, repas, entretien du logement, courses, aide aux familles après une naissance.',
    limits: 'Pas de soins ; pas d’intervention après 20 h ; pas de garde de nuit.',
    eligibility: 'Tout public ; APA, PCH, caisses de retraite ou financement personnel.',
    careStreams: ['elderly', 'disability', 'infants'],
    communes: ['Lavergne', 'Montaigu-les-Bois', 'Pont-de-Rives'],
    waitingTime: '2 à 3 semaines',
    accepting: 'conditions',
    acceptingConditions:
      'Nouvelles prises en charge seulement en semaine ; pas de nouveaux week-ends.',
    hours: 'Lundi–samedi 7 h 30 – 20 h',
    costNotes: 'Tarif 25,80 € de l’heure ; 50 % de crédit d’impôt.',
    channels: [tel('04 65 71 13 20', '9 h – 12 h', true), mail('valdelys@admr.reseau-demo.fr')],
  },

  // — Aidants
  {
    org: 'aidants',
    name: 'Café des aidants',
    description:
      'Rencontres mensuelles entre proches aidants, animées par une psychologue et une travailleuse sociale.',
    missions:
      'Échanges autour d’un thème, information sur les aides au répit, rompre l’isolement des aidants.',
    limits: 'Pas de garde de la personne aidée pendant la rencontre ; pas de suivi individuel.',
    eligibility: 'Toute personne qui aide un proche malade, âgé ou handicapé.',
    careStreams: ['elderly', 'disability'],
    communes: ALL_COMMUNES,
    waitingTime: 'Sans inscription',
    accepting: 'yes',
    hours: 'Premier samedi du mois, 10 h – 12 h',
    costNotes: 'Gratuit.',
    channels: [
      mail('bonjour@aidants-deux-rives.reseau-demo.fr', true),
      tel('04 65 71 13 30', 'mardi et vendredi après-midi'),
    ],
  },
  {
    org: 'aidants',
    name: 'Groupe de parole et soutien psychologique des aidants',
    description: 'Cycle de 8 séances en petit groupe et entretiens individuels.',
    missions: 'Soutien psychologique, prévention de l’épuisement, formation des aidants.',
    limits: 'Pas de psychothérapie au long cours ; pas d’urgence.',
    eligibility:
      'Aidants d’une personne atteinte de maladie neuro-évolutive ou de troubles psychiques.',
    careStreams: ['elderly', 'mental_health'],
    communes: ALL_COMMUNES,
    waitingTime: 'Prochain cycle dans 2 mois',
    accepting: 'conditions',
    acceptingConditions: 'Inscription au cycle suivant ; entretien préalable obligatoire.',
    hours: 'Jeudi 18 h – 19 h 30',
    costNotes: 'Gratuit.',
    channels: [mail('bonjour@aidants-deux-rives.reseau-demo.fr', true)],
  },

  // — Oncolys
  {
    org: 'oncolys',
    name: 'Soins de support en cancérologie',
    description: 'Soins de support pendant et après un cancer, en complément de l’équipe médicale.',
    missions:
      'Soutien psychologique, socio-esthétique, activité physique adaptée, ateliers nutrition, aide aux démarches.',
    limits:
      'Aucun soin médical ni conseil sur les traitements ; pas de prise en charge financière.',
    eligibility: 'Personnes touchées par un cancer et leurs proches.',
    careStreams: ['oncology'],
    communes: ALL_COMMUNES,
    waitingTime: '2 semaines',
    accepting: 'yes',
    hours: 'Lundi, mercredi, vendredi 10 h – 16 h',
    costNotes: 'Gratuit (financé par des dons et la Ligue départementale).',
    channels: [tel('04 65 71 13 40', '10 h – 16 h', true), mail('contact@oncolys.reseau-demo.fr')],
  },

  // — Équilibre
  {
    org: 'equilibre',
    name: 'Programme d’éducation thérapeutique diabète de type 2',
    description: 'Programme autorisé par l’ARS : ateliers collectifs et entretiens individuels.',
    missions:
      'Comprendre la maladie, alimentation, activité physique, gestion du traitement, prévention des complications (pieds, yeux).',
    limits:
      'Pas de prescription ni d’adaptation du traitement (médecin traitant) ; pas de diabète de type 1 de l’enfant.',
    eligibility: 'Adultes avec diabète de type 2, sur orientation d’un professionnel ou en direct.',
    careStreams: ['diabetes'],
    communes: ALL_COMMUNES,
    waitingTime: 'Prochaine session dans 1 mois',
    accepting: 'yes',
    hours: 'Ateliers mardi 14 h – 16 h et jeudi 18 h – 20 h',
    costNotes: 'Gratuit.',
    channels: [mss('etp@equilibre.mssante.fr', true, 'réponse sous 48 h'), tel('04 65 71 13 50')],
  },
  {
    org: 'equilibre',
    name: 'Éducation thérapeutique insuffisance cardiaque',
    description:
      'Ateliers pour vivre avec une insuffisance cardiaque, en lien avec le parcours du CH.',
    missions:
      'Surveillance du poids et des symptômes, alimentation pauvre en sel, activité physique, reconnaître les signes d’alerte.',
    limits:
      'Pas de réadaptation cardiaque ; pas de surveillance à distance (télésurveillance via le CH).',
    eligibility: 'Adultes avec insuffisance cardiaque ; aidants bienvenus.',
    careStreams: ['cardiology'],
    communes: ALL_COMMUNES,
    waitingTime: '1 mois',
    accepting: 'yes',
    hours: 'Un vendredi sur deux 14 h – 16 h',
    costNotes: 'Gratuit.',
    channels: [mss('etp@equilibre.mssante.fr', true), tel('04 65 71 13 50')],
  },

  // — CAMSP
  {
    org: 'camsp',
    name: 'Dépistage et accompagnement précoce 0–6 ans',
    description:
      'Diagnostic et soins pour les jeunes enfants présentant un retard de développement ou un handicap.',
    missions:
      'Bilans pluridisciplinaires, rééducations (kinésithérapie, ergothérapie, psychomotricité), guidance parentale, lien avec l’école.',
    limits:
      'Pas d’accueil après 6 ans ; pas de garde d’enfants ; pas d’orientation scolaire (MDPH).',
    eligibility: 'Enfants de 0 à 6 ans, sur orientation d’un médecin ou de la PMI.',
    careStreams: ['infants', 'disability'],
    communes: ALL_COMMUNES,
    waitingTime: '4 mois pour un premier bilan',
    accepting: 'conditions',
    acceptingConditions: 'Priorité aux enfants de moins de 3 ans et aux sorties de néonatalogie.',
    hours: 'Lundi–vendredi 8 h 30 – 17 h 30, fermé en août',
    costNotes: 'Pris en charge à 100 %.',
    channels: [tel('04 65 71 13 60', '9 h – 12 h', true), mss('camsp@camsp-deux-rives.mssante.fr')],
  },

  // — Sport-santé
  {
    org: 'sportSante',
    name: 'Activité physique adaptée sur prescription',
    description: 'Programme de 12 semaines encadré par des enseignants en APA.',
    missions:
      'Bilan de condition physique, séances collectives adaptées, relais vers les clubs du territoire.',
    limits: 'Pas de rééducation (kinésithérapeute) ; pas de séances à domicile.',
    eligibility:
      'Adultes en ALD, obésité, diabète, cancer ou après un événement cardiaque, sur prescription.',
    careStreams: ['diabetes', 'oncology', 'cardiology', 'mental_health'],
    communes: ALL_COMMUNES,
    waitingTime: '3 semaines',
    accepting: 'yes',
    hours: 'Lundi–samedi 9 h – 19 h',
    costNotes: '30 € le programme ; gratuit pour les bénéficiaires de la CSS.',
    channels: [
      tel('04 65 71 13 70', '9 h – 12 h', true),
      mail('contact@sport-sante-deux-rives.reseau-demo.fr'),
    ],
  },

  // — Mobilité solidaire
  {
    org: 'mobilite',
    name: 'Transport solidaire',
    description: 'Conducteurs bénévoles pour les rendez-vous médicaux et les courses.',
    missions:
      'Accompagnement aux rendez-vous médicaux, aux courses et aux démarches, avec attente sur place.',
    limits:
      'Pas de transport de personnes en fauteuil roulant électrique ni allongées ; pas de transport sanitaire remboursé.',
    eligibility: 'Personnes sans moyen de transport, adhérentes de l’association.',
    careStreams: ['elderly', 'social_rights'],
    communes: [
      'Sainte-Colombe-sur-Lys',
      'Brives-sur-Lys',
      'Saint-Étienne-de-Valoux',
      'Pont-de-Rives',
    ],
    waitingTime: 'Réserver 48 h à l’avance',
    accepting: 'yes',
    hours: 'Lundi–vendredi 8 h – 18 h',
    costNotes: 'Adhésion 10 € par an ; 0,35 € par kilomètre.',
    channels: [tel('04 65 71 13 80', 'lundi–jeudi 9 h – 11 h', true)],
  },

  // — GEM
  {
    org: 'gem',
    name: 'Accueil et entraide — GEM La Passerelle',
    description:
      'Lieu d’accueil géré par et pour des personnes vivant avec des troubles psychiques.',
    missions: 'Activités collectives, sorties, entraide entre pairs, lutte contre l’isolement.',
    limits: 'Ce n’est pas un lieu de soins ; pas d’accueil de personnes en crise.',
    eligibility: 'Adultes concernés par des troubles psychiques, adhésion libre.',
    careStreams: ['mental_health'],
    communes: ['Lavergne', 'Pont-de-Rives', 'Montaigu-les-Bois'],
    waitingTime: 'Sans attente',
    accepting: 'yes',
    hours: 'Mardi–samedi 13 h 30 – 18 h',
    costNotes: 'Adhésion 5 € par an.',
    channels: [tel('04 65 71 13 90', '13 h 30 – 18 h', true), onSite('2 rue du Four')],
  },
];
