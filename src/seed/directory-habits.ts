/**
 * How each profession is best reached, and small helpers to make believable directory entries:
 * shared by the demo seed and the synthetic region generator (scripts/region).
 */
import type { TChannel } from '../db/schema/index.js';
import type { TProfession } from '../modules/directory/directory.vocabulary.js';

/** Per profession: a health professional?, the channel they prefer, when to call, good to know. */
export const PROFESSION_REACH: Record<
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

/** Lower-case ASCII words joined by "-" (for e-mail addresses). */
export const slugify = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** An 11-digit RPPS-like number: "10", the eight digits given, and a Luhn check digit. */
export function rppsNumber(eightDigits: number): string {
  const body = `10${String(eightDigits).padStart(8, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** A number in the range ARCEP reserves for fiction: prefix "04 65 71" or "06 39 98", then n. */
export const fictionNumber = (prefix: string, n: number) => {
  const digits = String(n % 10_000).padStart(4, '0');
  return `${prefix} ${digits.slice(0, 2)} ${digits.slice(2)}`;
};

/** One preferred channel, exactly (the first one when the wanted kind is missing). */
export function withPreferred(channels: TChannel[], preferred: TChannel['kind']): TChannel[] {
  const chosen = channels.some((c) => c.kind === preferred) ? preferred : channels[0]!.kind;
  return channels.map((c) => ({ ...c, preferred: c.kind === chosen }));
}
