/**
 * The web app's types are the server's: a change to a server schema must break the web's
 * typecheck, not a screen at run time. Each case below changes one schema in memory (the files on
 * disk stay as they are), typechecks web/ with its own tsconfig, and expects an error in the web
 * file that relies on what changed. A type restated by hand in web/src would let the change
 * through, and the case would fail.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, test } from 'node:test';
import ts from 'typescript';

const root = join(import.meta.dirname, '..');
const webConfig = ts.getParsedCommandLineOfConfigFile(join(root, 'web/tsconfig.json'), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  },
});
assert.ok(webConfig, 'web/tsconfig.json is readable');
const options = webConfig.options;

/** Parsed files kept across the cases: only the changed file is parsed again. */
const parsed = new Map<string, ts.SourceFile>();
let previous: ts.Program | undefined;

/**
 * The type errors of the given web files, as "web/src/file.ts: message", with `change.path` read
 * as `change.text`. Only these files are checked (and what they need), to keep the test quick.
 */
function webErrors(files: string[], change?: { path: string; text: string }): string[] {
  const changed = change ? resolve(root, change.path) : null;
  const host = ts.createCompilerHost(options, true);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    const key = resolve(fileName);
    if (key === changed) return ts.createSourceFile(fileName, change!.text, languageVersion, true);
    const known = parsed.get(key);
    if (known) return known;
    const file = readSource(fileName, languageVersion, onError);
    if (file) parsed.set(key, file);
    return file;
  };
  const program = ts.createProgram({
    rootNames: webConfig!.fileNames,
    options,
    host,
    oldProgram: previous,
  });
  previous = program;
  return files
    .map((file) => program.getSourceFile(join(root, file)))
    .flatMap((file) => {
      assert.ok(file, 'each checked file belongs to the web program');
      return program.getSemanticDiagnostics(file);
    })
    .map(
      (d) =>
        `${relative(root, d.file?.fileName ?? '?')}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
    );
}

/** `path` with `from` replaced by `to`; throws if `from` is not found exactly once. */
function edited(path: string, from: string, to: string): { path: string; text: string } {
  const text = readFileSync(join(root, path), 'utf8');
  assert.equal(text.split(from).length, 2, `"${from}" appears exactly once in ${path}`);
  return { path, text: text.replace(from, to) };
}

const CASES: { name: string; change: { path: string; text: string }; breaks: string }[] = [
  {
    name: 'a role added on the server breaks the web list of roles',
    change: edited(
      'src/server/context.ts',
      "  'steering',\n] as const;",
      "  'steering',\n  'family',\n] as const;",
    ),
    breaks: 'web/src/api.ts',
  },
  {
    name: "the person account invitation's displayName renamed breaks the case manager's form",
    change: edited(
      'src/modules/accounts/accounts.schemas.ts',
      "    displayName: z.string().trim().min(1).max(120),\n    locale: ZLocale.default('fr'),",
      "    name: z.string().trim().min(1).max(120),\n    locale: ZLocale.default('fr'),",
    ),
    breaks: 'web/src/pages/persons/PersonAccountForm.tsx',
  },
  {
    name: "the outbox link's revealable renamed breaks the outbox section",
    change: edited(
      'src/modules/accounts/accounts.schemas.ts',
      '      revealable: z',
      '      canReveal: z',
    ),
    breaks: 'web/src/pages/admin/OutboxSection.tsx',
  },
  {
    name: "the outbox's delivery renamed breaks the outbox section",
    change: edited('src/modules/accounts/accounts.schemas.ts', '  delivery: z', '  mailer: z'),
    breaks: 'web/src/pages/admin/OutboxSection.tsx',
  },
  {
    name: "an account's status renamed breaks the administration's user list",
    change: edited(
      'src/modules/accounts/accounts.schemas.ts',
      "  status: z.enum(['invited', 'active', 'disabled']),",
      "  state: z.enum(['invited', 'active', 'disabled']),",
    ),
    breaks: 'web/src/pages/admin/UsersSection.tsx',
  },
  {
    name: 'a channel kind added on the server breaks the web list of channel kinds',
    change: edited(
      'src/modules/directory/directory.schemas.ts',
      '    kind: z.enum(CHANNEL_KIND_CODES),',
      "    kind: z.enum([...CHANNEL_KIND_CODES, 'video']),",
    ),
    breaks: 'web/src/api.ts',
  },
  {
    name: "a directory body field renamed breaks the entry forms' field list",
    change: edited(
      'src/modules/directory/directory.schemas.ts',
      "  goodToKnow: optionalText(1000).describe('Free",
      "  remarks: optionalText(1000).describe('Free",
    ),
    breaks: 'web/src/pages/directory/entry-form-model.ts',
  },
  {
    name: "a search filter added on the server breaks the search page's list of filters",
    change: edited(
      'src/modules/directory/directory.schemas.ts',
      '  channel: z.enum(CHANNEL_KIND_CODES).optional(),',
      '  channel: z.enum(CHANNEL_KIND_CODES).optional(),\n  postalCode: z.string().optional(),',
    ),
    breaks: 'web/src/pages/directory/DirectorySearchPage.tsx',
  },
  {
    name: 'a search result field renamed breaks the directory search page',
    change: edited(
      'src/modules/directory/directory.schemas.ts',
      "  stale: z.boolean().describe('Not verified recently",
      "  outdated: z.boolean().describe('Not verified recently",
    ),
    breaks: 'web/src/pages/directory/DirectorySearchPage.tsx',
  },
];

describe('the web typecheck follows the server schemas', () => {
  test('the web files checked below typecheck against the schemas as they are', () => {
    assert.deepEqual(webErrors([...new Set(CASES.map((c) => c.breaks))]), []);
  });

  for (const { name, change, breaks } of CASES) {
    test(name, () => {
      const errors = webErrors([breaks], change);
      assert.ok(
        errors.some((error) => error.startsWith(`${breaks}:`)),
        `expected a type error in ${breaks}, got:\n${errors.join('\n') || '(none)'}`,
      );
    });
  }
});
