import { lastValueFrom, toArray, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/data/dataset.ts';
import { mlpObjective } from '../../src/study/objective.ts';
import type { Step } from '../../src/search/objective.ts';
import { fromRows } from '../../src/tensor/matrix.ts';
import { createRng } from '../../src/tensor/rng.ts';

// Two overlapping blobs, 3 to 1, so accuracy and macro-F1 differ.
function blobs(n: number, seed: number): Dataset {
  const rng = createRng(seed);
  const y = Int32Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 1 : 0));
  const rows = Array.from(y, (label) => [rng.normal(label, 1), rng.normal(-label, 1)]);
  return { x: fromRows(rows), y, classNames: ['a', 'b'], featureNames: ['u', 'v'] };
}

const data = { train: blobs(200, 1), validation: blobs(100, 2) };
const params = { lr: 0.05, hidden: [8], optimizer: 'adam' };
const run = (metric: 'accuracy' | 'macroF1') =>
  lastValueFrom((mlpObjective(data, { epochs: 3, metric })(params, { seed: 4 }) as Observable<Step>).pipe(toArray()));

describe('the MLP objective', () => {
  it('scores each epoch on the validation split with the chosen metric, keeping its losses', async () => {
    const accuracy = await run('accuracy');
    expect(accuracy.map((s) => s.epoch)).toEqual([1, 2, 3]);
    for (const step of accuracy) expect(step.score).toBe(step.valAccuracy);
    const f1 = await run('macroF1');
    expect(f1.map((s) => s.valAccuracy)).toEqual(accuracy.map((s) => s.valAccuracy));
    expect(f1.map((s) => s.score)).not.toEqual(accuracy.map((s) => s.score));
    for (const step of f1) expect(step.score).toBeGreaterThan(0);
  });

  it('under a pruner trains to its rung, gives its state there, and goes on from it as if it never stopped', async () => {
    const objective = mlpObjective(data, { epochs: 9, metric: 'accuracy' });
    const steps = (context: { seed: number; epochs: number; checkpoint?: string }) => lastValueFrom((objective(params, context) as Observable<Step>).pipe(toArray()));
    const whole = await steps({ seed: 4, epochs: 4 });
    const first = await steps({ seed: 4, epochs: 2 });
    expect(first.map((s) => s.epoch)).toEqual([1, 2]);
    expect(first[0]!.checkpoint).toBeUndefined();
    const rest = await steps({ seed: 4, epochs: 4, checkpoint: String(first[1]!.checkpoint) });
    const figures = (s: Step) => [s.epoch, s.score, s.loss, s.valLoss];
    expect([...first, ...rest].map(figures)).toEqual(whole.map(figures));
  });
});
