import { readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks of 1/USER_HZ s; USER_HZ is 100 on every Linux ABI. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) the process has used, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; the fields after it are space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1_000) / TICKS_PER_SECOND;
}

function statusKb(pid: number, key: string): number {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** Resident set size now, in MB. */
export const rssMb = (pid: number) => statusKb(pid, 'VmRSS') / 1024;

/** Peak resident set size since the process started, in MB. */
export const peakRssMb = (pid: number) => statusKb(pid, 'VmHWM') / 1024;

/** The soft limit on open files of a process (what a server with many sockets runs into). */
export function openFilesLimit(pid: number): number {
  const match = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'));
  return !match || match[1] === 'unlimited' ? Infinity : Number(match[1]);
}

/** Samples a process's CPU and RSS over a window: CPU as % of one core, RSS peak in MB. */
export class ProcSampler {
  private readonly startCpu: number;
  private readonly startAt = performance.now();
  private readonly rss: number[] = [];
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    private readonly pid: number,
    everyMs = 500,
  ) {
    this.startCpu = cpuMs(pid);
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  private sample(): void {
    try {
      this.rss.push(rssMb(this.pid));
    } catch {
      // The process is gone; finish() reports what was seen.
    }
  }

  finish(): { cpuPercent: number; peakRssMb: number; medianRssMb: number; seconds: number } {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.startAt) / 1_000;
    const sorted = [...this.rss].sort((a, b) => a - b);
    return {
      cpuPercent: ((cpuMs(this.pid) - this.startCpu) / 1_000 / seconds) * 100,
      peakRssMb: sorted.at(-1) ?? NaN,
      medianRssMb: sorted[Math.floor(sorted.length / 2)] ?? NaN,
      seconds,
    };
  }
}

/** Whole-machine CPU counters from /proc/stat: busy and total ticks over all cores. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = ticks.reduce((a, b) => a + b, 0);
  return { busy: total - ticks[3]! - ticks[4]!, total };
}

/** Ticks used by this process and every child it has reaped (cutime, cstime). */
function ownTicks(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
}

/**
 * How much of the machine's CPU went to other people's processes while a benchmark ran:
 * all busy time minus ours (this process and its reaped children), as % of all cores.
 * Call share() only after every child has exited.
 */
export class MachineLoad {
  private readonly machine = machineTicks();
  private readonly own = ownTicks();

  othersPercent(): number {
    const machine = machineTicks();
    const others = machine.busy - this.machine.busy - (ownTicks() - this.own);
    return Math.max(0, (others / Math.max(1, machine.total - this.machine.total)) * 100);
  }
}
