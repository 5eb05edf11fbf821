// CPU time a bench figure cost, read from Linux's /proc: of a process with all its threads (the hub
// and its signature workers), and of a PostgreSQL cluster (its postmaster and every backend and
// worker it started, those that exited included). On a shared machine the wall-clock figures move
// with the other work there; these do not, so the report prints them beside the figure.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

/** Fields of /proc/<pid>/stat after the command name (state is [0], ppid [1], cutime [13], cstime [14]). */
const statFields = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');

/** Seconds of CPU a process's threads have run (schedstat: nanoseconds, per thread). */
export function processCpuSeconds(pid: number): number {
  let ns = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // the thread ended meanwhile
    }
  }
  return ns / 1e9;
}

/** Seconds of CPU of a PostgreSQL cluster so far, found from one of its backends; undefined off Linux. */
export function clusterCpuMeter(backendPid: number): (() => number) | undefined {
  if (!existsSync(`/proc/${backendPid}/stat`)) return undefined;
  const postmaster = Number(statFields(backendPid)[1]);
  return () => {
    const own = statFields(postmaster);
    // Children that exited (autovacuum workers, closed connections) count in the postmaster's cutime + cstime.
    let seconds = processCpuSeconds(postmaster) + (Number(own[13]) + Number(own[14])) / TICKS_PER_SECOND;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        if (Number(statFields(Number(entry))[1]) === postmaster) seconds += processCpuSeconds(Number(entry));
      } catch {
        // the process ended meanwhile
      }
    }
    return seconds;
  };
}
