import { join } from 'node:path';
import { datasetHash } from '../data/hash.ts';
import type { Metrics } from '../metrics/classification.ts';
import { saveModel } from '../model/save.ts';
import type { Classifier } from '../nn/model.ts';
import type { FinalTraining } from './final-model.ts';
import type { taskData } from './task.ts';

/** The name of the final model's file in a study directory. */
export const studyModelFile = 'model.skt';

/**
 * Saves a study's final model (the best configuration retrained, see `finalTest`) into its
 * directory as `model.skt`, with the study's preprocessing, names, strategy, decision rule and
 * test metrics. Returns the file's path.
 *
 * @example
 * await finalTest(best, data, 10, { keep: (model, how, test) => saveStudyModel(out, model, data, { dataset, test, ...how }) });
 */
export function saveStudyModel(
  dir: string, classifier: Classifier, data: ReturnType<typeof taskData>,
  o: { dataset: string; test: Metrics } & Pick<FinalTraining, 'config' | 'strategy' | 'decision'>,
): string {
  const { splits } = data;
  const path = join(dir, studyModelFile);
  saveModel(path, {
    classifier,
    features: splits.train.featureNames,
    classes: splits.train.classNames,
    ...(splits.rawDivisor !== undefined && { divisor: splits.rawDivisor }),
    ...(splits.standardizer && { standardizer: splits.standardizer }),
    ...(splits.encoder && { encoder: splits.encoder }),
    dataset: o.dataset,
    fingerprint: datasetHash(splits.train),
    strategy: o.strategy,
    training: o.config,
    decision: o.decision,
    test: o.test,
    createdBy: 'skewtune search',
  });
  return path;
}
