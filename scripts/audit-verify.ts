/**
 * npm run audit:verify — walks the audit chain of the configured database (DATABASE_URL, or the
 * embedded one in DATA_DIR), compares it with the anchors in AUDIT_ANCHOR_FILE (point it at a copy
 * kept elsewhere, or at the anchors saved from the mails), and exits 1 when a row was altered,
 * removed, inserted out of order, or the tail was rolled back behind an anchor.
 */
import { openDatabase } from '../src/db/client.js';
import { readAnchors } from '../src/modules/audit/audit.anchor.js';
import { sealAuditLog } from '../src/modules/audit/audit.seal.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { loadConfig } from '../src/server/config.js';

const config = loadConfig();
const anchored = readAnchors(config.auditAnchorFile);
const database = await openDatabase(config);
try {
  // rows committed but not sealed yet (a server stopped by a crash) join the chain first
  const sealed = await sealAuditLog(database.db);
  if (sealed > 0) process.stdout.write(`${sealed} committed audit rows sealed into the chain\n`);
  const result = await verifyAuditChain(database.db, { anchors: anchored.anchors });
  const problems = [...anchored.problems, ...result.problems];
  const count = anchored.problems.length + result.problemCount;
  const compared = `${anchored.anchors.length} anchors compared (${config.auditAnchorFile})`;
  if (count === 0) {
    process.stdout.write(
      `audit chain OK: ${result.checked} rows verified up to row ${result.head?.seq} (hash ${result.head?.hash}), ${compared} (${database.driver})\n`,
    );
  } else {
    process.stderr.write(
      `audit chain BROKEN: ${count} problems in ${result.checked} rows, ${compared}:\n`,
    );
    for (const problem of problems) process.stderr.write(`  - ${problem}\n`);
    if (count > problems.length) process.stderr.write(`  … and ${count - problems.length} more\n`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
