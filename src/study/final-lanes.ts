import type { Params } from '../search/space.ts';
import type { MemberPlan, TrainedMember } from './final-member.ts';

/** Trains one planned network somewhere (this thread, a worker thread) and gives it back. */
export type MemberRunner = (plan: MemberPlan) => Promise<TrainedMember>;

/**
 * Why the final phase ended: `networks`, it trained the networks asked for (no budget); `budget`, it trained until the
 * budget's end; `converged`, every network stopped on its own (patience) and the last two did not raise the average's
 * validation score, so more networks no longer helped.
 */
export type FinalEnd = 'networks' | 'budget' | 'converged';

/** A finished network as the plan sees it: where it stopped, its cap, and whether it raised the average's validation score. */
export interface Finished {
  epoch: number;
  epochs: number;
  cap: number;
  timeUp: boolean;
  gain: boolean;
}

/**
 * What the time left of a budget goes to once the networks asked for (`wanted`) are trained: a longer cap when a network
 * stopped at its cap with its best epoch the last (validation was still rising; the cap doubles, up to `maxCap`), more
 * networks while the last one raised the average's validation score, else nothing (`converged`). Pure.
 *
 * @example
 * nextUse([{ epoch: 30, epochs: 30, cap: 30, timeUp: false, gain: true }], 1, 200); // { cap: 60 }
 */
export function nextUse(done: readonly Finished[], wanted: number, maxCap: number): { cap: number } | 'converged' {
  const cap = done.reduce((most, d) => Math.max(most, d.cap), -Infinity);
  const rising = done.some((d) => d.cap === cap && d.epochs === cap && d.epoch === d.epochs && !d.timeUp);
  if (rising && cap < maxCap) return { cap: Math.min(maxCap, 2 * cap) };
  // One network that did not help is weak evidence (a tie on validation is common): two in a row are needed.
  if (done.length < Math.max(wanted, 2) || done.slice(-2).some((d) => d.gain)) return { cap };
  return 'converged';
}

/** The final phase's plan: the configuration, its first seed, the networks asked for, their cap and fewest epochs, the budget's end (`Date.now()` ms). */
export interface LanesOptions {
  params: Params;
  seed: number;
  members: number;
  cap: number;
  maxCap: number;
  atLeast: number;
  until: number;
  /** Networks trained at once (the worker pool's size). */
  lanes: number;
  /** Whether the network just finished (the index of `trained`) raised the average's validation score. */
  gain(trained: readonly TrainedMember[], index: number): boolean;
  /** The chosen trial's checkpoint, when it has one: under a budget one network starts from it (see `trainLanes`). */
  warmStart?: Uint8Array;
  /** A network's validation score, higher better. */
  validation(member: TrainedMember): number;
}

/** A network the final phase trained: its seed, cap and start (the initialiser's weights, or the trial's checkpoint), in the order planned. */
export type LaneMember = TrainedMember & { seed: number | string; cap: number; start: 'fresh' | 'trial' };

/** The measurement behind the start of later networks: the validation scores of the trial's seed started fresh and from its checkpoint. */
export interface StartMeasured {
  fresh: number;
  trial: number;
}

/**
 * Trains the final networks on `options.lanes` lanes, each taking the next as soon as it is free: first the `members`
 * asked for, each with an equal share of its lane's time left (not started when the first one's pace says it could not
 * reach `atLeast` epochs in time); then, under a budget, more of them until its end, as `nextUse` decides. Seeds: the
 * trial's, then `SEED/member1`, `SEED/member2`, …. Given the trial's checkpoint, the first network past those asked for is
 * the trial's seed again started from it (a warm start): the later ones start from it too only if it scored better on
 * validation than the fresh start (`measured`).
 *
 * @example
 * const { trained, ended } = await trainLanes(runner, { params, seed: 7, members: 3, cap: 30, maxCap: 1000, atLeast: 4, until: Infinity, lanes: 2, gain: () => true });
 */
export async function trainLanes(run: MemberRunner, o: LanesOptions): Promise<{ trained: LaneMember[]; ended: FinalEnd; measured: StartMeasured | null }> {
  const trained: LaneMember[] = [];
  const finished: Finished[] = [];
  let planned = 0;
  let converged = false;
  let warmIndex: number | undefined;
  // Known once the trial's seed has trained both ways: later networks start as the better one did.
  const measured = (): StartMeasured | null => {
    const [fresh, trial] = [trained[0], warmIndex === undefined ? undefined : trained[warmIndex]];
    return fresh && trial ? { fresh: o.validation(fresh), trial: o.validation(trial) } : null;
  };
  const plan = (): (MemberPlan & { index: number; start: 'fresh' | 'trial' }) | undefined => {
    const now = Date.now();
    const first = trained[0];
    const seed = planned === 0 ? o.seed : `${o.seed}/member${planned}`;
    if (planned < o.members) {
      if (first && now + (first.seconds / first.epochs) * o.atLeast * 1000 > o.until) return undefined;
      const share = Number.isFinite(o.until) ? (o.until - now) / Math.ceil((o.members - planned) / o.lanes) : Infinity;
      return { params: o.params, seed, cap: o.cap, atLeast: o.atLeast, until: now + share, index: planned++, start: 'fresh' };
    }
    // A network that could not train one epoch before the end would only run past it.
    const epoch = first ? (first.seconds / first.epochs) * 1000 : 0;
    if (!Number.isFinite(o.until) || now + epoch >= o.until || converged || finished.length === 0) return undefined;
    // Past the networks asked for, any epoch counts: a network the budget cuts short joins only if it helps.
    if (o.warmStart && warmIndex === undefined) {
      // The measurement first: the trial's own seed again, started from its checkpoint, against the fresh one.
      warmIndex = planned;
      return { params: o.params, seed: o.seed, cap: o.cap, atLeast: 1, until: o.until, warmStart: o.warmStart, index: planned++, start: 'trial' };
    }
    const use = nextUse(finished, o.members, o.maxCap);
    if (use === 'converged') {
      converged = true;
      return undefined;
    }
    const m = measured();
    const warm = o.warmStart && m && m.trial > m.fresh ? { warmStart: o.warmStart } : {};
    return { params: o.params, seed, cap: use.cap, atLeast: 1, until: o.until, ...warm, index: planned++, start: 'warmStart' in warm ? 'trial' : 'fresh' };
  };
  const lane = async () => {
    for (let next = plan(); next; next = plan()) {
      const { index, start, ...memberPlan } = next;
      const member = await run(memberPlan);
      trained[index] = { ...member, seed: memberPlan.seed, cap: memberPlan.cap, start };
      const gain = Number.isFinite(o.until) && o.gain(trained.filter(Boolean), trained.filter(Boolean).indexOf(trained[index]!));
      finished.push({ epoch: member.epoch, epochs: member.epochs, cap: memberPlan.cap, timeUp: member.timeUp, gain });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.lanes) }, lane));
  const ended: FinalEnd = !Number.isFinite(o.until) ? 'networks' : converged ? 'converged' : 'budget';
  return { trained: trained.filter(Boolean), ended, measured: measured() };
}
