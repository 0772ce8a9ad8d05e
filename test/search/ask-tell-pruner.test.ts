import { lastValueFrom, Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { askTell, type AskedTrial } from '../../src/search/ask-tell.ts';
import type { Step } from '../../src/search/objective.ts';
import { search } from '../../src/search/pipeline.ts';
import { createPruner } from '../../src/search/pruners/registry.ts';
import type { Params, Space } from '../../src/search/space.ts';
import type { TrialRecord } from '../../src/search/trial.ts';

const space: Space = { x: { kind: 'uniform', low: -1, high: 1 }, k: { kind: 'choice', values: [1, 2, 3] } };
// A learning curve: better with epochs, its ceiling set by the parameters.
const curve = (p: Params, epoch: number) => (1 - (Number(p.x) - 0.3) ** 2 - Number(p.k) / 10) * (1 - 0.5 ** epoch);

/** The steps of a run from its checkpoint (the epoch it reached) to `epochs`, the checkpoint on the last. */
function train(p: Params, epochs = 9, checkpoint?: string): Step[] {
  const from = checkpoint === undefined ? 0 : Number(Buffer.from(checkpoint, 'base64').toString());
  return Array.from({ length: epochs - from }, (_, i) => {
    const epoch = from + i + 1;
    return { epoch, score: curve(p, epoch), ...(epoch === epochs && { checkpoint: Buffer.from(String(epoch)).toString('base64') }) };
  });
}

const options = () => ({ rounds: 3, trials: 9, seed: 11, pruner: createPruner('halving', { minEpochs: 1, maxEpochs: 9, reduction: 3 }) });
const essence = (t: TrialRecord) => ({ round: t.round, index: t.index, params: t.params, status: t.status, score: t.score, epochs: t.epochs, trained: t.trained });

describe('ask and tell with a pruner', () => {
  it('gives the same trials, pruned set and scores as search() on the same seed, told in reverse', async () => {
    const study = askTell(space, options());
    const asks: AskedTrial[] = [];
    while (!study.done) {
      const asked: AskedTrial[] = [];
      for (let t = study.ask(); t; t = study.ask()) asked.push(t);
      if (asked.length === 0) throw new Error('nothing to ask in a study not done');
      asks.push(...asked);
      for (const t of asked.reverse()) study.tell(t, train(t.params, t.epochs, t.checkpoint));
    }
    const done = await lastValueFrom(search(space, (p, c) => new Observable<Step>((s) => {
      for (const step of train(p, c.epochs, c.checkpoint)) s.next(step);
      s.complete();
    }), options()));
    if (done.type !== 'study-done') throw new Error(done.type);
    expect(study.trials.map(essence)).toEqual(done.trials.map(essence));
    expect(study.trials.filter((t) => t.status === 'pruned')).toHaveLength(3 * 8);
    expect(study.rounds).toEqual(done.rounds);
    expect(study.best()).toEqual(expect.objectContaining({ round: done.best!.round, index: done.best!.index, score: done.best!.score }));
    // Each round: 9 runs to rung 1, 3 on to rung 3, 1 on to rung 9, the later ones from their checkpoints.
    expect(asks.filter((t) => t.round === 1).map((t) => t.epochs)).toEqual([...Array(9).fill(1), 3, 3, 3, 9]);
    expect(asks.filter((t) => t.epochs === 9).every((t) => t.checkpoint !== undefined)).toBe(true);
  });

  it('tells a run at a rung as paused, and asks no further until the rung is whole', () => {
    const study = askTell(space, { ...options(), rounds: 1 });
    const first = Array.from({ length: 9 }, () => study.ask()!);
    expect(study.ask()).toBeUndefined();
    expect(study.tell(first[0]!, train(first[0]!.params, 1))).toMatchObject({ status: 'paused', epochs: 1 });
    expect(study.ask()).toBeUndefined();
  });
});
