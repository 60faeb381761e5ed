/**
 * The emergency liaison sheet for the home (HAS "DLU-Dom", decision 020): who the person is, the
 * situation, treatments, team, case manager, trusted person and caregivers, advance directives and
 * palliative care, on one or two A4 pages. It says plainly what Maillon does not record rather than
 * inventing it; medical items are in it only when the reader's role may see them.
 */
import { CARE_TEAM_ROLES, type TCareTeamRole } from '../persons/care-team.roles.js';
import { day, startPdf, type TLocale } from './pdf-document.js';

export type TEmergencySheet = {
  person: {
    firstName: string;
    lastName: string;
    birthName: string | null;
    birthDate: string | null;
    address: string | null;
    postalCode: string | null;
    commune: string | null;
    phone: string | null;
    insMatricule: string | null;
    advanceDirectives: boolean | null;
    advanceDirectivesWhere: string | null;
  };
  situation: string;
  caseManager: { name: string; phone: string | null } | null;
  team: {
    name: string;
    profession: string;
    role: TCareTeamRole;
    roleTitle: string | null;
    phone: string | null;
  }[];
  contacts: { kind: string; name: string; relation: string | null; phone: string | null }[];
  /** Null when the reader's role may not see medical items. */
  medical: {
    palliativeCare: boolean | null;
    treatments: { medicationCount: number; conditionCount: number; assessedAt: string } | null;
  } | null;
  printedAt: string;
  printedBy: string;
};

const WORDS = {
  fr: {
    title: "Dossier de liaison d'urgence",
    subtitle: 'À garder au domicile, visible, pour les secours et les intervenants.',
    born: 'né(e) le',
    birthName: 'nom de naissance',
    address: 'Adresse',
    phone: 'Téléphone',
    ins: 'INS (matricule)',
    situation: 'Situation',
    noSituation: 'Aucune situation décrite dans le plan de coordination.',
    treatments: 'Traitements en cours',
    medications: (count: number, conditions: number, date: string) =>
      `${count} médicament(s) pris chaque jour et ${conditions} maladie(s) chronique(s) déclarés lors de l'évaluation multidimensionnelle du ${date}.`,
    noTreatments: "Aucune évaluation multidimensionnelle n'enregistre les traitements.",
    noList:
      "La liste des médicaments n'est pas enregistrée dans Maillon : voir la dernière ordonnance au domicile.",
    palliative: 'Soins palliatifs',
    yes: 'oui',
    no: 'non',
    notRecorded: 'non renseigné',
    directives: 'Directives anticipées',
    directivesWhere: 'rédigées, conservées :',
    directivesYes: 'rédigées (lieu de conservation non renseigné)',
    directivesNo: 'non rédigées',
    caseManager: 'Gestionnaire de cas',
    noCaseManager: 'Aucun gestionnaire de cas désigné.',
    team: 'Équipe de soins',
    noTeam: 'Aucun intervenant enregistré.',
    contacts: 'Personne de confiance, aidants, représentants légaux',
    noContacts: 'Aucun contact enregistré.',
    kind: {
      trusted_person: 'Personne de confiance',
      caregiver: 'Aidant',
      legal_representative: 'Représentant légal',
    } as Record<string, string>,
    noPhone: 'pas de téléphone enregistré',
    hidden:
      'Les éléments médicaux (traitements, soins palliatifs) ne figurent pas sur ce document : le rôle de la personne qui l’a imprimé ne les lui montre pas.',
    printed: (date: string, by: string) => `Imprimé le ${date} par ${by}.`,
  },
  en: {
    title: 'Emergency liaison sheet',
    subtitle: 'Keep at home, in sight, for emergency services and carers.',
    born: 'born on',
    birthName: 'birth name',
    address: 'Address',
    phone: 'Phone',
    ins: 'INS (national health identifier)',
    situation: 'Situation',
    noSituation: 'No situation described in the coordination plan.',
    treatments: 'Current treatments',
    medications: (count: number, conditions: number, date: string) =>
      `${count} medication(s) taken daily and ${conditions} chronic condition(s) reported in the multidimensional assessment of ${date}.`,
    noTreatments: 'No multidimensional assessment records the treatments.',
    noList:
      'The list of medications is not recorded in Maillon: see the latest prescription at home.',
    palliative: 'Palliative care',
    yes: 'yes',
    no: 'no',
    notRecorded: 'not recorded',
    directives: 'Advance directives',
    directivesWhere: 'written, kept at',
    directivesYes: 'written (where they are kept is not recorded)',
    directivesNo: 'not written',
    caseManager: 'Case manager',
    noCaseManager: 'No case manager appointed.',
    team: 'Care team',
    noTeam: 'No professional recorded.',
    contacts: 'Trusted person, caregivers, legal representatives',
    noContacts: 'No contact recorded.',
    kind: {
      trusted_person: 'Trusted person',
      caregiver: 'Caregiver',
      legal_representative: 'Legal representative',
    } as Record<string, string>,
    noPhone: 'no phone recorded',
    hidden:
      'Medical items (treatments, palliative care) are not on this document: the role of whoever printed it does not show them.',
    printed: (date: string, by: string) => `Printed on ${date} by ${by}.`,
  },
} as const;

/** Renders the sheet as a PDF (A4; one page for a usual team, two for a large one). */
export async function renderEmergencySheet(
  sheet: TEmergencySheet,
  locale: TLocale,
): Promise<Buffer> {
  const w = WORDS[locale];
  const { doc, done, heading, paragraph, personLine } = await startPdf(w.title, locale);
  const { person, medical } = sheet;
  const colon = locale === 'fr' ? ' : ' : ': ';
  const line = (label: string, text: string) =>
    doc
      .font('Helvetica-Bold')
      .text(label + colon, { continued: true })
      .font('Helvetica')
      .text(text);
  const reach = (phone: string | null) => phone ?? w.noPhone;

  doc.font('Helvetica-Bold').fontSize(18).text(w.title);
  doc.font('Helvetica').fontSize(9).text(w.subtitle).fontSize(12).moveDown(0.4);
  doc.font('Helvetica-Bold').text(personLine(person, w.born)).font('Helvetica').fontSize(11);
  if (person.birthName && person.birthName !== person.lastName) {
    doc.text(w.birthName + colon + person.birthName);
  }
  const address = [person.address, [person.postalCode, person.commune].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  if (address) line(w.address, address);
  if (person.phone) line(w.phone, person.phone);
  if (person.insMatricule) line(w.ins, person.insMatricule);

  heading(w.directives);
  line(
    w.directives,
    person.advanceDirectives === null
      ? w.notRecorded
      : !person.advanceDirectives
        ? w.directivesNo
        : person.advanceDirectivesWhere
          ? `${w.directivesWhere} ${person.advanceDirectivesWhere}`
          : w.directivesYes,
  );
  if (medical) {
    const palliative = medical.palliativeCare;
    line(w.palliative, palliative === null ? w.notRecorded : palliative ? w.yes : w.no);
  }

  heading(w.situation);
  doc.text(sheet.situation || w.noSituation);

  if (medical) {
    heading(w.treatments);
    const t = medical.treatments;
    doc.text(
      t
        ? w.medications(t.medicationCount, t.conditionCount, day(t.assessedAt, locale))
        : w.noTreatments,
    );
    doc.text(w.noList);
  }

  heading(w.caseManager);
  doc.text(
    sheet.caseManager
      ? `${sheet.caseManager.name} — ${reach(sheet.caseManager.phone)}`
      : w.noCaseManager,
  );

  heading(w.contacts);
  if (!sheet.contacts.length) doc.text(w.noContacts);
  for (const contact of sheet.contacts) {
    const who = [contact.name, contact.relation].filter(Boolean).join(', ');
    line(w.kind[contact.kind] ?? contact.kind, `${who} — ${reach(contact.phone)}`);
  }

  heading(w.team);
  if (!sheet.team.length) doc.text(w.noTeam);
  for (const member of sheet.team) {
    const role = [CARE_TEAM_ROLES[member.role][locale], member.roleTitle]
      .filter(Boolean)
      .join(', ');
    paragraph(`${member.name} (${role})`, `${member.profession} — ${reach(member.phone)}`);
  }

  doc.moveDown().fontSize(9);
  if (!medical) doc.text(w.hidden).moveDown(0.3);
  doc.text(w.printed(day(sheet.printedAt, locale), sheet.printedBy));
  doc.end();
  return done;
}
