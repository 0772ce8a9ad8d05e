import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import type { Imbalance } from '../data/imbalance.ts';
import { InputError } from '../errors.ts';
import { limits } from '../limits.ts';
import { metricForms, metricNames } from '../metrics/registry.ts';
import { decisionRuleNames } from '../model/decision.ts';
import type { StudyDecision } from '../report/study-types.ts';
import type { SearchEvent } from '../search/events.ts';
import { trainLimits } from '../nn/limits.ts';
import { checkOutDir } from '../report/out-dir.ts';
import { absoluteDatasetSpec } from '../search/fingerprint.ts';
import { readHandovers, recordHandover } from '../search/handovers.ts';
import { journal, readStudy, type StudyFile } from '../search/journal.ts';
import { defaultHeartbeatGrace } from '../search/postgres-heartbeat.ts';
import { progress } from '../search/progress.ts';
import { prunerNames } from '../search/pruners/registry.ts';
import { samplerNames } from '../search/samplers/registry.ts';
import { openStudyDirectory } from '../study/directory.ts';
import { databaseVariable, executorSpec } from '../study/executors.ts';
import { finalChoice, recheckStudy, topRung } from '../study/finish.ts';
import { finalTest } from '../study/final-model.ts';
import { saveStudyModel } from '../study/model-file.ts';
import { buildStudyReport, rankedTrials, studyDataset, writeStudyReport, type Recheck } from '../study/report.ts';
import { parseSettings, prunerOf, readSettingsFile, resolveSettings, roundsUntilBudget, settingFlags, settingsJson, type PartialSettings } from '../study/settings.ts';
import { budgetSeconds, searchShare } from '../study/budget.ts';
import { spentOn } from '../study/spent.ts';
import { samplerRecord } from '../study/sampler.ts';
import { startStudy, studySearch, type OpenedStudy, type StartedStudy } from '../study/start.ts';
import { commandLine } from './command-line.ts';
import { decisionText } from '../study/data-defaults.ts';
import { foldEpochs } from '../study/fold-epochs.ts';
import { addDataOptions } from './data-options.ts';
import { printTableNotes } from './table-notes.ts';
import { decimalNumber } from '../decimal.ts';
import { defaultWorkers } from '../worker-limit.ts';
import { foldCount, intFrom, integer, metricName, pathValue, positiveInt, positiveUpTo, samplerName, workerCount } from './options.ts';
import { budgetOf, outcome, timingOf } from './search-outcome.ts';
import { runInterruptibly } from './search-run.ts';
import { decisionRule } from './train-model.ts';

interface Flags extends Omit<PartialSettings, 'space'> {
  config?: string;
  imbalance?: Imbalance;
  workers: number;
  trialTimeout?: number;
  heartbeatGrace?: number;
  executor?: string;
  out?: string;
  resume?: boolean;
  json?: boolean;
}

type StudyDone = Extract<SearchEvent, { type: 'study-done' }>;

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const defaultOut = (seed: number) => join('runs', `search-${seed}-${new Date().toISOString().replace(/[:.]/g, '-')}`);

/** The study's settings and journal: a new study from flags and `--config`, or the one `--resume` continues. */
function openStudy(flags: Flags, command: Command): OpenedStudy {
  const given = Object.fromEntries(settingFlags.filter((k) => command.getOptionValueSource(k) === 'cli').map((k) => [k, flags[k]])) as PartialSettings;
  if (!flags.resume) {
    const file = flags.config ? readSettingsFile(flags.config) : {};
    const resolved = resolveSettings(given, file);
    const settings = { ...resolved, dataset: absoluteDatasetSpec(resolved.dataset), ...(resolved.test !== undefined && { test: absoluteDatasetSpec(resolved.test) }) };
    if (flags.out) checkOutDir(flags.out, 'study', '--out');
    // Refused before the data load and the lock (whose stale-lock takeover would say a second line first); createStudy checks again.
    if (flags.out && existsSync(join(flags.out, 'study.json'))) {
      throw new InputError(`${flags.out} already holds a study (study.json); continue it with --resume or choose another --out`);
    }
    const { name, options } = prunerOf(settings);
    const study: StudyFile = {
      study: randomUUID(), seed: settings.seed, config: settingsJson(settings), sampler: samplerRecord(settings), pruner: { name, options }, rounds: [], status: 'running',
    };
    const left = (key: keyof PartialSettings) => given[key] === undefined && file[key] === undefined;
    const open = { space: left('space'), metric: left('metric'), cv: left('cv') && left('refit'), epochs: left('epochs') && left('minEpochs') };
    return { settings, out: flags.out ?? defaultOut(settings.seed), study, resumed: [], isNew: true, open };
  }
  if (!flags.out) throw new InputError('--resume needs --out DIR, the study to continue');
  const clash = [...Object.keys(given), ...(flags.config ? ['config'] : [])][0];
  if (clash) throw new InputError(`--resume takes the study's settings from ${join(flags.out, 'study.json')}; drop --${kebab(clash)}`);
  // Held before the journal is read (and repaired), until the process ends.
  if (existsSync(join(flags.out, 'study.json'))) openStudyDirectory(flags.out, warn);
  const { study, trials } = readStudy(flags.out);
  const settings = resolveSettings({}, parseSettings(study.config, `${join(flags.out, 'study.json')}: config`));
  return { settings, out: flags.out, study, resumed: trials, isNew: false };
}

type Say = (text: string) => void;

const warn: Say = (text) => process.stderr.write(`${text}\n`);

/** Runs the rounds (journalled, with a progress display; Ctrl-C stops them), then the honesty check; closes the executor. */
async function searchAndRecheck(run: StartedStudy, json: boolean, say: Say): Promise<{ done: StudyDone | undefined; rechecks: Recheck[]; searched: number }> {
  const { settings } = run;
  const record = journal(run.out, run.study);
  const display = progress({
    ...(!roundsUntilBudget(settings) && { total: settings.rounds * settings.trials, rounds: settings.rounds }),
    ...(settings.budget !== undefined && { budgetSeconds: budgetSeconds(settings.budget, '--budget') * searchShare }),
    direction: run.direction,
    tty: !json && process.stderr.isTTY === true, write: say,
  });
  let done: StudyDone | undefined;
  let rechecks: Recheck[] = [];
  let searched = 0;
  try {
    try {
      done = await runInterruptibly(
        (stop) => studySearch(run, stop),
        { next: (event) => { record(event); display.next(event); }, say: (text) => process.stderr.write(`\n${text}\n`) },
      );
    } finally {
      display.stop();
    }
    searched = performance.now();
    const ranked = rankedTrials(done?.trials ?? [], run.direction);
    const { rungs } = prunerOf(settings);
    if (ranked.length > 0 && settings.recheck > 0 && rungs.length > 1) {
      // Under a pruner the honesty check is its top rung: those trials already trained every epoch.
      rechecks = topRung(ranked, rungs[0]!, settings.recheck, run.direction);
    } else if (ranked.length > 0 && settings.recheck > 0) {
      say(`honesty check: retraining the ${Math.min(settings.recheck, ranked.length)} best configurations for ${settings.finalEpochs} epochs\n`);
      rechecks = await recheckStudy(run, ranked);
    }
  } finally {
    await run.started.executor.close();
  }
  return { done, rechecks, searched };
}

/** The study's first line: where it is, what it runs, on what, where. */
function headline(run: StartedStudy): string {
  const { settings: s, resumed } = run;
  const { name, rungs } = prunerOf(s);
  const epochs = rungs.length > 1 ? `up to ${s.epochs} epochs (${name} at ${rungs.join(', ')})` : `${s.epochs} epochs`;
  const rounds = roundsUntilBudget(s) ? 'rounds until the budget is spent' : `${s.rounds} rounds`;
  return `study ${run.study.study} in ${run.out}: ${rounds} × ${s.trials} trials of ${epochs}${s.budget ? ` within ${s.budget}` : ''} on ` +
    `${run.data.trial.train.y.length} training rows of ${s.dataset}, ${run.started.description}${resumed.length ? `, ${resumed.length} trials from the journal` : ''}` +
    `${run.decision ? `; ${decisionText(run.decision)}` : ''}\n`;
}

async function runSearch(flags: Flags, command: Command): Promise<void> {
  const started = performance.now();
  const say: Say = (text) => !flags.json && process.stdout.write(text);
  const opened = openStudy(flags, command);
  const run = await startStudy(opened, {
    ...executorSpec(flags.executor), workers: flags.workers, trialTimeout: flags.trialTimeout, warn,
    ...(flags.heartbeatGrace !== undefined && { heartbeatGrace: flags.heartbeatGrace }),
    handedOver: (trial) => recordHandover(opened.out, trial),
  });
  const loaded = performance.now();
  printTableNotes(run.data.splits);
  say(headline(run));
  const { done, rechecks, searched: trialsEnded } = await searchAndRecheck(run, flags.json === true, say);
  const rechecked = performance.now();
  if (!done) throw new Error(`interrupted; finished trials are in ${join(run.out, 'trials.jsonl')}. Continue with: skewtune search --out ${run.out} --resume`);
  const spent = spentOn(done.trials);
  const budget = budgetOf(run, done, spent);
  const searched = `${((performance.now() - started) / 1000).toFixed(0)} s`;
  if (budget) say(`${done.budget ? `the budget of ${budget.limit} ended the search after ${searched}` : `the search ended in ${searched}, within its budget of ${budget.limit}`}: ` +
    `${spent.trials} trials ended (${spent.pruned} pruned, ${spent.failed} failed), ${spent.epochs} epochs trained, in ${budget.rounds} rounds\n`);
  const { name, rungs } = prunerOf(run.settings);
  const pruned = rungs.length > 1 ? { fewEpochs: rungs[0]!, pruner: { name, rungs: [...rungs] } } : {};
  const input = {
    command: commandLine(), settings: run.settings, ...(run.decision && { defaults: decisionText(run.decision) }), dataset: studyDataset(run.settings, run.data), trials: done.trials, rounds: done.rounds,
    sampler: run.study.sampler ?? samplerRecord(run.settings), budget, ...pruned, handovers: readHandovers(run.out),
  };
  if (!done.best) {
    await writeStudyReport(run.out, buildStudyReport(input));
    if (done.trials.length === 0) throw new Error(`the budget of ${run.settings.budget} ended before any trial was scored; give a longer --budget`);
    throw new Error(`all ${done.trials.length} trials failed; see ${join(run.out, 'trials.jsonl')}`);
  }
  const chosen = finalChoice(done.best, rechecks, run.direction);
  const networks = run.settings.ensemble === 1 ? '' : ` as ${run.settings.ensemble} networks with their own seeds`;
  say(run.settings.refit === true
    ? `refitting the chosen configuration (round ${chosen.round}, index ${chosen.index})${networks} on all ${run.data.rows.y.length} training rows for the folds' best epoch count\n`
    : `retraining the chosen configuration (round ${chosen.round}, index ${chosen.index})${networks} for up to ${run.settings.finalEpochs} epochs, stopping early\n`);
  let decision: StudyDecision | undefined;
  const deadline = run.settings.budget === undefined ? Infinity : started + budgetSeconds(run.settings.budget, '--budget') * 1000;
  const final = await finalTest(chosen, run.data, run.settings.finalEpochs, run.settings.metric, {
    members: run.settings.ensemble,
    ...(run.settings.refit === true && {
      // The folds' retraining may take half of the time left, the refit the rest.
      refit: await foldEpochs(run.task, chosen, run.settings.finalEpochs, performance.now() + (deadline - performance.now()) / 2),
    }),
    ...(run.settings.decision && { decision: run.settings.decision }),
    // The budget covers the whole study: the final training stops when it is spent (see `searchShare`).
    ...(run.settings.budget !== undefined && { until: deadline }),
    keep: (model, how, metrics) => {
      saveStudyModel(run.out, model, run.data, { dataset: run.settings.dataset, test: metrics, ...how });
      if (run.settings.decision) decision = { rule: how.decision, before: how.before, after: how.after };
    },
  });
  const refitText = final.refit ? `; the final model trained on all ${final.refit.rows} training rows for ${final.refit.epochs} epochs, the folds' best` : '';
  const report = buildStudyReport({ ...input, ...(input.defaults !== undefined && { defaults: `${input.defaults}${refitText}` }), test: final.test, rechecks, chosen, final, ...(decision && { decision }) });
  await writeStudyReport(run.out, report, { seconds: (performance.now() - started) / 1000 });
  const seconds = timingOf(started, loaded, trialsEnded, rechecked, performance.now());
  process.stdout.write(outcome(run, done, chosen, final, report, seconds, flags.json === true));
}

/** `skewtune search`: the four-step random search of MLP hyperparameters, journalled and resumable. */
export function searchCommand(): Command {
  const command = new Command('search').description('random search of MLP hyperparameters, narrowing the ranges round by round');
  addDataOptions(command, false);
  return command
    .option('--config <file>', 'JSON settings: these options by name (camelCase) and "params", the search space', pathValue)
    .option('--rounds <n>', 'rounds of sampling (default 4; with --budget, as many as it allows)', intFrom(1, limits.rounds))
    .option('--sampler <name>', `how each round is planned from the trials before it (default narrowing): ${samplerNames.join(', ')}`, samplerName)
    .option('--trials <n>', 'trials per round (default 20)', intFrom(1, limits.trials))
    .option('--epochs <n>', 'the most epochs a trial trains (default 9)', intFrom(1, trainLimits.epochs.max))
    .option('--pruner <name>', `stops unpromising trials at rungs: ${prunerNames().join(', ')} (default halving; none when --epochs is --min-epochs)`)
    .option('--min-epochs <n>', 'epochs of the first rung (default 1)', intFrom(1, trainLimits.epochs.max))
    .option('--reduction <eta>', 'halving keeps the best 1/eta of a round at each rung, whose epochs grow eta-fold (default 3)', decimalNumber)
    .option('--budget <duration>', 'the whole study\'s time (45s, 30m, 2h): trials in its first half, then the final training until it is spent; without --rounds, rounds go on until the first half is spent')
    .option('--final-epochs <n>', 'the most epochs the chosen configuration retrains before the test, stopping early on validation (default 30)', intFrom(1, trainLimits.epochs.max))
    .option('--ensemble <n>', 'networks of the chosen configuration the final model averages, each retrained with its own seed; one joins only if the average scores no worse on validation (default 3; 1 for one network)', intFrom(1, limits.ensemble))
    .option('--recheck <n>', 'best configurations retrained for --final-epochs to check the few-epoch ranking (default 5; 0 skips)', intFrom(0, limits.repeats))
    .option('--trial-subset <rows>', 'train trials on a stratified subset of this many rows of the training split (default 12000; all of it when smaller)', positiveInt)
    .option('--metric <name>', `validation score of a trial, its best epoch's (default accuracy; macroF1 when the training split's classes are skewed 3:1 or more): ${[...metricNames, ...metricForms].join(', ')}`, metricName)
    .option('--cv <k>', 'score each trial by stratified K-fold cross-validation of its training rows (K >= 2), the mean over folds', foldCount)
    .option('--refit', 'score trials by K-fold CV over the training and validation rows, then train the final model on all of them for the folds\' best epoch count (default: when a --test file is given or the table has at most 5,000 training rows)')
    .option('--no-refit', 'score trials on the validation split, and stop the final training early on it, whatever the table\'s size')
    .option('--repeats <n>', 'with --cv: deal the K folds this many times, each with its own seed (default 1)', intFrom(1, limits.repeats))
    .option('--decision <rule>', `the final model's decision rule, fitted on validation: ${decisionRuleNames.join(', ')} (default argmax; tuned maximises --metric)`, decisionRule)
    .option('--workers <n>', 'trials run at once, each on a worker thread (default: one a core; at most 4 a core, at least 8, one per 200 MB of memory)', workerCount, defaultWorkers())
    .option('--trial-timeout <seconds>', 'a trial running longer is abandoned and recorded as failed', positiveUpTo(limits.trialTimeout))
    .option('--heartbeat-grace <seconds>', `a distributed trial whose worker stops beating this long goes to another worker, whatever --trial-timeout says (default ${defaultHeartbeatGrace})`, intFrom(5, 3600))
    .option('--executor <name>', `where trials run: local (worker threads), or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE for skewtune workers (default: $${databaseVariable} if set, else local)`)
    .option('--seed <n>', 'seed of the study: splits, samples and every trial (default 1)', integer)
    .option('--out <dir>', 'study directory (default runs/search-SEED-TIME)', pathValue)
    .option('--resume', 'continue the study in --out, skipping the trials it recorded')
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action((flags: Flags, cmd: Command) => runSearch(flags, cmd));
}
