// npm start — builds only what changed since the last build, then serves (issue 18: an unchanged
// checkout is healthy in under 3 s). The server and the web app each keep a fingerprint of their
// inputs (file contents, not dates: a fresh clone or a checkout rewrites every date) next to
// their output; a missing or different fingerprint rebuilds that part, and only that part.
// Plain JavaScript on purpose: no TypeScript loader to start before the server.
// `node scripts/start.mjs --build-only` builds what changed and stops there.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..');
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', '.git']);
const isTest = (name) => /\.test\.tsx?$/.test(name);

function listFiles(path) {
  if (!existsSync(path)) return [];
  const entries = readdirSync(path, { withFileTypes: true });
  if (entries.length === 0) return [];
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : listFiles(child);
      return entry.isFile() && !isTest(entry.name) ? [child] : [];
    });
}

function fingerprintOf(inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const path = join(root, input);
    const files = existsSync(path) && statSync(path).isDirectory() ? listFiles(path) : [path];
    for (const file of files) {
      hash.update(relative(root, file));
      hash.update('\0');
      hash.update(existsSync(file) ? readFileSync(file) : 'missing');
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** What each part is built from; the web app imports the server's schemas (decision 009). */
const PARTS = [
  {
    name: 'server',
    script: 'build:server',
    inputs: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    output: 'dist/server/main.js',
    stamp: 'dist/.server-build',
  },
  {
    name: 'web',
    script: 'build:web',
    inputs: ['web', 'src', 'tsconfig.json', 'package-lock.json'],
    output: 'dist/web/index.html',
    stamp: 'dist/.web-build',
  },
];

for (const part of PARTS) {
  const fingerprint = fingerprintOf(part.inputs);
  const stampPath = join(root, part.stamp);
  const built =
    existsSync(join(root, part.output)) &&
    existsSync(stampPath) &&
    readFileSync(stampPath, 'utf8').trim() === fingerprint;
  if (built) continue;
  process.stdout.write(`Building the ${part.name} (its sources changed since the last build)…\n`);
  const result = spawnSync('npm', ['run', '--silent', part.script], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    process.stderr.write(`The ${part.name} build failed: nothing was started.\n`);
    process.exit(result.status ?? 1);
  }
  // The web build empties dist/web only, so the stamps beside it survive.
  writeFileSync(stampPath, `${fingerprint}\n`);
}

if (!process.argv.includes('--build-only')) {
  await import(pathToFileURL(join(root, 'dist/server/main.js')).href);
}
