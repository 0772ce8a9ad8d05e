import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { timer } from 'rxjs';
import type { Imbalance } from '../data/imbalance.ts';
import { InputError } from '../errors.ts';
import { journal, createStudy, readCheckpoint, readStudy, type StudyFile } from '../search/journal.ts';
import { isMetricName, metricNames, metricRegistry, type MetricName } from '../metrics/registry.ts';
import { search } from '../search/pipeline.ts';
import { prunerNames } from '../search/pruners/registry.ts';
import { narrowingSampler } from '../search/samplers/narrowing.ts';
import { progress } from '../search/progress.ts';
import type { TrialRecord } from '../search/trial.ts';
import { commandLine } from './command-line.ts';
import { addDataOptions } from './data-options.ts';
import { integer, nonNegativeInt, positiveInt, positiveNumber } from './options.ts';
import { databaseVariable, executorNamed, executorSpec } from '../study/executors.ts';
import { finalChoice, finalTest, recheckTop, topRung } from '../study/finish.ts';
import { buildStudyReport, rankedTrials, studyDataset, writeStudyReport, type Recheck } from '../study/report.ts';
import { parseSettings, prunerOf, readSettingsFile, resolveSettings, settingFlags, settingsJson, type PartialSettings, type SearchSettings } from '../study/settings.ts';
import { budgetSeconds } from '../study/budget.ts';
import { spentOn } from '../study/spent.ts';
import { taskData, taskOf } from '../study/task.ts';
import { runInterruptibly } from './search-run.ts';

interface Flags extends Omit<PartialSettings, 'space'> {
  config?: string;
  imbalance?: Imbalance;
  workers: number;
  trialTimeout?: number;
  executor?: string;
  out?: string;
  resume?: boolean;
  json?: boolean;
}

function metric(value: string): MetricName {
  if (!isMetricName(value)) throw new InvalidArgumentError(`must be one of ${metricNames.join(', ')}`);
  return value;
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const defaultOut = (seed: number) => join('runs', `search-${seed}-${new Date().toISOString().replace(/[:.]/g, '-')}`);

/** The study's settings and journal: a new study from flags and `--config`, or the one `--resume` continues. */
function openStudy(flags: Flags, command: Command): { settings: SearchSettings; out: string; study: StudyFile; resumed: TrialRecord[]; isNew: boolean } {
  const given = Object.fromEntries(settingFlags.filter((k) => command.getOptionValueSource(k) === 'cli').map((k) => [k, flags[k]])) as PartialSettings;
  if (!flags.resume) {
    const settings = resolveSettings(given, flags.config ? readSettingsFile(flags.config) : {});
    const { name, options } = prunerOf(settings);
    const study: StudyFile = { study: randomUUID(), seed: settings.seed, config: settingsJson(settings), pruner: { name, options }, rounds: [], status: 'running' };
    return { settings, out: flags.out ?? defaultOut(settings.seed), study, resumed: [], isNew: true };
  }
  if (!flags.out) throw new InputError('--resume needs --out DIR, the study to continue');
  const clash = [...Object.keys(given), ...(flags.config ? ['config'] : [])][0];
  if (clash) throw new InputError(`--resume takes the study's settings from ${join(flags.out, 'study.json')}; drop --${kebab(clash)}`);
  const { study, trials } = readStudy(flags.out);
  const settings = resolveSettings({}, parseSettings(study.config, `${join(flags.out, 'study.json')}: config`));
  return { settings, out: flags.out, study, resumed: trials, isNew: false };
}

async function runSearch(flags: Flags, command: Command): Promise<void> {
  const started = performance.now();
  const { settings, out, study, resumed, isNew } = openStudy(flags, command);
  const task = taskOf(settings);
  const data = taskData(task);
  const jobTask = { ...task, dataHash: data.hash };
  const { spec, where } = executorSpec(flags.executor);
  // Started before the study directory is made, so a database that refuses us leaves nothing behind.
  const executorOptions = {
    spec, where, workers: flags.workers, trialTimeout: flags.trialTimeout,
    study: { id: study.study, space: settings.space, task: jobTask }, warn: (text: string) => process.stderr.write(`${text}\n`),
  };
  const { executor, description, trialTimeout } = await executorNamed(spec)(executorOptions);
  try {
    if (isNew) createStudy(out, study);
  } catch (error) {
    await executor.close();
    throw error;
  }
  const say = (text: string) => !flags.json && process.stdout.write(text);
  const pruner = prunerOf(settings);
  const epochs = pruner.rungs.length > 1 ? `up to ${settings.epochs} epochs (${pruner.name} at ${pruner.rungs.join(', ')})` : `${settings.epochs} epochs`;
  say(`study ${study.study} in ${out}: ${settings.rounds} rounds × ${settings.trials} trials of ${epochs}${settings.budget ? ` within ${settings.budget}` : ''} on ` +
    `${data.trial.train.y.length} training rows of ${settings.dataset}, ${description}${resumed.length ? `, ${resumed.length} trials from the journal` : ''}\n`);
  const direction = metricRegistry[settings.metric].direction;
  const record = journal(out, study);
  const display = progress({
    total: settings.rounds * settings.trials, rounds: settings.rounds, direction,
    tty: !flags.json && process.stderr.isTTY === true, write: say,
  });
  const input = { command: commandLine(), settings, dataset: studyDataset(settings, data) };
  let done;
  let rechecks: Recheck[] = [];
  try {
    try {
      done = await runInterruptibly(
        (stop) => search(settings.space, executor, {
          rounds: settings.rounds, trials: settings.trials, seed: settings.seed, study: study.study, direction, sampler: narrowingSampler(settings.narrowing),
          task: jobTask, resumed, stop, pruner, checkpointOf: (t) => readCheckpoint(out, t),
          ...(settings.budget !== undefined && { budget: timer(budgetSeconds(settings.budget, '--budget') * 1000) }),
          ...(trialTimeout !== undefined && { trialTimeout }),
        }),
        { next: (event) => { record(event); display.next(event); }, say: (text) => process.stderr.write(`\n${text}\n`) },
      );
    } finally {
      display.stop();
    }
    const ranked = rankedTrials(done?.trials ?? [], direction);
    if (ranked.length > 0 && settings.recheck > 0 && pruner.rungs.length > 1) {
      // Under a pruner the honesty check is its top rung: those trials already trained every epoch.
      rechecks = topRung(ranked, pruner.rungs[0]!, settings.recheck, direction);
    } else if (ranked.length > 0 && settings.recheck > 0) {
      say(`honesty check: retraining the ${Math.min(settings.recheck, ranked.length)} best configurations for ${settings.finalEpochs} epochs\n`);
      // Remote workers take only the study's own trials, so the check's retraining runs here.
      const local = spec === 'local' ? undefined : (await executorNamed('local')({ ...executorOptions, spec: 'local' })).executor;
      try {
        rechecks = await recheckTop(local ?? executor, ranked, { study: study.study, task: jobTask, epochs: settings.finalEpochs, top: settings.recheck });
      } finally {
        await local?.close();
      }
    }
  } finally {
    await executor.close();
  }
  if (!done) throw new Error(`interrupted; finished trials are in ${join(out, 'trials.jsonl')}. Continue with: skewtune search --out ${out} --resume`);
  const journalled = { trials: done.trials, rounds: done.rounds };
  const spent = spentOn(done.trials);
  const budget = settings.budget === undefined ? null : { limit: settings.budget, ended: done.budget, ...spent };
  if (done.budget) say(`the budget of ${settings.budget} is spent: ${spent.trials} trials ended (${spent.pruned} pruned, ${spent.failed} failed), ${spent.epochs} epochs trained\n`);
  if (!done.best) {
    await writeStudyReport(out, buildStudyReport({ ...input, ...journalled }));
    if (done.trials.length === 0) throw new Error(`the budget of ${settings.budget} ended before any trial was scored; give a longer --budget`);
    throw new Error(`all ${done.trials.length} trials failed; see ${join(out, 'trials.jsonl')}`);
  }
  const chosen = finalChoice(done.best, rechecks, direction);
  say(`retraining the chosen configuration (round ${chosen.round}, index ${chosen.index}) for up to ${settings.finalEpochs} epochs, stopping early\n`);
  const final = await finalTest(chosen, data, settings.finalEpochs, settings.metric);
  const test = final.test;
  const pruned = pruner.rungs.length > 1 ? { fewEpochs: pruner.rungs[0]!, pruner: { name: pruner.name, rungs: [...pruner.rungs] } } : {};
  const report = buildStudyReport({ ...input, ...journalled, test, rechecks, chosen, final, budget, ...pruned });
  await writeStudyReport(out, report, { seconds: (performance.now() - started) / 1000 });
  const failed = report.counts.failed;
  if (flags.json) {
    const { params, score, last, round, index, seed } = chosen;
    process.stdout.write(`${JSON.stringify({
      best: { params, score, last, round, index, seed, epoch: final.epoch, epochs: final.epochs }, test, trials: done.trials.length, failed, rounds: done.rounds, out, study: study.study,
      spearman: report.recheck?.spearman ?? null, pruned: spent.pruned, epochs: spent.epochs, budget,
    })}\n`);
  } else {
    say(`chosen configuration's validation ${settings.metric} ${chosen.score.toFixed(4)}; test accuracy ${test.accuracy.toFixed(4)}, macro-F1 ${test.macroF1.toFixed(4)}; ` +
      `${done.trials.length} trials, ${spent.pruned} pruned, ${failed} failed, ${spent.epochs} epochs; report in ${join(out, 'README.md')}\n`);
  }
}

/** `skewtune search`: the four-step random search of MLP hyperparameters, journalled and resumable. */
export function searchCommand(): Command {
  const command = new Command('search').description('random search of MLP hyperparameters, narrowing the ranges round by round');
  addDataOptions(command, false);
  return command
    .option('--config <file>', 'JSON settings: these options by name (camelCase) and "params", the search space')
    .option('--rounds <n>', 'rounds of sampling (default 4)', positiveInt)
    .option('--trials <n>', 'trials per round (default 20)', positiveInt)
    .option('--epochs <n>', 'the most epochs a trial trains (default 9)', positiveInt)
    .option('--pruner <name>', `stops unpromising trials at rungs: ${prunerNames().join(', ')} (default halving; none when --epochs is --min-epochs)`)
    .option('--min-epochs <n>', 'epochs of the first rung (default 1)', positiveInt)
    .option('--reduction <eta>', 'halving keeps the best 1/eta of a round at each rung, whose epochs grow eta-fold (default 3)', Number)
    .option('--budget <duration>', 'stop dispatching trials after this long (45s, 30m, 2h), then recheck, retrain and report as usual')
    .option('--final-epochs <n>', 'the most epochs the chosen configuration retrains before the test, stopping early on validation (default 20)', positiveInt)
    .option('--recheck <n>', 'best configurations retrained for --final-epochs to check the few-epoch ranking (default 5; 0 skips)', nonNegativeInt)
    .option('--trial-subset <rows>', 'train trials on a stratified subset of the training split (default: all of it)', positiveInt)
    .option('--metric <name>', `validation score of a trial, its best epoch's (default accuracy): ${metricNames.join(', ')}`, metric)
    .option('--workers <n>', 'trials run at once, each on a worker thread', positiveInt, availableParallelism())
    .option('--trial-timeout <seconds>', 'a trial running longer is abandoned and recorded as failed', positiveNumber)
    .option('--executor <name>', `where trials run: local (worker threads), or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE for skewtune workers (default: $${databaseVariable} if set, else local)`)
    .option('--seed <n>', 'seed of the study: splits, samples and every trial (default 1)', integer)
    .option('--out <dir>', 'study directory (default runs/search-SEED-TIME)')
    .option('--resume', 'continue the study in --out, skipping the trials it recorded')
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action((flags: Flags, cmd: Command) => runSearch(flags, cmd));
}
