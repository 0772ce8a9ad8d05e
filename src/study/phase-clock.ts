/** The phases of a study, in order. */
export const phases = ['load', 'trials', 'recheck', 'final', 'report'] as const;
export type Phase = (typeof phases)[number];

/**
 * Every second of a study, as `--json` and the report tell it: the wall seconds of each phase, `idle` for the rest of the
 * wall clock (between phases), `total` (their sum), and the CPU seconds of every thread of the process in each phase
 * (`cpu.final / final` near 2 means two cores were busy through the final training).
 */
export type Accounting = Record<Phase | 'idle' | 'total', number> & { cpu: Record<Phase | 'total', number> };

/** Marks the end of each phase; `accounting()` gives the seconds so far. */
export interface PhaseClock {
  /** Ends `phase` at `at` (`performance.now()`, default now); the time since the last mark before `at` is its. */
  mark(phase: Phase, at?: number): void;
  /** Wall seconds since the clock started. */
  elapsed(): number;
  accounting(): Accounting;
}

const tenths = (seconds: number) => Math.round(seconds * 10) / 10;

/**
 * A clock of a study's phases, started now.
 *
 * @example
 * const clock = phaseClock(); load(); clock.mark('load'); clock.accounting().load; // 1.2
 */
export function phaseClock(): PhaseClock {
  const started = performance.now();
  let last = started;
  let lastCpu = process.cpuUsage();
  const cpuStart = lastCpu;
  const wall = Object.fromEntries(phases.map((p) => [p, 0])) as Record<Phase, number>;
  const cpu = { ...wall };
  const cpuSeconds = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) => (to.user - from.user + to.system - from.system) / 1e6;
  return {
    mark(phase, at = performance.now()) {
      wall[phase] += Math.max(0, at - last) / 1000;
      last = Math.max(last, at);
      const now = process.cpuUsage();
      cpu[phase] += cpuSeconds(lastCpu, now);
      lastCpu = now;
    },
    elapsed: () => (performance.now() - started) / 1000,
    accounting() {
      const shown = Object.fromEntries(phases.map((p) => [p, tenths(wall[p])])) as Record<Phase, number>;
      const counted = phases.reduce((sum, p) => sum + shown[p], 0);
      // Rounded so that the parts sum to the total exactly.
      const idle = tenths(Math.max(0, (performance.now() - started) / 1000 - counted));
      const total = tenths(counted + idle);
      const cpuShown = Object.fromEntries(phases.map((p) => [p, tenths(cpu[p])])) as Record<Phase, number>;
      return { ...shown, idle, total, cpu: { ...cpuShown, total: tenths(cpuSeconds(cpuStart, process.cpuUsage())) } };
    },
  };
}
