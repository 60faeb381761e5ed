/**
 * CPU used during a phase, in cores (1.0 = one core busy the whole time): the load process, the
 * server process and, on PostgreSQL, the machine's postgres processes. The server and the load
 * generator share the same cores, so the report says how the cores were split. The server's
 * figure includes its workers (MAILLON_WORKERS). Linux /proc only; elsewhere the server figures
 * are null.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** user + system CPU time of a process in ms, or null when /proc cannot tell. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ", fields[0] is the state; utime and stime are the 12th and 13th.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * The pids of a process's children (a server with MAILLON_WORKERS forks its workers), from Linux
 * /proc; with `command`, only those of that name (tsx may also start an esbuild).
 */
export function childrenOf(pid: number, command?: string): number[] {
  const children: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) !== pid) continue;
      if (command === undefined || readFileSync(`/proc/${name}/comm`, 'utf8').trim() === command) {
        children.push(Number(name));
      }
    } catch {
      // ended meanwhile
    }
  }
  return children;
}

/** CPU time of the server: its process and its workers, or null when /proc cannot tell. */
function serverCpuMs(pid: number): number | null {
  const own = processCpuMs(pid);
  if (own === null) return null;
  return childrenOf(pid).reduce((sum, child) => sum + (processCpuMs(child) ?? 0), own);
}

function postgresCpuMs(): number | null {
  try {
    let total = 0;
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        if (readFileSync(`/proc/${name}/comm`, 'utf8').trim() !== 'postgres') continue;
      } catch {
        continue; // ended meanwhile
      }
      total += processCpuMs(Number(name)) ?? 0;
    }
    return total;
  } catch {
    return null;
  }
}

export type TCpuUse = {
  loadGeneratorCores: number;
  serverCores: number | null;
  postgresCores: number | null;
};

/** Starts measuring; the returned function gives the cores used since. */
export function startCpuMeter(serverPid: number | undefined, withPostgres: boolean) {
  const started = performance.now();
  const load = process.cpuUsage();
  const server = serverPid === undefined ? null : serverCpuMs(serverPid);
  const postgres = withPostgres ? postgresCpuMs() : null;
  return (): TCpuUse => {
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(load);
    const serverNow = serverPid === undefined ? null : serverCpuMs(serverPid);
    const postgresNow = withPostgres ? postgresCpuMs() : null;
    const cores = (ms: number) => Math.round((ms / elapsed) * 100) / 100;
    return {
      loadGeneratorCores: cores((used.user + used.system) / 1000),
      serverCores: server !== null && serverNow !== null ? cores(serverNow - server) : null,
      postgresCores:
        postgres !== null && postgresNow !== null ? cores(postgresNow - postgres) : null,
    };
  };
}
