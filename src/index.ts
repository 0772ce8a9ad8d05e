/**
 * The public API of skewtune (package export `skewtune`): what a library user calls, and the types
 * they need to call it. Chosen, not collected: a name is here because a user's program needs it.
 * The study as the command line runs it is `skewtune/study`; what a strategy or a dataset loader is
 * built from is `skewtune/plugin`. The reference is generated from this file (`npm run docs:api`).
 *
 * @module skewtune
 */

// Data: a labelled matrix, where it comes from, and its splits.
export { matrix, fromRows, fromArray, type Matrix, type DType } from './tensor/matrix.ts';
export { createRng, type Rng } from './tensor/rng.ts';
export { classCounts, type CategoricalGroup, type Dataset } from './data/dataset.ts';
export { stratifiedSplit } from './data/split.ts';
export { fitStandardizer, standardize, type Standardizer } from './data/scale.ts';
export { imbalance, parseImbalance, type Imbalance } from './data/imbalance.ts';
export { prepareSplits, type DataSource, type SplitOptions, type Splits } from './data/prepare.ts';
export { datasetEntries, loadDataset, type DatasetEntry, type LoadOptions } from '../datasets/registry.ts';

// Training one network.
export {
  DivergedError, defaultTrainConfig, train, type EpochRecord, type Train, type TrainConfig, type TrainData, type TrainEvent,
} from './nn/trainer.ts';
export type { Classifier } from './nn/model.ts';
export type { ActivationName } from './nn/layers/activation.ts';
export { optimizerNames, type OptimizerConfig, type OptimizerName } from './nn/optimizers/registry.ts';
export { kernelBackend } from './tensor/backend.ts';
export type { KernelBackend } from './tensor/wasm/runtime.ts';

// Imbalance strategies: each wraps the trainer (`strategy.wrap(train)`).
export type { Strategy } from './strategy.ts';
export { resolveStrategy, strategyEntries, type StrategyEntry } from '../strategies/registry.ts';
export { smote, type SmoteOptions } from '../strategies/smote.ts';
export { borderlineSmote, type BorderlineSmoteOptions } from '../strategies/borderline-smote.ts';
export { adasyn, type AdasynOptions } from '../strategies/adasyn.ts';
export { bootstrap, type BootstrapOptions } from '../strategies/bootstrap.ts';
export { randomUnder, type RandomUnderOptions } from '../strategies/random-under.ts';
export { classWeight } from '../strategies/class-weight.ts';
export { focal, type FocalOptions } from '../strategies/focal.ts';

// Metrics.
export { evaluate, predictions, metricsOf, type Predictions } from './metrics/evaluate.ts';
export { classificationMetrics, type ClassMetrics, type Metrics } from './metrics/classification.ts';
export { confusionMatrix } from './metrics/confusion.ts';
export { matthewsCorrelation } from './metrics/mcc.ts';
export { averagePrecision, rocAuc } from './metrics/auc.ts';
export { brierScore, expectedCalibrationError } from './metrics/calibration.ts';
export { bootstrapInterval, type Interval, type IntervalOptions } from './metrics/bootstrap.ts';
export { metricNames, type MetricName } from './metrics/registry.ts';

// Hyperparameter search: a stream of events (`search`), or ask and tell in the caller's own loop.
export type { Choice, Hyperparameter, IntRange, Json, LogUniform, Params, Space, Uniform } from './search/space.ts';
export { search, type SearchOptions } from './search/pipeline.ts';
export { askTell, type AskedTrial, type AskTell, type AskTellOptions } from './search/ask-tell.ts';
export type { Objective, Step, TrialContext } from './search/objective.ts';
export type { RoundRanges, SearchEvent } from './search/events.ts';
export type { PlannedTrial } from './search/sampling.ts';
export type { Direction } from './search/direction.ts';
export type { ScoredTrial, TrialRecord } from './search/trial.ts';
export type { Sampler } from './search/samplers/sampler.ts';
export { narrowingSampler, type NarrowingSamplerOptions } from './search/samplers/narrowing.ts';
export { randomSampler } from './search/samplers/random.ts';
export { tpeSampler, type TpeOptions } from './search/samplers/tpe.ts';
export type { Pruner, PrunerOptions } from './search/pruner.ts';
export { halving } from './search/pruners/halving.ts';
export { medianPruner } from './search/pruners/median.ts';
export { inProcessExecutor, type Executor } from './search/executor.ts';
export { workerExecutor, type WorkerExecutorOptions } from './search/worker-executor.ts';

// Model files.
export { saveModel, modelBytes, type ModelParts } from './model/save.ts';
export { loadModel, modelFromBytes, type LoadedModel } from './model/load.ts';
export type { Architecture, ModelHeader, Preprocessing } from './model/header.ts';
export { argmaxRule, type DecisionRule } from './model/decision.ts';

// Reports.
export { renderComparison, type ComparisonReport, type StrategyResult } from './report/comparison.ts';
export { renderStudy, type StudyReport } from './report/study.ts';
export { writeReport, type ReportFiles } from './report/write.ts';

export { InputError } from './errors.ts';
