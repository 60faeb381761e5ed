/**
 * A node:test reporter for `npm test` (scripts/test.ts): adds up, per test file, the time of its
 * top-level tests and suites, and writes { file: milliseconds } as JSON at the end, so each phase
 * can name its slowest files (the CI time is kept under 30 minutes by looking at them first).
 * Plain JavaScript: the test runner loads it without a TypeScript loader.
 */
export default async function* timingsByFile(source) {
  const perFile = new Map();
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0) {
      const file = event.data.file ?? 'unknown';
      perFile.set(file, (perFile.get(file) ?? 0) + (event.data.details?.duration_ms ?? 0));
    }
  }
  yield `${JSON.stringify(Object.fromEntries(perFile))}\n`;
}
