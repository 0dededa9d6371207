/**
 * CPU time and memory of a process that is not Node (the private nats-server), read from /proc on Linux;
 * null elsewhere, where the broker's own cost is not measured.
 */
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux the lab runs on (USER_HZ). */
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

/** Cumulative CPU ms and resident bytes of a process, or null when they cannot be read. */
export function foreignProcessUsage(
  pid: number,
): { readonly cpuMs: number; readonly rssBytes: number } | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const rssPages = Number(fields[21]);
    if (![utime, stime, rssPages].every(Number.isFinite)) return null;
    return { cpuMs: ((utime + stime) * 1000) / TICKS_PER_SECOND, rssBytes: rssPages * PAGE_BYTES };
  } catch {
    return null;
  }
}
