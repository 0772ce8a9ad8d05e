import { describe, expect, it } from 'vitest';
import { nextUse, trainLanes, type Finished, type MemberRunner } from '../../src/study/final-lanes.ts';
import type { MemberPlan } from '../../src/study/final-member.ts';

const net = (o: Partial<Finished>): Finished => ({ epoch: 8, epochs: 13, cap: 30, timeUp: false, gain: false, ...o });

describe('what the time left of a budget goes to', () => {
  it('a longer cap when a network stopped at its cap still improving (its best epoch the last)', () => {
    expect(nextUse([net({ epoch: 30, epochs: 30, gain: true })], 1, 1000)).toEqual({ cap: 60 });
    expect(nextUse([net({}), net({ epoch: 60, epochs: 60, cap: 60 })], 1, 100)).toEqual({ cap: 100 });
    // At its cap but past its best: validation had stopped rising, so no longer cap.
    expect(nextUse([net({ epoch: 25, epochs: 30, gain: true })], 1, 1000)).toEqual({ cap: 30 });
    // Stopped by the time, not the cap: says nothing of a longer one.
    expect(nextUse([net({ epoch: 30, epochs: 30, timeUp: true, gain: true })], 1, 1000)).toEqual({ cap: 30 });
  });

  it('more networks while one of the last two raised the average\'s validation score, else nothing', () => {
    expect(nextUse([net({ gain: true }), net({}), net({}), net({ gain: true }), net({})], 3, 1000)).toEqual({ cap: 30 });
    expect(nextUse([net({ gain: true }), net({ gain: true }), net({}), net({})], 3, 1000)).toBe('converged');
    // The networks asked for are trained whatever they gave.
    expect(nextUse([net({}), net({})], 3, 1000)).toEqual({ cap: 30 });
  });
});

// A runner whose networks take `ms` of wall time each, early-stopping at epoch 8 of 13, recording what it was asked.
function fakeRunner(ms: number, asked: MemberPlan[]): MemberRunner {
  return async (plan) => {
    asked.push(plan);
    await new Promise((resolve) => setTimeout(resolve, ms));
    // A network started from the trial's checkpoint keeps a later epoch here, and scores better (see `validation` below).
    return { model: { classes: 2, predictProba: () => { throw new Error('unused'); } }, epoch: plan.warmStart ? 9 : 8, epochs: 13, timeUp: false, seconds: ms / 1000 };
  };
}

describe('the final networks on lanes', () => {
  const base = { params: { lr: 0.01 }, seed: 7, members: 3, cap: 30, maxCap: 1000, atLeast: 2, lanes: 2, validation: () => 0.5 };

  it('without a budget, trains the networks asked for, two at a time, with the trial\'s seed and seeds of their own', async () => {
    const asked: MemberPlan[] = [];
    const { trained, ended } = await trainLanes(fakeRunner(20, asked), { ...base, until: Infinity, gain: () => true });
    expect(trained.map((t) => t.seed)).toEqual([7, '7/member1', '7/member2']);
    expect(asked.every((p) => p.until === Infinity && p.cap === 30 && p.atLeast === 2)).toBe(true);
    expect(ended).toBe('networks');
  });

  it('under a budget, keeps both lanes training networks that help until its end', async () => {
    const asked: MemberPlan[] = [];
    const until = Date.now() + 400;
    const { trained, ended } = await trainLanes(fakeRunner(30, asked), { ...base, until, gain: () => true });
    // No network starts that could not train an epoch before the end: the lanes end within an epoch of it (here 30 ms / 13).
    expect(Date.now()).toBeGreaterThanOrEqual(until - 10);
    expect(trained.length).toBeGreaterThan(base.members);
    expect(ended).toBe('budget');
    // The networks past those asked for run to the budget's end, any epoch counting.
    expect(asked.slice(3).every((p) => p.until === until && p.atLeast === 1)).toBe(true);
  });

  it('ends before the budget when networks that stopped on their own no longer raise the validation score', async () => {
    const asked: MemberPlan[] = [];
    const until = Date.now() + 60_000;
    const { trained, ended } = await trainLanes(fakeRunner(10, asked), { ...base, until, gain: (_, i) => i === 0 });
    expect(ended).toBe('converged');
    expect(trained.length).toBeLessThan(8);
    expect(Date.now()).toBeLessThan(until);
  });

  it('under a budget, trains the trial\'s seed from its checkpoint once, and starts later networks from it when that scored better', async () => {
    const asked: MemberPlan[] = [];
    const warmStart = Uint8Array.of(1, 2, 3);
    const until = Date.now() + 300;
    const { trained, measured } = await trainLanes(fakeRunner(20, asked), { ...base, until, gain: () => true, warmStart, validation: (m) => m.epoch / 10 });
    expect(asked.slice(0, 3).some((p) => p.warmStart)).toBe(false);
    expect(asked[3]).toMatchObject({ seed: 7, warmStart });
    expect(trained[3]!.start).toBe('trial');
    expect(measured).toEqual({ fresh: 0.8, trial: 0.9 });
    // Those planned once the measurement was in start from the checkpoint; the first three never.
    expect(trained.slice(0, 3).map((t) => t.start)).toEqual(['fresh', 'fresh', 'fresh']);
    expect(trained.at(-1)!.start).toBe('trial');
  });

  it('starts later networks fresh when the fresh start scored better', async () => {
    const asked: MemberPlan[] = [];
    const until = Date.now() + 300;
    const { trained, measured } = await trainLanes(fakeRunner(20, asked), { ...base, until, gain: () => true, warmStart: Uint8Array.of(1), validation: (m) => -m.epoch });
    expect(measured).toEqual({ fresh: -8, trial: -9 });
    expect(trained.filter((t) => t.start === 'trial')).toHaveLength(1);
  });
});
