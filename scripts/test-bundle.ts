/**
 * The test files as plain JavaScript for `npm test` (decision 050): one esbuild run bundles every
 * test file (shared code in chunks, packages left to node_modules) into a folder of its own, so
 * each test process loads JavaScript instead of compiling TypeScript through tsx's loader — 1.6 to
 * 3.6 s of processor time less a file (two files measured), over about 225 test processes. What the tests check
 * does not change: the same files, the same code; the type checks still run on the sources
 * (`tsc --noEmit`), and stack traces point at the sources (source maps).
 *
 * A module's `import.meta.url`, `import.meta.dirname` and `import.meta.filename` are written as
 * its source file's, so a file found next to a module (migrations, fixtures, the web build, the
 * repository's root) is found where it was.
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** Each module's import.meta as its source file's (see above). */
const sourceImportMeta: Plugin = {
  name: 'source-import-meta',
  setup(builder) {
    builder.onLoad({ filter: /\.tsx?$/ }, async (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const source = await readFile(args.path, 'utf8');
      const contents = source.includes('import.meta')
        ? source
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
            .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
            .replaceAll('import.meta.filename', JSON.stringify(args.path))
        : source;
      return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/** The server's entry, bundled with the tests (test/helpers/server-process.ts). */
export const SERVER_ENTRY = 'src/server/main.ts';

export type TTestBundle = {
  /** The bundled file of a test file (its path relative to the repository). */
  fileOf: (testFile: string) => string;
  remove: () => void;
};

/** Bundles the test files (paths relative to root) into root/.test-build/<name>. */
export async function bundleTests(
  root: string,
  testFiles: readonly string[],
  name: string,
): Promise<TTestBundle> {
  const outdir = join(root, '.test-build', name);
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    // The server too: the tests that start one start this bundle of it (MAILLON_TEST_SERVER_ENTRY).
    entryPoints: [...testFiles, SERVER_ENTRY],
    outdir,
    outbase: '.',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    plugins: [sourceImportMeta],
    logLevel: 'warning',
  });
  return {
    fileOf: (testFile) => join(outdir, testFile.replace(/\.tsx?$/, '.mjs')),
    remove: () => rmSync(outdir, { recursive: true, force: true }),
  };
}
