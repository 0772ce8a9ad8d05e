import { matrix } from '../tensor/matrix.ts';
import type { Classifier } from './model.ts';

/**
 * A classifier whose probabilities are the mean of its members' (bagging's ensemble; a saved
 * ensemble loads back into the same sum, so its probabilities keep their bits).
 *
 * @example
 * averaged([modelA, modelB]).predictProba(x); // (pA + pB) / 2
 */
export function averaged(models: readonly Classifier[]): Classifier {
  const classes = models[0]!.classes;
  return {
    classes,
    members: models,
    predictProba(x) {
      const out = matrix(x.rows, classes, 'float64');
      for (const model of models) {
        const p = model.predictProba(x).data;
        for (let i = 0; i < p.length; i++) out.data[i] += p[i]! / models.length;
      }
      return out;
    },
  };
}
