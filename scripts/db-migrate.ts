/**
 * npm run db:migrate — applies the pending migrations to the configured database and exits. On
 * PostgreSQL in production, run it with the owner's login (DATABASE_URL=<owner's URL>) before
 * starting a new version: the server's own login may not change the schema (README, "PostgreSQL
 * roles"). The server also migrates at start when its login may.
 */
import { openDatabase } from '../src/db/client.js';
import { loadConfig } from '../src/server/config.js';

const config = loadConfig();
const database = await openDatabase(config);
await database.close();
process.stdout.write(`migrations applied (${database.driver})\n`);
