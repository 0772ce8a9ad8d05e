// Every module of src/ under one name, for the project's own tests, benchmarks and reports (not exported
// by the package: its entries are ./index.ts, the library's public API, and ./plugin.ts).

export * from './tensor/matrix.ts';
export { createRng, type Rng } from './tensor/rng.ts';
export { availableBackends, kernelBackend, kernelBackends, setKernelBackend, wasm, type KernelBackend } from './tensor/backend.ts';
export { matmul, matmulTransA, matmulTransB } from './tensor/gemm.ts';
export { rowLogSumShifted, rowMax, softmaxRows } from './tensor/softmax.ts';
export { argmaxRows } from './tensor/elementwise.ts';

export type { Layer, Mode, Param } from './nn/layer.ts';
export { dense, type DenseOptions } from './nn/layers/dense.ts';
export { activation, activationNames, type ActivationName } from './nn/layers/activation.ts';
export { dropout } from './nn/layers/dropout.ts';
export { batchNorm, type BatchNormOptions } from './nn/layers/batchnorm.ts';
export { softmaxCrossEntropy, type Loss } from './nn/loss.ts';
export {
  heNormal, heUniform, initializer, initializerNames, normal, xavierNormal, xavierUniform, type Initializer,
} from './nn/init.ts';
export type { Optimizer } from './nn/optimizers/optimizer.ts';
export { sgd } from './nn/optimizers/sgd.ts';
export { momentum } from './nn/optimizers/momentum.ts';
export { adagrad } from './nn/optimizers/adagrad.ts';
export { rmsprop } from './nn/optimizers/rmsprop.ts';
export { adam, type AdamOptions } from './nn/optimizers/adam.ts';
export {
  createOptimizer, isOptimizerName, optimizerNames, type OptimizerConfig, type OptimizerName,
} from './nn/optimizers/registry.ts';
export { applyPenalties, type Penalties } from './nn/penalty.ts';
export { mlp, type Classifier, type Model, type ModelSpec } from './nn/model.ts';
export { averaged } from './nn/averaged.ts';
export {
  DivergedError, defaultTrainConfig, evaluateLoss, train,
  type EpochRecord, type Train, type TrainConfig, type TrainData, type TrainEvent,
} from './nn/trainer.ts';
export { checkSize, networkSize, sizeLimits } from './nn/network-size.ts';
export { stepBudgeted, trainingSteps, withStepBudget, type BudgetBy } from './nn/budget.ts';

export { classCounts, indicesByClass, subset, type CategoricalGroup, type Dataset } from './data/dataset.ts';
export { stratifiedSplit } from './data/split.ts';
export { fitStandardizer, standardize, type Standardizer } from './data/scale.ts';
export { binarize, imbalance, imbalanceSpec, longTailSizes, parseImbalance, type Imbalance } from './data/imbalance.ts';
export { prepareSplits, type DataSource, type SplitOptions, type Splits } from './data/prepare.ts';
export {
  decode, encode, encodedLayout, fitEncoder, scalingNames,
  type CategoricalEncoding, type ColumnEncoding, type Encoder, type EncoderOptions, type NumericEncoding, type Scaling,
} from './data/encoder.ts';
export {
  allRows, defaultMissingValues, maxDistinctLevels,
  type CategoricalColumn, type ColumnKind, type LabelledTable, type NumericColumn, type Table, type TableColumn,
} from './data/table.ts';
export { encodeIds, rowsOf, tabularFolds, tabularSplits } from './data/tabular.ts';
export type { TabularSource, TabularSplits } from './data/source.ts';

export { confusionMatrix } from './metrics/confusion.ts';
export { classificationMetrics, type ClassMetrics, type Metrics } from './metrics/classification.ts';
export { matthewsCorrelation } from './metrics/mcc.ts';
export { averagePrecision, oneVsRest, rocAuc } from './metrics/auc.ts';
export { bootstrapInterval, type Interval, type IntervalOptions } from './metrics/bootstrap.ts';
export { metricBounds } from './metrics/bounds.ts';
export { seedInterval, seedResamples, type SeedIntervalOptions } from './metrics/seed-interval.ts';

export { InputError } from './errors.ts';
export type { Strategy } from './strategy.ts';
export { evaluate, metricsOf, predictLabels, predictions, type Predictions } from './metrics/evaluate.ts';
export { gradientDescent, scalar, type DescentStep, type Scalar } from './nn/graph.ts';
export { numericalGradient, relativeError } from './nn/gradcheck.ts';
export { datasetHash, splitFingerprints } from './data/hash.ts';
export { compact, escapeMarkdown, fixed, withInterval } from './report/format.ts';
export { table, type Cell } from './report/table.ts';
export {
  barChart, binCounts, histogramGrid, lineChart, renderCharts, renderSvg, scatterGrid,
  type BarOptions, type HistogramOptions, type LineOptions, type ScatterOptions,
} from './report/chart.ts';
export { writeFileAtomic } from './files/write-atomic.ts';
export { writeReport, type ReportFiles } from './report/write.ts';
export { packageVersions, reproduceSection, type Provenance } from './report/reproduce.ts';
export { receipt, skewtuneVersion, type Receipt } from './report/receipt.ts';
export {
  comparisonBody, comparisonMetrics, metricTitles, renderComparison,
  type ComparisonMetric, type ComparisonReport, type StrategyResult,
} from './report/comparison.ts';
export {
  renderStudy, studyBody, type RecheckedConfig, type StudyMetric, type StudyReport, type StudyRound, type StudyTrial,
} from './report/study.ts';
export { studyFinding } from './report/study-sections.ts';
export { explanationOf, explanationSection, samplerText, type RoundExplanation, type SamplerRecord } from './report/study-narrowing.ts';
export { meanInterval, pairedTTest, tCritical, tTwoSided, type MeanInterval, type PairedTest } from './metrics/paired.ts';

export {
  canonical, contains, isActive, kindNames, type Choice, type Condition, type Hyperparameter, type IntRange, type Json, type LogUniform, type Params,
  type Space, type Uniform,
} from './search/space.ts';
export { parseHyperparameter, parseSpace } from './search/space-json.ts';
export { planRound, sampleParams, sampleValue, trialSeed, type PlannedTrial, type PlanOptions } from './search/sampling.ts';
export {
  narrow, narrowDefaults, narrowExplained, narrowingBasis, type Direction, type Narrowing, type NarrowingBasis, type NarrowOptions, type ScoredParams,
} from './search/narrowing.ts';
export type { HyperparameterNote, ValueNote } from './search/narrowing-rules.ts';
export type { Objective, Step, TrialContext } from './search/objective.ts';
export { inProcessExecutor, type Executor, type TrialJob } from './search/executor.ts';
export { workerExecutor, type WorkerExecutorOptions } from './search/worker-executor.ts';
export { postgresExecutor, trialRetries, type PostgresExecutorOptions } from './search/postgres-executor.ts';
export { databaseAddress, openQueue, trialJobId, type DatabaseAddress, type QueueOptions, type TrialQueue } from './search/postgres-queue.ts';
export { serveTrials, type ServeOptions } from './search/postgres-worker.ts';
export type { StudyRecord } from './search/postgres-studies.ts';
export type { ObjectiveFactory } from './search/worker-task.ts';
export { bestTrial, rankTrials, type CompleteTrial, type ScoredTrial, type TrialRecord } from './search/trial.ts';
export type { Pruner, PrunerOptions, RungField, RungScore } from './search/pruner.ts';
export { createPruner, prunerNames, pruners, type PrunerEntry } from './search/pruners/registry.ts';
export { geometricRungs, halving } from './search/pruners/halving.ts';
export { medianPruner } from './search/pruners/median.ts';
export { noPruner } from './search/pruners/none.ts';
export { decodeCheckpoint, encodeCheckpoint, restoreWeights, type TrainerState } from './nn/checkpoint.ts';
export type { RoundRanges, SearchEvent } from './search/events.ts';
export { search, type SearchOptions } from './search/pipeline.ts';
export { askTell, type AskedTrial, type AskTell, type AskTellOptions } from './search/ask-tell.ts';
export type { RoundInput, RoundPlan, Sampler } from './search/samplers/sampler.ts';
export { narrowingSampler, type NarrowingSamplerOptions } from './search/samplers/narrowing.ts';
export { randomSampler } from './search/samplers/random.ts';
export { tpeSampler, type TpeOptions } from './search/samplers/tpe.ts';
export { defaultSamplerName, samplerNamed, samplerNames, samplers, type SamplerName } from './search/samplers/registry.ts';
export { createStudy, journal, readCheckpoint, readStudy, type StudyFile } from './search/journal.ts';
export type { PeerTrials, StoredRun, StoredStudy, StudyStorage } from './storage/study-storage.ts';
export { fileStorage } from './storage/file-storage.ts';
export { sharedStorage } from './storage/shared-storage.ts';
export { peerExecutor } from './storage/peer-executor.ts';
export { recorder, type Recorder } from './storage/recorder.ts';
export { better, bestScore, compareScores, worstScore } from './search/direction.ts';
export { fingerprint } from './data/hash.ts';
export { progress, type Progress, type ProgressOptions } from './search/progress.ts';
export { checkMlpParameter, defaultMlpSpace, isMlpParameter, mlpParameterNames, parseMlpSpace, trainConfigOf } from './search/mlp-space.ts';
export { mlpObjective, type MlpObjectiveOptions } from './study/objective.ts';
export { isMetricName, metricForms, metricNames, metricRecord, metricRegistry, type MetricName, type MetricRecord, type RegisteredMetric } from './metrics/registry.ts';

export { expectedCalibrationError, brierScore, reliabilityBins, type ReliabilityBin } from './metrics/calibration.ts';
export { modelFormatVersion, modelMagic } from './model/container.ts';
export type { Architecture, ModelHeader, Preprocessing } from './model/header.ts';
export { applyDecision, argmaxRule, decisionRuleNames, type DecisionRule, type DecisionRuleName } from './model/decision.ts';
export { fitDecision, fitPriorBias, fitTemperature, fitTunedBias, type DecisionData, type DecisionScore } from './model/decision-fit.ts';
export { modelBytes, saveModel, type ModelParts } from './model/save.ts';
export { loadModel, modelFromBytes, type LoadedModel } from './model/load.ts';
export { stratifiedFolds, type Fold } from './data/folds.ts';
export { crossValidated } from './search/cross-validated.ts';
export { checkObjectiveClass, fBeta, macroFBeta, objectiveClass, parameterisedObjective, type MetricObjective } from './metrics/objectives.ts';
export { decide, decisionMetric, metricsOfProbabilities, type DecisionMetric, type DecisionOutcome, type DecisionSummary } from './model/decide.ts';
export { pooledBins, ruleOutcomes, summariseRules, type RuleOutcome, type RuleSummary } from './model/rule-outcomes.ts';
export { decisionSection, type DecisionPanel } from './report/decision-section.ts';

export { startDashboard, type Dashboard, type DashboardOptions } from './dashboard/server.ts';
export { databaseStudies, type DatabaseStudies } from './dashboard/database.ts';
export { defaultWorkers, workerLimit, workerMemoryBytes, type WorkerLimit } from './worker-limit.ts';
export { decimalNumber } from './decimal.ts';
