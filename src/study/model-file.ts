import { join } from 'node:path';
import { datasetHash } from '../data/hash.ts';
import type { Metrics } from '../metrics/classification.ts';
import { argmaxRule } from '../model/decision.ts';
import { saveModel } from '../model/save.ts';
import type { Classifier } from '../nn/model.ts';
import type { TrainConfig } from '../nn/trainer.ts';
import type { taskData } from './task.ts';

/** The name of the final model's file in a study directory. */
export const studyModelFile = 'model.skt';

/**
 * Saves a study's final model (the best configuration retrained, see `finalTest`) into its
 * directory as `model.skt`, with the study's preprocessing, names, strategy and test metrics;
 * its decision rule is the arg-max the search scored. Returns the file's path.
 *
 * @example
 * await finalTest(best, data, 10, (model, config, test) => saveStudyModel(out, model, data, { dataset, strategy, config, test }));
 */
export function saveStudyModel(
  dir: string, classifier: Classifier, data: ReturnType<typeof taskData>,
  o: { dataset: string; strategy: string; config: TrainConfig; test: Metrics },
): string {
  const { splits } = data;
  const path = join(dir, studyModelFile);
  saveModel(path, {
    classifier,
    features: splits.train.featureNames,
    classes: splits.train.classNames,
    ...(splits.rawDivisor !== undefined && { divisor: splits.rawDivisor }),
    ...(splits.standardizer && { standardizer: splits.standardizer }),
    dataset: o.dataset,
    fingerprint: datasetHash(splits.train),
    strategy: o.strategy,
    training: o.config,
    decision: argmaxRule(splits.train.classNames.length),
    test: o.test,
    createdBy: 'skewtune search',
  });
  return path;
}
