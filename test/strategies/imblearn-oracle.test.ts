import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { indicesByClass, type Dataset } from '../../src/internal.ts';
import { levelCodes, numericColumns } from '../../strategies/categorical-columns.ts';
import { categoricalPenalty } from '../../strategies/categorical-penalty.ts';
import { resolveVariant } from '../../strategies/smote-variant.ts';
import { valueDifference } from '../../strategies/value-difference.ts';
import { mixedGaussians } from './mixed-fixtures.ts';

// imbalanced-learn as the oracle, where Debian's python3-imblearn is installed.
const python = '/usr/bin/python3';
const hasImblearn = spawnSync(python, ['-c', 'import imblearn'], { stdio: 'ignore' }).status === 0;

/** Runs `script` with the data as JSON on stdin ({ numeric, codes, y, levels }) and parses what it prints. */
function oracle<T>(script: string, data: Dataset): T {
  const numeric = numericColumns(data);
  const G = data.categorical?.length ?? 0;
  const codes = levelCodes(data);
  const input = {
    numeric: Array.from({ length: data.y.length }, (_, i) => Array.from(numeric, (j) => data.x.data[i * data.x.cols + j]!)),
    codes: Array.from({ length: data.y.length }, (_, i) => Array.from(codes.subarray(i * G, i * G + G))),
    y: Array.from(data.y),
    levels: (data.categorical ?? []).map((g) => g.levels.length),
  };
  const run = spawnSync(python, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as T;
}

// SMOTENC's own encoding of the minority class, and its neighbours. imbalanced-learn before 0.11
// (median_std_ a float) set each one-hot 1 to Med/2, so a differing category added Med²/2;
// from 0.11 (median_std_ per class) it is Med/√2 and adds Med², which skewtune follows: the
// script rescales the older encoding so that both are compared at Med².
const smotenc = `
import json, sys, numpy as np
from imblearn.over_sampling import SMOTENC
from sklearn.neighbors import NearestNeighbors
d = json.load(sys.stdin)
num = np.array(d['numeric'], dtype=float); cat = np.array(d['codes'])
X = np.hstack([num, cat]); y = np.array(d['y'])
sm = SMOTENC(categorical_features=list(range(num.shape[1], X.shape[1])), k_neighbors=5, random_state=0)
sm.fit_resample(X, y)
med = sm.median_std_
old = not isinstance(med, dict)
med = float(med if old else med[1])
enc = sm.nn_k_._fit_X
enc = enc.toarray() if hasattr(enc, 'toarray') else np.array(enc)
if old: enc[:, num.shape[1]:] *= np.sqrt(2)
nn = NearestNeighbors(n_neighbors=6).fit(enc).kneighbors(enc, return_distance=False)
print(json.dumps({'median': med, 'neighbours': nn[:, 1:].tolist()}))
`;

const vdm = `
import json, sys, numpy as np
from imblearn.metrics.pairwise import ValueDifferenceMetric
d = json.load(sys.stdin)
codes = np.array(d['codes'], dtype=np.int32)
print(json.dumps(ValueDifferenceMetric(n_categories=d['levels']).fit(codes, np.array(d['y'])).pairwise(codes).tolist()))
`;

describe.skipIf(!hasImblearn)('against imbalanced-learn (python3-imblearn)', () => {
  it('SMOTE-NC: the same penalty and the same 5 nearest neighbours of each minority row', () => {
    const data = mixedGaussians([60, 25], 'imblearn-nc', 3);
    const rows = indicesByClass(data)[1]!;
    const expected = oracle<{ median: number; neighbours: number[][] }>(smotenc, data);
    expect(categoricalPenalty(data, rows)).toBeCloseTo(expected.median, 12);
    const near = resolveVariant('smote', 'auto', data).neighbours(rows).within(5);
    expect(rows.map((_, i) => Array.from(near.subarray(i * 5, i * 5 + 5)))).toEqual(expected.neighbours);
  });

  it('SMOTE-N: the same value difference metric between every two rows', () => {
    const data = mixedGaussians([30, 12, 8], 'imblearn-n', 0);
    const expected = oracle<number[][]>(vdm, data);
    const distance = valueDifference(data, levelCodes(data));
    expected.forEach((row, i) => row.forEach((d, j) => expect(distance(i, j)).toBeCloseTo(d, 12)));
  });
});
