import { lastValueFrom, of, toArray, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { resolveStrategy } from '../../strategies/registry.ts';
import {
  createRng, crossValidated, defaultTrainConfig, fromRows, mlpObjective, stratifiedFolds, train, type Dataset, type Step, type Train,
} from '../../src/internal.ts';

/** 120 rows, 1:5 skew, unique continuous features, so a row's content names it. */
function skewed(): Dataset {
  const rng = createRng(4);
  const y = Int32Array.from({ length: 120 }, (_, i) => (i % 6 === 0 ? 1 : 0));
  const x = fromRows(Array.from(y, (label) => [label * 2 + rng.normal(), rng.normal(), rng.normal()]));
  return { x, y, classNames: ['major', 'minor'], featureNames: ['a', 'b', 'c'] };
}

const rowsOf = (ds: Dataset) =>
  Array.from({ length: ds.x.rows }, (_, i) => Array.from(ds.x.data.subarray(i * ds.x.cols, (i + 1) * ds.x.cols)).join(','));

describe('k-fold scoring (--cv)', () => {
  const data = skewed();
  const folds = stratifiedFolds(data, 5, createRng(1).fork('cv'));
  const base = { ...defaultTrainConfig, hidden: [4], batchSize: 16 as const };
  const params = { lr: 0.01 };

  it('deals every row to exactly one validation part, keeping the class proportions', () => {
    const dealt = folds.flatMap((f) => f.validationRows).sort((a, b) => a - b);
    expect(dealt).toEqual(Array.from({ length: 120 }, (_, i) => i));
    for (const f of folds) {
      expect(f.validation.y.length).toBe(24);
      expect(Array.from(f.validation.y).filter((c) => c === 1)).toHaveLength(4);
    }
  });

  it('SMOTE resamples only each fold\'s training part: no synthetic row is ever in a validation part', async () => {
    const seen: { train: Dataset; validation: Dataset }[] = [];
    const spy: Train = (d, config) => {
      seen.push({ train: d.train, validation: d.validation! });
      return train(d, config);
    };
    const objective = crossValidated(folds, (fold) =>
      mlpObjective(fold, { epochs: 1, metric: 'macroF1', base, train: resolveStrategy('smote')(spy) }));
    await lastValueFrom((objective(params, { seed: 1 }) as Observable<Step>).pipe(toArray()));
    expect(seen).toHaveLength(5);
    const original = new Set(rowsOf(data));
    seen.forEach(({ train: t, validation: v }, f) => {
      const validationRows = rowsOf(v);
      expect(validationRows).toEqual(rowsOf(folds[f]!.validation));
      validationRows.forEach((row) => expect(original.has(row)).toBe(true));
      const synthetic = rowsOf(t).filter((row) => !original.has(row));
      expect(synthetic.length).toBeGreaterThan(0);
      const own = new Set(validationRows);
      rowsOf(t).forEach((row) => expect(own.has(row)).toBe(false));
    });
  });

  it('scores each epoch with the mean of the five folds\' scores, recording them and their spread', async () => {
    const objectiveFor = (fold: (typeof folds)[number]) => mlpObjective(fold, { epochs: 2, metric: 'balancedAccuracy', base });
    const run = (o: ReturnType<typeof objectiveFor>) => lastValueFrom((o(params, { seed: 3 }) as Observable<Step>).pipe(toArray()));
    const combined = await run(crossValidated(folds, objectiveFor));
    const alone = await Promise.all(folds.map((f) => run(objectiveFor(f))));
    expect(combined).toHaveLength(2);
    combined.forEach((step, e) => {
      const scores = alone.map((steps) => steps[e]!.score);
      expect(step.folds).toEqual(scores);
      expect(step.score).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / 5, 12);
      expect(step.spread).toBeGreaterThanOrEqual(0);
    });
    expect(new Set(combined.flatMap((s) => s.folds as number[])).size).toBeGreaterThan(1);
  });

  it('packs each fold\'s checkpoint into a step\'s, and hands each fold its own when a paused trial resumes', async () => {
    const seen: (string | undefined)[] = [];
    const objective = crossValidated([0, 1, 2], (fold) => (_params, context) => {
      seen[fold] = context.checkpoint;
      return of({ score: fold, checkpoint: `state-of-fold-${fold}` });
    });
    const [first] = await lastValueFrom((objective({}, { seed: 1, epochs: 1 }) as Observable<Step>).pipe(toArray()));
    expect(first!.score).toBe(1);
    await lastValueFrom((objective({}, { seed: 1, epochs: 2, checkpoint: first!.checkpoint as string }) as Observable<Step>).pipe(toArray()));
    expect(seen).toEqual(['state-of-fold-0', 'state-of-fold-1', 'state-of-fold-2']);
  });

  it('refuses a K below 2 or above the rows', () => {
    expect(() => stratifiedFolds(data, 1, createRng(1))).toThrow('--cv must be an integer >= 2, got 1');
    expect(() => stratifiedFolds(data, 121, createRng(1))).toThrow('--cv 121: the training split has only 120 rows');
  });
});
