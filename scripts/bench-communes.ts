/**
 * What the commune reference costs (decision 015): the time to read it, the heap it keeps after a
 * garbage collection, and the time of one picker search. Run with the collector exposed:
 *
 *   node --expose-gc --import tsx scripts/bench-communes.ts
 */
import { loadCommunes, searchCommunes } from '../src/modules/communes/communes.reference.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
gc();
const before = process.memoryUsage();
const started = performance.now();
loadCommunes();
const loadMs = performance.now() - started;
const peakRss = process.memoryUsage().rss - before.rss;
gc();
const heapMb = (process.memoryUsage().heapUsed - before.heapUsed) / 1e6;
const QUERIES = ['sain', 'st eti', 'lyon', '974', '42000', 'pointe a', 'denis', 'mamoudzou'];
const times: number[] = [];
for (let round = 0; round < 50; round++) {
  for (const query of QUERIES) {
    const t = performance.now();
    searchCommunes(query);
    times.push(performance.now() - t);
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(2);
process.stdout.write(
  `load ${loadMs.toFixed(0)} ms; heap kept +${heapMb.toFixed(1)} MB (rss +${(peakRss / 1e6).toFixed(0)} MB while parsing); ` +
    `search p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${times.length} searches)\n`,
);
