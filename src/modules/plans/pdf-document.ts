/**
 * What the printed documents for the home share (the plan, decision 017; the emergency liaison
 * sheet, decision 020): an A4 PDFKit document in standard Helvetica (no font file to ship), its
 * headings and labelled paragraphs, and dates written out in French or English.
 */

export type TLocale = 'fr' | 'en';

/** A date written out ("5 décembre 2026"), in Paris time. */
export function day(iso: string, locale: TLocale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}

/**
 * A new document with its title's metadata; `done` resolves with the bytes once `doc.end()`.
 * PDFKit is loaded on the first document, not with the server: few requests print, and every
 * process (each test file among them) would pay its load at start (decision 048).
 */
export async function startPdf(title: string, locale: TLocale) {
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: title, Producer: 'Maillon' },
    lang: locale,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string, size = 14) => {
    doc
      .moveDown(0.6)
      .font('Helvetica-Bold')
      .fontSize(size)
      .text(text)
      .font('Helvetica')
      .fontSize(11);
  };
  const paragraph = (label: string, text: string) => {
    if (!text) return;
    doc.font('Helvetica-Bold').text(label).font('Helvetica').text(text).moveDown(0.3);
  };
  /** The person's name in the civil-status way (NAME First), with the birth date. */
  const personLine = (
    person: { firstName: string; lastName: string; birthDate: string | null },
    born: string,
  ) =>
    `${person.lastName.toUpperCase()} ${person.firstName}` +
    (person.birthDate ? `, ${born} ${day(person.birthDate, locale)}` : '');
  return { doc, done, heading, paragraph, personLine };
}
