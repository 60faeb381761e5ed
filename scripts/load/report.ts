/** The load test's figures as a readable text report (the JSON report has the same figures). */
import type { TCeiling } from './ceilings.js';
import type { TMixReport } from './mix.js';
import type { TLoadReport } from './run.js';
import type { TPhaseReport } from './stats.js';

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
const ms = (n: number) => (n >= 100 ? String(Math.round(n)) : n.toFixed(1));
const pct = (ratio: number | null) =>
  ratio === null ? 'n/a' : `${(ratio * 100).toFixed(ratio < 0.1 ? 2 : 1)} %`;
const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(headers), ...rows.map(line)];
}

function routeTable(phase: TPhaseReport): string[] {
  const rows = phase.routes.map((r) => [
    r.route,
    num(r.count),
    num(r.perSecond),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    ms(r.max),
    String(r.conflicts),
    String(r.clientErrors),
    String(r.serverErrors),
    String(r.networkErrors),
  ]);
  rows.push([
    'all routes',
    num(phase.requests),
    num(phase.perSecond),
    ms(phase.p50),
    ms(phase.p95),
    ms(phase.p99),
    '',
    String(phase.conflicts),
    String(phase.clientErrors),
    String(phase.serverErrors),
    String(phase.networkErrors),
  ]);
  return table(
    ['route', 'count', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', '409', '4xx', '5xx', 'net'],
    rows,
  );
}

function cpuLine(mix: TMixReport): string {
  const parts = [`load generator ${mix.cpu.loadGeneratorCores} cores`];
  if (mix.cpu.serverCores !== null) parts.unshift(`server ${mix.cpu.serverCores} cores`);
  if (mix.cpu.postgresCores !== null) {
    parts.push(`postgres processes ${mix.cpu.postgresCores} cores`);
  }
  return `  CPU used: ${parts.join(', ')}`;
}

function examples(phase: TPhaseReport): string[] {
  return phase.routes.flatMap((r) => r.examples.map((e) => `  ${r.route}: ${e}`));
}

function mixSection(title: string, mix: TMixReport): string[] {
  const lines = [
    '',
    `${title}: ${num(mix.requests)} requests in ${seconds(mix.elapsedMs)} = ${num(mix.perSecond)} req/s`,
    cpuLine(mix),
    ...routeTable(mix).map((l) => `  ${l}`),
    '  steps (runs / with an unexpected answer):',
  ];
  const byPersona = new Map<string, string[]>();
  for (const s of mix.steps) {
    byPersona.set(s.persona, [
      ...(byPersona.get(s.persona) ?? []),
      `${s.step} ${s.runs}/${s.failed}`,
    ]);
  }
  for (const [persona, steps] of byPersona) lines.push(`    ${persona}: ${steps.join(', ')}`);
  const unexpected = examples(mix);
  if (unexpected.length) lines.push('  first unexpected answers:', ...unexpected);
  return lines;
}

function ceilingLine(name: string, ceiling: TCeiling | null): string[] {
  if (!ceiling) return [`  ${name}: not measured`];
  const errors = ceiling.serverErrors + ceiling.networkErrors + ceiling.clientErrors;
  return [
    `  ${name}: ${num(ceiling.perSecond)} req/s (p50 ${ms(ceiling.p50)} ms, p95 ${ms(ceiling.p95)} ms, p99 ${ms(ceiling.p99)} ms${errors ? `, ${errors} errors` : ''})`,
    `    ${ceiling.what}; ${ceiling.note}`,
  ];
}

function rowsWritten(report: TLoadReport): string {
  const rows = report.environment.rows;
  if (!rows) return '';
  return ` (${Object.entries(rows)
    .map(([table, n]) => `${table} ${num(n)}`)
    .join(', ')})`;
}

/** The whole report as text lines. */
export function formatReport(report: TLoadReport): string {
  const o = report.options;
  const lines = [
    `Maillon load test — ${o.driver === 'postgres' ? 'PostgreSQL' : 'PGlite'}, ${o.users} virtual users, think time ${o.thinkMs} ms ±50 %, ${seconds(o.durationMs)} measured after ${seconds(o.warmupMs)} warm-up`,
    `  data: ${report.environment.data}${rowsWritten(report)}; ${report.environment.accounts} accounts; prepared in ${seconds(report.setup.prepareMs)}; server (${o.server}, ${o.workers} process${o.workers > 1 ? 'es' : ''}, LOG_LEVEL=${o.logLevel}) healthy in ${seconds(report.setup.serverStartMs)}`,
    `  personas: ${report.personas.map((p) => `${p.name} ${p.users} users on ${p.accounts} accounts`).join('; ')}`,
    ...(report.skippedPersonas.length
      ? [`  personas without accounts (not played): ${report.skippedPersonas.join('; ')}`]
      : []),
    `  CPU: ${report.environment.note} (Node ${report.environment.node}; load average at start ${report.environment.loadAverageAtStart.join(' ')}); every figure below is bounded by that`,
    `  logins: ${report.setup.calls.routes.map((r) => `${r.route} ×${r.count} p50 ${ms(r.p50)} ms p95 ${ms(r.p95)} ms`).join('; ')}`,
    ...mixSection('Main load (think time)', report.main),
  ];
  if (report.capacity) {
    lines.push(...mixSection('Capacity (same mix and users, no think time)', report.capacity));
  }
  lines.push(
    '',
    `Ceilings (${o.users} concurrent callers, no think time, ${seconds(o.ceilingMs)} each):`,
    ...ceilingLine('bare Fastify', report.ceilings.bareFastify),
    ...ceilingLine('raw single-row query', report.ceilings.rawQuery),
    `  main load: ${num(report.main.perSecond)} req/s = ${pct(report.ratios.mainToBareFastify)} of bare Fastify, ${pct(report.ratios.mainToRawQuery)} of the raw query (with think time)`,
  );
  if (report.capacity) {
    lines.push(
      `  capacity:  ${num(report.capacity.perSecond)} req/s = ${pct(report.ratios.capacityToBareFastify)} of bare Fastify, ${pct(report.ratios.capacityToRawQuery)} of the raw query (no think time: the comparable figure)`,
    );
  }
  if (report.serverErrorLog.length) {
    lines.push(
      '',
      'Server error log (first lines):',
      ...report.serverErrorLog.map((l) => `  ${l}`),
    );
  }
  if (report.problems.length) {
    lines.push('', 'Problems:', ...report.problems.map((p) => `  ${p}`));
  }
  const phases = [report.main, report.capacity].filter((p): p is TMixReport => p !== null);
  const total = (pick: (p: TPhaseReport) => number) => phases.reduce((n, p) => n + pick(p), 0);
  lines.push(
    '',
    `${report.isOk ? 'OK' : 'FAILED'}: ${total((p) => p.serverErrors)} 5xx, ${total((p) => p.networkErrors)} network errors, ${total((p) => p.clientErrors)} unexpected 4xx, ${total((p) => p.conflicts)} conflicts (409, expected under concurrent edits)`,
  );
  return `${lines.join('\n')}\n`;
}
