/**
 * The words a search must understand (issue 17, decision 032): what people type, and the entries
 * it must find (by title) and must not. Run on both drivers by search-cases.test.ts against the
 * small directory below, made for these cases (the demo directory changes with the demo).
 */
import type { TCareStream, TOrganisationType, TProfession } from './directory.vocabulary.js';

export type TCaseOrganisation = { name: string; type: TOrganisationType; commune: string };
export type TCaseMember = {
  firstName: string;
  lastName: string;
  profession: TProfession;
  organisation: string;
  roleTitle: string;
};
export type TCaseService = {
  organisation: string;
  name: string;
  communesServed: string[];
  careStreams?: TCareStream[];
};
export type TSearchCase = { query: string; find: string[]; notFind?: string[] };

export const CASE_ORGANISATIONS: TCaseOrganisation[] = [
  { name: 'Cabinet infirmier du Marché', type: 'other', commune: 'Lavergne' },
  { name: 'Maison de santé des Tilleuls', type: 'msp', commune: 'Saint-Étienne-de-Valoux' },
  { name: 'SSIAD du Pays de Rives', type: 'home_nursing', commune: 'Brives-sur-Lys' },
  { name: 'HAD Deux Rives', type: 'hospital', commune: 'Pont-de-Rives' },
  { name: 'EHPAD Les Glycines', type: 'nursing_home', commune: 'Montaigu-les-Bois' },
  {
    name: 'CCAS de Sainte-Colombe-sur-Lys',
    type: 'social_service',
    commune: 'Sainte-Colombe-sur-Lys',
  },
  { name: 'Pharmacie de la Place', type: 'pharmacy', commune: 'Saint-Étienne-de-Valoux' },
  { name: 'Cabinet de kinésithérapie du Pont', type: 'other', commune: 'Pont-de-Rives' },
  { name: 'Centre médico-psychologique du Val', type: 'hospital', commune: 'Lavergne' },
  { name: 'L’Escale', type: 'association', commune: 'Lavergne' },
];

const m = (
  firstName: string,
  lastName: string,
  profession: TProfession,
  organisation: string,
  roleTitle: string,
): TCaseMember => ({ firstName, lastName, profession, organisation, roleTitle });

export const CASE_MEMBERS: TCaseMember[] = [
  m('Élodie', 'Garnier', 'nurse', 'Cabinet infirmier du Marché', 'Infirmière libérale'),
  m('Karim', 'Haddad', 'nurse', 'SSIAD du Pays de Rives', 'Infirmier coordinateur'),
  m('Corinne', 'Vasseur', 'nurse', 'EHPAD Les Glycines', 'Infirmière coordinatrice (IDEC)'),
  m('Gwenaëlle', 'Le Gall', 'nurse', 'Maison de santé des Tilleuls', 'Infirmière Asalée'),
  m('Rose', 'N’Diaye', 'care_assistant', 'EHPAD Les Glycines', 'Aide-soignante'),
  m('Moussa', 'Ndiaye', 'home_aide', 'CCAS de Sainte-Colombe-sur-Lys', 'Auxiliaire de vie'),
  m('Sonia', 'Da Silva', 'home_aide', 'CCAS de Sainte-Colombe-sur-Lys', 'Aide à domicile'),
  m('Nadia', 'Benali', 'social_worker', 'CCAS de Sainte-Colombe-sur-Lys', 'Assistante sociale'),
  m(
    'Claire',
    'Lefèvre-Dubois',
    'speech_therapist',
    'Maison de santé des Tilleuls',
    'Orthophoniste',
  ),
  m(
    'Henri',
    'de la Tour',
    'general_practitioner',
    'Maison de santé des Tilleuls',
    'Médecin généraliste',
  ),
  m(
    'Jean',
    'Saint-Martin',
    'general_practitioner',
    'Maison de santé des Tilleuls',
    'Médecin généraliste',
  ),
  m('Paul', 'Delatour', 'pharmacist', 'Pharmacie de la Place', 'Pharmacien titulaire'),
  m(
    'Thomas',
    'Girard',
    'physiotherapist',
    'Cabinet de kinésithérapie du Pont',
    'Masseur-kinésithérapeute',
  ),
  m('Hugo', 'Marty', 'occupational_therapist', 'EHPAD Les Glycines', 'Ergothérapeute'),
  m('Louis', 'Bertrand', 'psychologist', 'Centre médico-psychologique du Val', 'Psychologue'),
];

export const CASE_SERVICES: TCaseService[] = [
  {
    organisation: 'Cabinet infirmier du Marché',
    name: 'Soins infirmiers à domicile — cabinet du Marché',
    communesServed: ['Lavergne', 'Montaigu-les-Bois'],
  },
  {
    organisation: 'SSIAD du Pays de Rives',
    name: 'Soins infirmiers à domicile (SSIAD)',
    communesServed: ['Brives-sur-Lys', 'Saint-Étienne-de-Valoux'],
    careStreams: ['elderly'],
  },
  {
    organisation: 'HAD Deux Rives',
    name: 'Hospitalisation à domicile (HAD)',
    communesServed: ['Pont-de-Rives'],
  },
  {
    organisation: 'Cabinet de kinésithérapie du Pont',
    name: 'Kinésithérapie respiratoire',
    communesServed: ['Pont-de-Rives'],
  },
  {
    organisation: 'Maison de santé des Tilleuls',
    name: 'Orthophonie — Tilleuls',
    communesServed: ['Saint-Étienne-de-Valoux'],
  },
  {
    organisation: 'CCAS de Sainte-Colombe-sur-Lys',
    name: 'Aide aux démarches d’identité',
    communesServed: ['Sainte-Colombe-sur-Lys'],
  },
  {
    organisation: 'EHPAD Les Glycines',
    name: 'Accueil de jour Alzheimer',
    communesServed: ['Montaigu-les-Bois'],
    careStreams: ['elderly'],
  },
];

const NURSING_PRACTICE = 'Cabinet infirmier du Marché';
const ITS_NURSE = 'Élodie Garnier';
const ITS_SERVICE = 'Soins infirmiers à domicile — cabinet du Marché';

export const SEARCH_CASES: TSearchCase[] = [
  // — A profession with the commune where the member works (the app's own example)
  {
    query: 'infirmière Lavergne',
    find: [NURSING_PRACTICE, ITS_NURSE, ITS_SERVICE],
    notFind: ['Karim Haddad', 'Gwenaëlle Le Gall'],
  },
  { query: 'infirmier Lavergne', find: [NURSING_PRACTICE, ITS_NURSE, ITS_SERVICE] },
  { query: 'infirmières Lavergne', find: [NURSING_PRACTICE, ITS_NURSE] },
  { query: 'INFIRMIERE lavergne', find: [NURSING_PRACTICE, ITS_NURSE] },
  { query: 'IDE Lavergne', find: [NURSING_PRACTICE, ITS_NURSE], notFind: ['Karim Haddad'] },
  { query: 'soins infirmiers Lavergne', find: [NURSING_PRACTICE, ITS_SERVICE] },
  { query: 'infirmière Brives', find: ['Karim Haddad'], notFind: [ITS_NURSE] },
  { query: 'psychologue Lavergne', find: ['Louis Bertrand'] },
  { query: 'aide-soignante Montaigu', find: ['Rose N’Diaye'] },
  { query: 'kiné Pont-de-Rives', find: ['Thomas Girard', 'Kinésithérapie respiratoire'] },
  { query: 'orthophoniste Saint-Étienne', find: ['Claire Lefèvre-Dubois'] },
  { query: 'pharmacienne St Etienne', find: ['Paul Delatour'] },
  // — Gender, number and the short forms professionals type
  {
    query: 'IDEL',
    find: [ITS_NURSE, 'Karim Haddad', 'Gwenaëlle Le Gall'],
    notFind: ['Rose N’Diaye'],
  },
  { query: 'IDE', find: [ITS_NURSE], notFind: ['Aide aux démarches d’identité'] },
  { query: 'IDEC', find: ['Corinne Vasseur', 'Karim Haddad'] },
  { query: 'infirmière coordinatrice', find: ['Corinne Vasseur', 'Karim Haddad'] },
  {
    query: 'kiné',
    find: ['Thomas Girard', 'Cabinet de kinésithérapie du Pont', 'Kinésithérapie respiratoire'],
  },
  { query: 'kinésithérapeute', find: ['Thomas Girard', 'Cabinet de kinésithérapie du Pont'] },
  { query: 'masseur-kinésithérapeute', find: ['Thomas Girard'] },
  { query: 'MK', find: ['Thomas Girard'] },
  { query: 'kinesiterapeute', find: ['Thomas Girard'] },
  { query: 'orthophonie', find: ['Claire Lefèvre-Dubois', 'Orthophonie — Tilleuls'] },
  { query: 'orthophoniste', find: ['Claire Lefèvre-Dubois', 'Orthophonie — Tilleuls'] },
  { query: 'aide-soignante', find: ['Rose N’Diaye'], notFind: ['Nadia Benali'] },
  { query: 'aide soignant', find: ['Rose N’Diaye'], notFind: ['Nadia Benali'] },
  { query: 'AS', find: ['Rose N’Diaye', 'Nadia Benali'], notFind: ['L’Escale'] },
  { query: 'auxiliaire de vie', find: ['Moussa Ndiaye'] },
  { query: 'AVS', find: ['Moussa Ndiaye'] },
  { query: 'médecin généraliste', find: ['Henri de la Tour', 'Jean Saint-Martin'] },
  { query: 'généraliste', find: ['Henri de la Tour', 'Jean Saint-Martin'] },
  { query: 'MG', find: ['Henri de la Tour'] },
  { query: 'médecin traitant', find: ['Henri de la Tour'] },
  { query: 'pharmacien', find: ['Paul Delatour', 'Pharmacie de la Place'] },
  { query: 'pharmacie', find: ['Paul Delatour', 'Pharmacie de la Place'] },
  { query: 'pharmacienne', find: ['Paul Delatour'] },
  { query: 'ergothérapeute', find: ['Hugo Marty'] },
  { query: 'ergo', find: ['Hugo Marty'] },
  { query: 'psychologue', find: ['Louis Bertrand'] },
  { query: 'psy', find: ['Louis Bertrand'] },
  { query: 'assistante sociale', find: ['Nadia Benali'], notFind: ['Rose N’Diaye'] },
  { query: 'assistant de service social', find: ['Nadia Benali'] },
  // — Structures by their acronym or their name
  {
    query: 'SSIAD',
    find: ['SSIAD du Pays de Rives', 'Soins infirmiers à domicile (SSIAD)'],
  },
  { query: 'service de soins infirmiers à domicile', find: ['SSIAD du Pays de Rives'] },
  { query: 'HAD', find: ['HAD Deux Rives', 'Hospitalisation à domicile (HAD)'] },
  { query: 'hospitalisation à domicile', find: ['HAD Deux Rives'] },
  { query: 'EHPAD', find: ['EHPAD Les Glycines'] },
  { query: 'maison de retraite', find: ['EHPAD Les Glycines'] },
  { query: 'CCAS', find: ['CCAS de Sainte-Colombe-sur-Lys'] },
  { query: 'centre communal d’action sociale', find: ['CCAS de Sainte-Colombe-sur-Lys'] },
  { query: 'CMP', find: ['Centre médico-psychologique du Val'] },
  // — Place names
  {
    query: 'St Étienne',
    find: ['Maison de santé des Tilleuls', 'Pharmacie de la Place'],
    notFind: ['CCAS de Sainte-Colombe-sur-Lys'],
  },
  { query: 'St-Etienne-de-Valoux', find: ['Maison de santé des Tilleuls'] },
  {
    query: 'Ste Colombe',
    find: ['CCAS de Sainte-Colombe-sur-Lys'],
    notFind: ['Maison de santé des Tilleuls'],
  },
  { query: 'Ste-Colombe s/ Lys', find: ['CCAS de Sainte-Colombe-sur-Lys'] },
  { query: 'Brives s/ Lys', find: ['SSIAD du Pays de Rives'] },
  // — Names with apostrophes, hyphens and particles
  { query: 'N’Diaye', find: ['Rose N’Diaye', 'Moussa Ndiaye'] },
  { query: "N'Diaye", find: ['Rose N’Diaye', 'Moussa Ndiaye'] },
  { query: 'Ndiaye', find: ['Rose N’Diaye', 'Moussa Ndiaye'] },
  { query: 'N Diaye', find: ['Rose N’Diaye', 'Moussa Ndiaye'] },
  { query: 'Lefevre Dubois', find: ['Claire Lefèvre-Dubois'] },
  { query: 'Lefèvre-Dubois', find: ['Claire Lefèvre-Dubois'] },
  { query: 'lefevredubois', find: ['Claire Lefèvre-Dubois'] },
  { query: 'de la Tour', find: ['Henri de la Tour', 'Paul Delatour'] },
  { query: 'Delatour', find: ['Paul Delatour', 'Henri de la Tour'] },
  { query: 'Dr de la Tour', find: ['Henri de la Tour'], notFind: ['Paul Delatour'] },
  { query: 'Le Gall', find: ['Gwenaëlle Le Gall'] },
  { query: 'Legall', find: ['Gwenaëlle Le Gall'] },
  { query: 'Dasilva', find: ['Sonia Da Silva'] },
  { query: 'Da Silva', find: ['Sonia Da Silva'] },
  { query: 'Escale', find: ['L’Escale'] },
  { query: 'lescale', find: ['L’Escale'] },
  { query: 'Jean St Martin', find: ['Jean Saint-Martin'] },
];
