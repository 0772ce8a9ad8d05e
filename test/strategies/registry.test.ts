import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { classCounts, createRng, fromRows, InputError, type Dataset } from '../../src/internal.ts';
import { parseSpecPart } from '../../strategies/options.ts';
import { resolvedSpec, resolveResampler, resolveStrategy, strategyEntries, type StrategyEntry } from '../../strategies/registry.ts';
import { gaussians, quickConfig, recordingTrainer } from './fixtures.ts';
import { blocksValid, mixedGaussians } from './mixed-fixtures.ts';

/** Runs a strategy spec over the recording trainer; returns what reached the trainer. */
async function reaching(spec: string, train: Dataset, seed: number | string = 1) {
  const recorder = recordingTrainer();
  await lastValueFrom(resolveStrategy(spec)(recorder.train)({ train }, { ...quickConfig, seed }));
  return recorder.calls;
}

/** A fingerprint of what a strategy passed on: the data, and the loss on fixed logits. */
async function fingerprint(spec: string, train: Dataset, seed: number) {
  const calls = await reaching(spec, train, seed);
  const logits = fromRows(train.classNames.map((_, c) => train.classNames.map((__, j) => (j === c ? 1 : 0.5))));
  const labels = Int32Array.from(train.classNames, (_, c) => c);
  return calls.map(({ data, config }) => ({
    x: Array.from(data.train.x.data), y: Array.from(data.train.y),
    loss: config.loss?.compute(logits, labels, null) ?? null, bias: config.outputBias ?? null,
  }));
}

const numeric = gaussians([24, 5, 9], 2, 'contract');
// Two numeric columns and two one-hot blocks (3 and 2 levels); and the blocks alone.
const mixed = mixedGaussians([24, 5, 9], 'contract');
const nominal = mixedGaussians([24, 5, 9], 'contract', 0);
const oneClass: Dataset = { ...gaussians([12], 2, 'one'), classNames: ['only', 'other'] };

/** The imbalanced data a strategy is checked on: numeric unless it takes only categorical columns. */
function imbalancedFor(entry: StrategyEntry): Dataset {
  return entry.columns === 'any' ? numeric : entry.columns === 'mixed' ? mixed : nominal;
}

describe.each(strategyEntries.map((e) => [e.name, e] as const))('strategy contract: %s', (name, entry) => {
  const imbalanced = imbalancedFor(entry);

  it('gives the same output for the same seed', async () => {
    expect(await fingerprint(name, imbalanced, 7)).toEqual(await fingerprint(name, imbalanced, 7));
  });

  it('does with its defaults written out exactly what it does without them (the report states them)', async () => {
    const spec = resolvedSpec(name);
    expect(spec.split(/[:,]/).length - 1).toBe(Object.keys(entry.defaults).length);
    expect(await fingerprint(spec, imbalanced, 7)).toEqual(await fingerprint(name, imbalanced, 7));
  });

  const categorical = entry.columns === 'any' ? [['mixed', mixed], ['categorical', nominal]] as const
    : entry.columns === 'mixed' ? [['mixed', mixed]] as const : [['categorical', nominal]] as const;
  it.each(categorical)('keeps the one-hot blocks on %s data: the groups, and exactly one level per block in every row', async (_, data) => {
    const before = classCounts(data);
    for (const { data: reached } of await reaching(name, data)) {
      expect(reached.train.categorical).toEqual(data.categorical);
      expect(reached.train.x.cols).toBe(data.x.cols);
      expect(blocksValid(reached.train)).toBe(true);
      if (entry.kind === 'over-sampling') classCounts(reached.train).forEach((n, c) => expect(n).toBeGreaterThanOrEqual(before[c]!));
    }
  });

  it.runIf(entry.columns !== 'any')('refuses data without the columns it needs, naming them', async () => {
    await expect(reaching(name, numeric)).rejects.toThrow(InputError);
    await expect(reaching(name, entry.columns === 'mixed' ? nominal : mixed)).rejects.toThrow(/column/);
  });

  it('rejects one-class input with an error mentioning "class"', async () => {
    await expect(reaching(name, oneClass)).rejects.toThrow(InputError);
    await expect(reaching(name, oneClass)).rejects.toThrow(/class/);
  });

  it('changes class sizes only in its own direction', async () => {
    const before = classCounts(imbalanced);
    for (const { data } of await reaching(name, imbalanced)) {
      const after = classCounts(data.train);
      after.forEach((n, c) => {
        if (entry.kind === 'over-sampling') expect(n).toBeGreaterThanOrEqual(before[c]!);
        else if (entry.kind === 'under-sampling') expect(n).toBeLessThanOrEqual(before[c]!);
        else expect(n).toBe(before[c]);
      });
    }
  });

  it('names its allowed options when given an unknown one', () => {
    const allowed = entry.options.length === 0 ? 'it takes no options' : `allowed: ${entry.options.join(', ')}`;
    expect(() => resolveStrategy(`${name}:nope=1`)).toThrow(`strategy "${name}": unknown option "nope"; ${allowed}`);
  });
});

const resampling = strategyEntries.filter((e) => e.resampler).map((e) => [e.name, e] as const);

describe.each(resampling)('resampler contract: %s', (_, entry) => {
  const imbalanced = imbalancedFor(entry);
  const d = imbalanced.x.cols;

  it('resamples to the sizes asked, keeping the originals, the same for a seed', () => {
    const resample = entry.resampler!({ ratio: '0.5' });
    const out = resample(imbalanced, createRng(3));
    const before = classCounts(imbalanced);
    const expected = entry.kind === 'over-sampling'
      ? before.map((n) => Math.max(n, Math.round(0.5 * 24)))
      : before.map((n) => Math.min(n, Math.round(5 / 0.5)));
    expect(classCounts(out.data)).toEqual(expected);
    out.kept.forEach((k, r) => {
      expect(out.data.x.data.subarray(r * d, r * d + d)).toEqual(imbalanced.x.data.subarray(k * d, k * d + d));
      expect(out.data.y[r]).toBe(imbalanced.y[k]);
    });
    expect(resample(imbalanced, createRng(3))).toEqual(out);
  });
});

describe('strategy specs', () => {
  it('split into a name and key=value options', () => {
    expect(parseSpecPart('smote:k=3, ratio=0.5')).toEqual({ name: 'smote', options: { k: '3', ratio: '0.5' } });
    expect(parseSpecPart('none')).toEqual({ name: 'none', options: {} });
    expect(() => parseSpecPart('smote:k')).toThrow('options are key=value pairs separated by commas, got "k"');
    expect(() => parseSpecPart('smote:k=1,k=2')).toThrow('option k is given twice');
  });

  it('list the registered names for an unknown strategy', () => {
    expect(() => resolveStrategy('smoet')).toThrow(
      'unknown strategy "smoet"; expected one of none, bootstrap, smote, smote-nc, smote-n, borderline-smote, adasyn, random-under, focal, class-weight (or a+b)');
  });

  it('check option values with the rule and the value', () => {
    expect(() => resolveStrategy('smote:k=0')).toThrow('smote: k must be an integer >= 1, got 0');
    expect(() => resolveStrategy('smote:k=two')).toThrow('strategy "smote": option k must be a number, got "two"');
    expect(() => resolveStrategy('bootstrap:ratio=-1')).toThrow('bootstrap: ratio must be in (0, 1]');
    expect(() => resolveStrategy('focal:prior=yes')).toThrow('option prior must be true or false, got "yes"');
    expect(() => resolveStrategy('focal:gamma=-2')).toThrow('focal: gamma must be a number >= 0, got -2');
  });

  it('pass options through: smote:k=…,ratio=…', async () => {
    const [call] = await reaching('smote:k=2,ratio=0.5', numeric);
    expect(classCounts(call!.data.train)).toEqual([24, 12, 12]);
  });

  it('compose with the first named outermost: resample, then the loss', async () => {
    const [call] = await reaching('smote+focal:gamma=1,alpha=none,prior=true', numeric);
    expect(classCounts(call!.data.train)).toEqual([24, 24, 24]);
    expect(call!.config.loss!.name).toBe('focal(γ=1)');
    // Priors of the balanced data the loss saw: all equal.
    expect(new Set(call!.config.outputBias).size).toBe(1);
  });

  it('start the output bias at the log priors with focal:prior=true, and leave it alone without', async () => {
    const [withPrior] = await reaching('focal:prior=true', numeric);
    expect(withPrior!.config.outputBias).toEqual([25, 6, 10].map((n) => Math.log(n / 41)));
    const [without] = await reaching('focal', numeric);
    expect(without!.config.outputBias).toBeUndefined();
  });

  it('let the innermost loss win when two set one', async () => {
    const [call] = await reaching('focal+class-weight', numeric);
    expect(call!.config.loss!.name).toBe('weighted cross-entropy');
  });

  it('take per-class α as a/b/c', async () => {
    const [call] = await reaching('focal:gamma=0,alpha=1/2/3', numeric);
    const logits = fromRows([[0, 0, 0], [0, 0, 0]], 'float64');
    // Uniform logits: loss ln 3 per row, weighted by α of the labels (1 and 3), averaged.
    expect(call!.config.loss!.compute(logits, Int32Array.of(0, 2), null)).toBeCloseTo(2 * Math.log(3), 12);
  });

  it('leave validation alone and resample only the training split', async () => {
    const recorder = recordingTrainer();
    const validation = gaussians([10, 2, 3], 2, 'val');
    await lastValueFrom(resolveStrategy('smote')(recorder.train)({ train: numeric, validation }, quickConfig));
    expect(recorder.calls[0]!.data.validation).toBe(validation);
  });

  it('derive the resampling from config.seed', async () => {
    const a = await fingerprint('smote', numeric, 1);
    expect(await fingerprint('smote', numeric, 2)).not.toEqual(a);
  });
});

describe('resolveResampler', () => {
  it('joins command-line options to the spec', () => {
    const { resampler } = resolveResampler('smote', { k: '2', ratio: '0.5' });
    expect(classCounts(resampler(numeric, createRng(1)).data)).toEqual([24, 12, 12]);
  });

  it('refuses strategies that do not resample, training-only options, contradictions and chains', () => {
    expect(() => resolveResampler('focal')).toThrow('strategy "focal" does not resample data; resample takes one of bootstrap, smote, smote-nc, smote-n, borderline-smote, adasyn, random-under');
    expect(() => resolveResampler('bootstrap:bagging=3')).toThrow('option bagging applies to training only');
    expect(() => resolveResampler('smote:k=3', { k: '4' })).toThrow('--k 4 contradicts the strategy\'s k=3');
    expect(() => resolveResampler('smote+adasyn')).toThrow('resample takes one strategy, got "smote+adasyn"');
    expect(() => resolveResampler('smoet')).toThrow('unknown strategy "smoet"; resample takes one of bootstrap, smote, smote-nc, smote-n, borderline-smote, adasyn, random-under');
    expect(() => resolveResampler('bootstrap', { k: '3' })).toThrow('strategy "bootstrap": unknown option "k"; allowed: ratio, bagging');
  });
});

describe('resolvedSpec', () => {
  it('writes out every default beside the options a spec sets, part by part', () => {
    expect(resolvedSpec('smote:k=3+focal')).toBe('smote:k=3,ratio=1+focal:gamma=2,alpha=inverse,prior=false');
    expect(resolvedSpec('none')).toBe('none');
    expect(resolvedSpec('bootstrap:bagging=3')).toBe('bootstrap:ratio=1,bagging=3');
  });
});
