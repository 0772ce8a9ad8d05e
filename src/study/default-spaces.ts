import type { Space } from '../search/space.ts';

/**
 * The data-strategy dimension a skewed training split adds to the default space: no strategy,
 * a reweighted or focal loss, the SMOTE family, random under-sampling and the class-balanced
 * bootstrap, with their main options. `ratio` is how far a resampler evens the classes (1:
 * fully); SMOTE's k stops at 7, since a fold of a small table may hold a dozen rows of a class.
 */
export const skewStrategySpace: Space = {
  strategy: { kind: 'choice', values: ['none', 'class-weight', 'focal', 'smote', 'borderline-smote', 'adasyn', 'random-under', 'bootstrap'] },
  'focal.gamma': { kind: 'uniform', low: 0.5, high: 3 },
  'focal.alpha': { kind: 'choice', values: ['none', 'inverse'] },
  'smote.k': { kind: 'int', low: 1, high: 7 },
  'smote.ratio': { kind: 'uniform', low: 0.3, high: 1 },
  'borderline-smote.k': { kind: 'int', low: 1, high: 7 },
  'adasyn.k': { kind: 'int', low: 1, high: 7 },
  'random-under.ratio': { kind: 'uniform', low: 0.3, high: 1 },
  'bootstrap.ratio': { kind: 'uniform', low: 0.3, high: 1 },
};

/**
 * The default MLP space for a small table (a few hundred to a few thousand rows): narrow
 * networks, small batches so an epoch still takes several steps, and the optimizers that
 * converge in few steps. Measured in docs/search-defaults.md on vega-datasets tables.
 */
export const smallTableSpace: Space = {
  lr: { kind: 'loguniform', low: 1e-4, high: 3e-2 },
  l2: { kind: 'loguniform', low: 1e-7, high: 1e-2 },
  hidden: { kind: 'choice', values: [[32], [64], [128], [64, 32], [128, 64], [256, 128]] },
  batchSize: { kind: 'choice', values: [16, 32, 64] },
  optimizer: { kind: 'choice', values: ['adam', 'rmsprop', 'momentum'] },
  init: { kind: 'choice', values: ['he', 'xavier'] },
  dropout: { kind: 'uniform', low: 0, high: 0.3 },
  batchnorm: { kind: 'choice', values: [false, true] },
};
