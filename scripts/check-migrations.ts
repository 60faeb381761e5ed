/**
 * npm run db:check — fails when the Drizzle schema and the committed migrations drift apart:
 * drizzle-kit generates into a scratch copy of the migrations; any new file means drift.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// The schema to compare; tests pass a drifted fixture to prove that drift is caught.
const schema = resolve(process.argv[2] ?? join(root, 'src/db/schema/index.ts'));
const committed = join(root, 'src/db/migrations');
const scratch = mkdtempSync(join(tmpdir(), 'maillon-drift-'));
const out = join(scratch, 'migrations');
cpSync(committed, out, { recursive: true });
const before = new Set(readdirSync(out));
// drizzle-kit takes paths relative to the working directory, and may exit 0 on errors: read its output.
const output = execFileSync(
  join(root, 'node_modules/.bin/drizzle-kit'),
  [
    'generate',
    '--dialect',
    'postgresql',
    '--schema',
    relative(root, schema),
    '--out',
    relative(root, out),
    '--name',
    'drift',
  ],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
);
const added = readdirSync(out).filter((name) => !before.has(name));
if (added.length > 0) {
  process.stderr.write(
    `Schema and migrations have drifted: drizzle-kit would generate ${added.join(', ')}.\n` +
      'Run `npm run db:generate` and commit the new migration.\n',
  );
  process.exit(1);
}
if (!/No schema changes/.test(output)) {
  process.stderr.write(`drizzle-kit did not confirm the comparison:\n${output}\n`);
  process.exit(2);
}
process.stdout.write('schema and migrations agree\n');
