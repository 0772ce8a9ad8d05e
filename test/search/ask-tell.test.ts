import { describe, expect, it } from 'vitest';
import { askTell } from '../../src/internal.ts';
import { randomSampler } from '../../src/search/samplers/random.ts';
import { search } from '../../src/search/pipeline.ts';
import type { Params, Space } from '../../src/search/space.ts';
import { lastValueFrom } from 'rxjs';

const space: Space = { x: { kind: 'uniform', low: -1, high: 1 }, k: { kind: 'choice', values: [1, 2, 3] } };
const score = (p: Params) => -((Number(p.x) - 0.3) ** 2) - Number(p.k) / 10;

describe('ask and tell', () => {
  it('runs the same study as search(), whatever order trials are told in', async () => {
    const study = askTell(space, { rounds: 3, trials: 6, seed: 5 });
    while (!study.done) {
      const asked = [];
      for (let t = study.ask(); t; t = study.ask()) asked.push(t);
      for (const t of asked.reverse()) study.tell(t, score(t.params));
    }
    const done = await lastValueFrom(search(space, score, { rounds: 3, trials: 6, seed: 5 }));
    if (done.type !== 'study-done') throw new Error(done.type);
    const essence = (t: { round: number; index: number; params: Params; score: number | null }) => [t.round, t.index, t.params, t.score];
    expect(study.trials.map(essence)).toEqual(done.trials.map(essence));
    expect(study.rounds).toEqual(done.rounds);
    expect(study.best()).toEqual(expect.objectContaining({ round: done.best!.round, index: done.best!.index }));
  });

  it('waits for a round to be told before planning the next, records failures, and refuses a trial told twice', () => {
    const study = askTell(space, { rounds: 2, trials: 2, seed: 1, sampler: randomSampler() });
    const a = study.ask()!;
    const b = study.ask()!;
    expect(study.ask()).toBeUndefined();
    expect(study.tell(a, new Error('diverged'))).toMatchObject({ status: 'failed', error: 'diverged', score: null });
    expect(study.ask()).toBeUndefined();
    expect(study.tell(b, [{ score: 0.2 }, { score: 0.7 }, { score: 0.5 }])).toMatchObject({ status: 'complete', score: 0.7, last: 0.5 });
    expect(() => study.tell(b, 1)).toThrow('tell: trial 1/1 was not asked, or was told already');
    const c = study.ask()!;
    expect(c.round).toBe(2);
    study.tell(c, 0.1);
    study.tell(study.ask()!, 0.9);
    expect(study.ask()).toBeUndefined();
    expect(study.done).toBe(true);
    expect(study.best()!.score).toBe(0.9);
  });
});
