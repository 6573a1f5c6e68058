import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU seconds `pid` has used (user + system), and with `withReapedChildren` its waited-for children's too; 0 once it is gone. */
export function processCpuSeconds(pid: number, withReapedChildren = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command (which may hold spaces) in parentheses: state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [utime, stime, cutime, cstime] = [fields[11], fields[12], fields[13], fields[14]].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    return (utime + stime + (withReapedChildren ? cutime + cstime : 0)) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

function commandLines(): Array<{ pid: number; command: string }> {
  const processes: Array<{ pid: number; command: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      processes.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ') });
    } catch {
      // exited meanwhile
    }
  }
  return processes;
}

/**
 * CPU seconds used so far by the machine's PostgreSQL server (postmaster, its live backends, and
 * through the postmaster's reaped-children times the backends that have exited) and by the Kafka
 * broker JVMs. Zero for a part not running on this machine.
 */
export function infrastructureCpuSeconds(): { postgres: number; kafka: number } {
  let postgres = 0;
  let kafka = 0;
  for (const { pid, command } of commandLines()) {
    if (/\bbin\/postgres\b/.test(command)) postgres += processCpuSeconds(pid, true);
    else if (command.startsWith('postgres:')) postgres += processCpuSeconds(pid);
    else if (command.includes('kafka.Kafka')) kafka += processCpuSeconds(pid);
  }
  return { postgres, kafka };
}
