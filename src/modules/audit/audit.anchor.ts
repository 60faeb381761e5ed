import { appendFileSync, chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { TAuditAnchor } from './audit.verify.js';

/**
 * Anchors: the chain's head (seq, hash, time) written outside the database, one JSON line each, to
 * a file that is only ever appended to (and optionally mailed away). Whoever rolls the chain's tail
 * back inside the database cannot reach them; the audit check compares the chain with them.
 */
export function appendAnchor(file: string, anchor: TAuditAnchor): void {
  // on PostgreSQL with SESSION_SECRET set, nothing else may have created DATA_DIR
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${JSON.stringify(anchor)}\n`, { mode: 0o600, flag: 'a' });
  // mode applies on creation only: a file created by hand with wider rights is narrowed here
  chmodSync(file, 0o600);
}

/**
 * The anchors in the file (none when it does not exist yet). A line that is not an anchor is not
 * skipped silently: it is reported, since editing the file is what someone hiding a rollback would do.
 */
export function readAnchors(file: string): { anchors: TAuditAnchor[]; problems: string[] } {
  if (!existsSync(file)) return { anchors: [], problems: [] };
  const anchors: TAuditAnchor[] = [];
  const problems: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      const value = parseJson(line) as Partial<TAuditAnchor> | null;
      if (
        typeof value?.seq === 'number' &&
        typeof value.hash === 'string' &&
        typeof value.at === 'string'
      ) {
        anchors.push({ seq: value.seq, hash: value.hash, at: value.at });
      } else {
        problems.push(
          `the anchor file ${file} holds a line that is not an anchor (line ${index + 1})`,
        );
      }
    });
  return { anchors, problems };
}

function parseJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

/** The body of the anchor mail: enough to compare by hand with the file and the database. */
export function anchorMailBody(anchor: TAuditAnchor): string {
  return [
    'Maillon audit log anchor (keep this mail: it proves what the log held on this date).',
    '',
    `time: ${anchor.at}`,
    `row:  ${anchor.seq}`,
    `hash: ${anchor.hash}`,
    '',
    'To compare: npm run audit:verify, or the audit check of the administration screen.',
    `SQL: SELECT hash FROM audit_chain_at(${anchor.seq});  -- must equal the hash above`,
  ].join('\n');
}
