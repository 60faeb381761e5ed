/**
 * npm run audit:verify — walks the audit chain of the configured database (DATABASE_URL, or the
 * embedded one in DATA_DIR) and exits 1 when a row was altered, removed or inserted out of order.
 */
import { openDatabase } from '../src/db/client.js';
import { verifyAuditChain } from '../src/modules/audit/audit.verify.js';
import { loadConfig } from '../src/server/config.js';

const config = loadConfig();
const database = await openDatabase(config);
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    process.stdout.write(`audit chain OK: ${result.checked} rows verified (${database.driver})\n`);
  } else {
    process.stderr.write(`audit chain BROKEN after ${result.checked} rows:\n`);
    for (const problem of result.problems) process.stderr.write(`  - ${problem}\n`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}
