/**
 * The text a PDF shows, for tests: inflates its streams and reads the strings of the text
 * operators (TJ, Tj) as PDFKit writes them with the standard fonts (hex, WinAnsi encoding).
 */
import { inflateSync } from 'node:zlib';

/** WinAnsi differs from Latin-1 in 0x80–0x9F: the characters a French text may use there. */
const WIN_ANSI: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x8c: 'Œ',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x96: '–',
  0x97: '—',
  0x9c: 'œ',
};

function decodeHex(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  return [...bytes].map((byte) => WIN_ANSI[byte] ?? String.fromCharCode(byte)).join('');
}

/** Every line of text drawn in the PDF, joined with spaces (whitespace collapsed). */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(match[1]!, 'latin1');
    let content: string;
    try {
      content = inflateSync(bytes).toString('latin1');
    } catch {
      content = bytes.toString('latin1');
    }
    for (const op of content.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const pieces =
        op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]!) : [op[2]!];
      lines.push(pieces.map(decodeHex).join(''));
    }
  }
  return lines.join(' ').replace(/\s+/g, ' ');
}
