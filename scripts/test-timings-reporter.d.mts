/** Types of scripts/test-timings-reporter.mjs (a node:test reporter: events in, JSON text out). */
export default function timingsByFile(source: AsyncIterable<unknown>): AsyncGenerator<string>;
