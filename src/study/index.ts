// The public entry of the MLP study (package export "skewtune/study"): what the command line,
// worker threads and reports/ compose a study from. Apart from src/index.ts because it wires in
// strategies/ and datasets/, which themselves import src/index.ts.

export { runComparison, type ComparisonOptions } from './comparison.ts';
export { runScheduled, type Scheduled } from './schedule.ts';
export { describeSplits, loadSplits, type DataOptions } from './data.ts';
export { databaseVariable, executorNamed, executorSpec, type ExecutorOptions, type StartedExecutor } from './executors.ts';
export { budgetSeconds } from './budget.ts';
export { patience, stopWhenStale } from './early-stop.ts';
export { finalChoice, recheckStudy, recheckTop, topRung } from './finish.ts';
export { finalTest, type FinalMember, type FinalTest } from './final-model.ts';
export { saveStudyModel, studyModelFile } from './model-file.ts';
export { mlpObjective, type MlpObjectiveOptions } from './objective.ts';
export { buildStudyReport, rankedTrials, studyDataset, writeStudyReport, type Recheck, type StudyInput } from './report.ts';
export {
  parseSettings, prunerOf, readSettingsFile, resolveSettings, settingFlags, settingsJson, type Narrowing, type PartialSettings, type SearchSettings,
} from './settings.ts';
export { samplerRecord, studySampler } from './sampler.ts';
export { spentOn, type Spent } from './spent.ts';
export { startStudy, studySearch, type ExecutorChoice, type OpenedStudy, type StartedStudy } from './start.ts';
export { mlpTaskSchema, objectiveFor, taskData, taskOf, type MlpTask } from './task.ts';
export { parseTrialSpace, trialSetup, type TrialSetup } from './trial-space.ts';
