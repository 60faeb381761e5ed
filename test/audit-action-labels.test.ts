/**
 * A person's access log ("Qui a consulté le dossier") names each audited decision in words: every
 * action the guard audits about a person has a label in French and in English, so a patient never
 * reads a code such as `caseload.read`. The actions are taken from the source, where the guard is
 * called (`auditAction: '…'`), with the two computed forms expanded: a medical second decision
 * (`….medical`) and a triage decision (`request.<decision>`).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '..');

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });

/** Triage decisions (src/modules/requests/requests.states.ts: TTriageDecision). */
const TRIAGE_DECISIONS = ['accept', 'redirect', 'decline'];

function auditedActions(): Set<string> {
  const actions = new Set<string>();
  for (const file of sourceFiles(join(root, 'src'))) {
    const text = readFileSync(file, 'utf8');
    const literals = [...text.matchAll(/auditAction:[^,;\n]*/g)].flatMap((match) =>
      [...match[0].matchAll(/'([a-z_.]+)'/g)].map((quoted) => quoted[1]!),
    );
    for (const action of literals) actions.add(action);
    // a helper that takes a second, medical decision under `<its action>.medical`: each action
    // passed to it in this file has that second one too
    const medical = text.indexOf('`${options.auditAction}.medical`');
    if (medical >= 0) {
      const helper = /function (\w+)/.exec(text.slice(text.lastIndexOf('function ', medical)))![1]!;
      const calls = new RegExp(`${helper}\\(ctx, tx, \\{[^}]*?auditAction: '([a-z_.]+)'`, 'g');
      for (const call of text.matchAll(calls)) actions.add(`${call[1]!}.medical`);
    }
    if (text.includes('`request.${options.decision}`')) {
      for (const decision of TRIAGE_DECISIONS) actions.add(`request.${decision}`);
    }
  }
  return actions;
}

const labels = (language: 'fr' | 'en') =>
  (
    JSON.parse(readFileSync(join(root, 'web/src/i18n', `${language}.json`), 'utf8')) as {
      accessLog: { action: Record<string, string> };
    }
  ).accessLog.action;

describe('the access log names every audited decision', () => {
  const actions = auditedActions();

  it('finds the guard’s actions in the source', () => {
    for (const known of ['person.read', 'person.list', 'caseload.read', 'plan.read.medical']) {
      assert.ok(actions.has(known), `${known} found`);
    }
    assert.ok(actions.size > 60, `${actions.size} actions`);
  });

  for (const language of ['fr', 'en'] as const) {
    it(`has a ${language} label for each`, () => {
      const named = labels(language);
      const missing = [...actions].filter((action) => !named[action]?.trim()).sort();
      assert.deepEqual(missing, [], `actions shown as codes in the ${language} access log`);
    });
  }
});
