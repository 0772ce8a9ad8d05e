import { join } from 'node:path';
import { Command } from 'commander';
import { defaultRepeats } from '../data/folds.ts';
import { limits } from '../limits.ts';
import { makeDirectory } from '../files/make-directory.ts';
import { metricForms, metricNames } from '../metrics/registry.ts';
import { decisionRuleNames } from '../model/decision.ts';
import type { StudyDecision } from '../report/study-types.ts';
import type { SearchEvent } from '../search/events.ts';
import type { ScoredTrial } from '../search/trial.ts';
import { trainLimits } from '../nn/limits.ts';
import { handoverLine, handoverOf } from '../search/handovers.ts';
import { defaultHeartbeatGrace } from '../search/postgres-heartbeat.ts';
import { progress } from '../search/progress.ts';
import { prunerNames } from '../search/pruners/registry.ts';
import { samplerNames } from '../search/samplers/registry.ts';
import { recorder } from '../storage/recorder.ts';
import type { StudyStorage } from '../storage/study-storage.ts';
import { databaseVariable, executorSpec } from '../study/executors.ts';
import { finalChoice, recheckStudy, topRung } from '../study/finish.ts';
import { finalTest, type FinalTest } from '../study/final-model.ts';
import { finalWorkers } from '../study/final-workers.ts';
import { phaseClock, type PhaseClock } from '../study/phase-clock.ts';
import { saveStudyModel } from '../study/model-file.ts';
import { buildStudyReport, rankedTrials, studyDataset, writeStudyReport, type Recheck } from '../study/report.ts';
import { defaultPruner, prunerOf, roundsUntilBudget, searchDefaults as d } from '../study/settings.ts';
import { budgetSeconds, recheckShare, reportReserve, searchShare } from '../study/budget.ts';
import { spentOn } from '../study/spent.ts';
import { samplerRecord } from '../study/sampler.ts';
import { startStudy, studySearch, type OpenedStudy, type StartedStudy } from '../study/start.ts';
import { commandLine } from './command-line.ts';
import { decisionText } from '../study/data-defaults.ts';
import { foldEpochs } from '../study/fold-epochs.ts';
import { addDataOptions } from './data-options.ts';
import { printTableNotes } from './table-notes.ts';
import { decimalNumber } from '../decimal.ts';
import { defaultWorkers, workerRule } from '../worker-limit.ts';
import { foldCount, intFrom, integer, metricName, pathValue, positiveInt, positiveUpTo, samplerName, workerCount } from './options.ts';
import { budgetOf, outcome } from './search-outcome.ts';
import { openStudy, warn, type Flags } from './search-open.ts';
import { runInterruptibly } from './search-run.ts';
import { decisionRule } from './train-model.ts';

type StudyDone = Extract<SearchEvent, { type: 'study-done' }>;

type Say = (text: string) => void;


/**
 * Runs the rounds (journalled, with a progress display; Ctrl-C stops them), then the honesty check, which under a budget
 * stops between epochs once its share of the time left has passed (see `recheckShare`). The caller closes the executor.
 */
async function searchAndRecheck(run: StartedStudy, json: boolean, say: Say, end: number): Promise<{ done: StudyDone | undefined; rechecks: Recheck[]; searched: number }> {
  const { settings } = run;
  const record = recorder(run.storage);
  const display = progress({
    ...(!roundsUntilBudget(settings) && { total: settings.rounds * settings.trials, rounds: settings.rounds }),
    ...(settings.budget !== undefined && { budgetSeconds: budgetSeconds(settings.budget, '--budget') * searchShare }),
    direction: run.direction,
    tty: !json && process.stderr.isTTY === true, write: say,
  });
  let done: StudyDone | undefined;
  let rechecks: Recheck[] = [];
  try {
    done = await runInterruptibly(
      (stop) => record.guard(studySearch(run, stop)),
      { next: (event) => { record.next(event); display.next(event); }, say: (text) => process.stderr.write(`\n${text}\n`) },
    );
    await record.flush();
  } finally {
    display.stop();
  }
  const searched = performance.now();
  const ranked = rankedTrials(done?.trials ?? [], run.direction);
  const { rungs } = prunerOf(settings);
  if (ranked.length > 0 && settings.recheck > 0 && rungs.length > 1) {
    // Under a pruner the honesty check is its top rung: those trials already trained every epoch.
    rechecks = topRung(ranked, rungs[0]!, settings.recheck, run.direction);
  } else if (ranked.length > 0 && settings.recheck > 0 && done) {
    say(`honesty check: retraining the ${Math.min(settings.recheck, ranked.length)} best configurations for ${settings.finalEpochs} epochs\n`);
    rechecks = await recheckStudy(run, ranked, Number.isFinite(end) ? Date.now() + (end - Date.now()) * recheckShare : undefined);
  }
  return { done, rechecks, searched };
}

/** The chosen trial's checkpoint (under a pruner, where its last rung left it), for a final network to start from. */
async function warmStartOf(run: StartedStudy, chosen: ScoredTrial): Promise<{ warmStart?: Uint8Array }> {
  const checkpoint = await run.storage.checkpoint(chosen);
  return checkpoint === undefined ? {} : { warmStart: Buffer.from(checkpoint, 'base64') };
}

/** The study's first line: where it is, what it runs, on what, where. */
function headline(run: StartedStudy): string {
  const { settings: s, resumed } = run;
  const { name, rungs } = prunerOf(s);
  const epochs = rungs.length > 1 ? `up to ${s.epochs} epochs (${name} at ${rungs.join(', ')})` : `${s.epochs} epochs`;
  const rounds = roundsUntilBudget(s) ? 'rounds until the budget is spent' : `${s.rounds} rounds`;
  return `study ${run.study.study} in ${run.storage.where}: ${rounds} × ${s.trials} trials of ${epochs}${s.budget ? ` within ${s.budget}` : ''} on ` +
    `${run.data.trial.train.y.length} training rows of ${s.dataset}, ${run.started.description}${resumed.length ? `, ${resumed.length} trials from the journal` : ''}` +
    `${run.decision ? `; ${decisionText(run.decision)}` : ''}\n`;
}

async function runSearch(flags: Flags, command: Command): Promise<void> {
  // The budget's end is on the wall clock, which worker threads share (their `performance.now()` starts with them).
  const startedAt = Date.now();
  const clock = phaseClock();
  const say: Say = (text) => !flags.json && process.stdout.write(text);
  const opened = await openStudy(flags, command);
  try {
    await searchStudy(opened, flags, { startedAt, clock }, say);
  } finally {
    await opened.storage.close();
  }
}

/** Tells the handover on stderr and records it; a record that fails is a warning: the handover informs the report only. */
const handedOverTo = (storage: StudyStorage) => (trial: Parameters<typeof handoverOf>[0]) => {
  const handover = handoverOf(trial);
  warn(handoverLine(handover));
  storage.recordHandover(handover).catch((error: unknown) => warn(`${storage.where}: the handover was not recorded: ${(error as Error).message}`));
};

async function searchStudy(opened: OpenedStudy, flags: Flags, { startedAt, clock }: { startedAt: number; clock: PhaseClock }, say: Say): Promise<void> {
  const run = await startStudy(opened, {
    ...executorSpec(flags.executor), workers: flags.workers, trialTimeout: flags.trialTimeout, warn,
    ...(flags.heartbeatGrace !== undefined && { heartbeatGrace: flags.heartbeatGrace }),
    handedOver: handedOverTo(opened.storage),
  });
  // A study in a database writes only its report and model here; a file study's directory exists already.
  makeDirectory(run.out);
  clock.mark('load');
  printTableNotes(run.data.splits);
  say(headline(run));
  const end = run.settings.budget === undefined ? Infinity : startedAt + budgetSeconds(run.settings.budget, '--budget') * 1000;
  try {
    await searchAndFinish(run, flags, say, clock, end);
  } finally {
    await run.started.executor.close();
  }
}

async function searchAndFinish(run: StartedStudy, flags: Flags, say: Say, clock: PhaseClock, end: number): Promise<void> {
  const { done, rechecks, searched: trialsEnded } = await searchAndRecheck(run, flags.json === true, say, end);
  clock.mark('trials', trialsEnded);
  clock.mark('recheck');
  if (!done) throw new Error(interrupted(run));
  const spent = spentOn(done.trials);
  const budget = budgetOf(run, done, spent);
  const searched = `${clock.elapsed().toFixed(0)} s`;
  if (budget) say(`${done.budget ? `the budget of ${budget.limit} ended the search after ${searched}` : `the search ended in ${searched}, within its budget of ${budget.limit}`}: ` +
    `${spent.trials} trials ended (${spent.pruned} pruned, ${spent.failed} failed), ${spent.epochs} epochs trained, in ${budget.rounds} rounds\n`);
  const { name, rungs } = prunerOf(run.settings);
  const pruned = rungs.length > 1 ? { fewEpochs: rungs[0]!, pruner: { name, rungs: [...rungs] } } : {};
  const input = {
    command: commandLine(), settings: run.settings, ...(run.decision && { defaults: decisionText(run.decision) }), dataset: studyDataset(run.settings, run.data), trials: done.trials, rounds: done.rounds,
    sampler: run.study.sampler ?? samplerRecord(run.settings), budget, ...pruned, handovers: await run.storage.handovers(),
  };
  if (!done.best) {
    await writeStudyReport(run.out, buildStudyReport(input));
    if (done.trials.length === 0) throw new Error(`the budget of ${run.settings.budget} ended before any trial was scored; give a longer --budget`);
    throw new Error(`all ${done.trials.length} trials failed; see ${run.storage.peers ? run.storage.where : join(run.out, 'trials.jsonl')}`);
  }
  const chosen = finalChoice(done.best, rechecks, run.direction);
  const networks = run.settings.ensemble === 1 ? '' : ` as ${run.settings.ensemble} networks with their own seeds`;
  say(run.settings.refit === true
    ? `refitting the chosen configuration (round ${chosen.round}, index ${chosen.index})${networks} on all ${run.data.rows.y.length} training rows for the folds' best epoch count\n`
    : `retraining the chosen configuration (round ${chosen.round}, index ${chosen.index})${networks} for up to ${run.settings.finalEpochs} epochs, stopping early\n`);
  let decision: StudyDecision | undefined;
  const pool = await finalWorkers(run);
  let final: FinalTest;
  try {
    final = await finalTest(chosen, run.data, run.settings.finalEpochs, run.settings.metric, {
      members: run.settings.ensemble, pool: pool.lanes, ...(await warmStartOf(run, chosen)),
      ...(run.settings.refit === true && {
        // The folds' retraining may take half of the time left, the refit the rest.
        refit: await foldEpochs(run.task, chosen, run.settings.finalEpochs, Date.now() + (end - Date.now()) / 2),
      }),
      ...(run.settings.decision && { decision: run.settings.decision }),
      // The budget covers the whole study: the final training goes on until it is spent (see `searchShare`).
      ...(Number.isFinite(end) && { until: end - reportReserve(budgetSeconds(run.settings.budget!, '--budget'), clock.accounting().load) * 1000 }),
      keep: (model, how, metrics) => {
        saveStudyModel(run.out, model, run.data, { dataset: run.settings.dataset, test: metrics, ...how });
        if (run.settings.decision) decision = { rule: how.decision, before: how.before, after: how.after };
      },
    });
  } finally {
    await pool.close();
  }
  clock.mark('final');
  const withTime = budget && { ...budget, final: final.ended, seconds: clock.accounting() };
  const refitText = final.refit ? `; the final model trained on all ${final.refit.rows} training rows for ${final.refit.epochs} epochs, the folds' best` : '';
  const report = buildStudyReport({
    ...input, ...(input.defaults !== undefined && { defaults: `${input.defaults}${refitText}` }), budget: withTime, test: final.test, rechecks, chosen, final,
    ...(decision && { decision }),
  });
  await writeStudyReport(run.out, report, { seconds: clock.elapsed() });
  clock.mark('report');
  process.stdout.write(outcome(run, done, chosen, final, report, clock.accounting(), flags.json === true));
}

/** What to say when Ctrl-C stopped the search: where its trials are and how to go on. */
function interrupted(run: StartedStudy): string {
  if (run.storage.peers) return `interrupted; finished trials are in ${run.storage.where}. Continue with the same --storage and --study`;
  return `interrupted; finished trials are in ${join(run.out, 'trials.jsonl')}. Continue with: skewtune search --out ${run.out} --resume`;
}

/** `skewtune search`: the four-step random search of MLP hyperparameters, journalled and resumable. */
export function searchCommand(): Command {
  const command = new Command('search').description('random search of MLP hyperparameters, narrowing the ranges round by round');
  addDataOptions(command, false);
  return command
    .option('--config <file>', 'JSON settings: these options by name (camelCase) and "params", the search space', pathValue)
    .option('--rounds <n>', `rounds of sampling (default ${d.rounds}; with --budget, as many as it allows)`, intFrom(1, limits.rounds))
    .option('--sampler <name>', `how each round is planned from the trials before it (default ${d.sampler}): ${samplerNames.join(', ')}`, samplerName)
    .option('--trials <n>', `trials per round (default ${d.trials})`, intFrom(1, limits.trials))
    .option('--epochs <n>', `the most epochs a trial trains (default ${d.epochs})`, intFrom(1, trainLimits.epochs.max))
    .option('--pruner <name>', `stops unpromising trials at rungs: ${prunerNames().join(', ')} (default ${defaultPruner}; none when --epochs is --min-epochs)`)
    .option('--min-epochs <n>', `epochs of the first rung (default ${d.minEpochs})`, intFrom(1, trainLimits.epochs.max))
    .option('--reduction <eta>', `halving keeps the best 1/eta of a round at each rung, whose epochs grow eta-fold (default ${d.reduction})`, decimalNumber)
    .option('--budget <duration>', 'the whole study\'s time (45s, 30m, 2h): trials in its first half, then the final training until it is spent; without --rounds, rounds go on until the first half is spent')
    .option('--final-epochs <n>', `the most epochs the chosen configuration retrains before the test, stopping early on validation (default ${d.finalEpochs})`, intFrom(1, trainLimits.epochs.max))
    .option('--ensemble <n>', `networks of the chosen configuration the final model averages, each retrained with its own seed; one joins only if the average scores no worse on validation (default ${d.ensemble}; 1 for one network)`, intFrom(1, limits.ensemble))
    .option('--recheck <n>', `best configurations retrained for --final-epochs to check the few-epoch ranking (default ${d.recheck}; 0 skips)`, intFrom(0, limits.repeats))
    .option('--trial-subset <rows>', `train trials on a stratified subset of this many rows of the training split (default ${d.trialSubset}; all of it when smaller)`, positiveInt)
    .option('--metric <name>', `validation score of a trial, its best epoch's (default ${d.metric}; macroF1 when the training split's classes are skewed 3:1 or more): ${[...metricNames, ...metricForms].join(', ')}`, metricName)
    .option('--cv <k>', 'score each trial by stratified K-fold cross-validation of its training rows (K >= 2), the mean over folds', foldCount)
    .option('--refit', 'score trials by K-fold CV over the training and validation rows, then train the final model on all of them for the folds\' best epoch count (default: when a --test file is given or the table has at most 5,000 training rows)')
    .option('--no-refit', 'score trials on the validation split, and stop the final training early on it, whatever the table\'s size')
    .option('--repeats <n>', `with --cv: deal the K folds this many times, each with its own seed (default ${defaultRepeats})`, intFrom(1, limits.repeats))
    .option('--decision <rule>', `the final model's decision rule, fitted on validation: ${decisionRuleNames.join(', ')} (default argmax; tuned maximises --metric)`, decisionRule)
    .option('--workers <n>', `trials run at once, each on a worker thread (default: one a core; at most ${workerRule})`, workerCount, defaultWorkers())
    .option('--trial-timeout <seconds>', 'a trial running longer is abandoned and recorded as failed', positiveUpTo(limits.trialTimeout))
    .option('--heartbeat-grace <seconds>', `a distributed trial whose worker stops beating this long goes to another worker, whatever --trial-timeout says (default ${defaultHeartbeatGrace})`, intFrom(5, 3600))
    .option('--executor <name>', `where trials run: local (worker threads), or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE for skewtune workers (default: $${databaseVariable} if set, else local)`)
    .option('--seed <n>', `seed of the study: splits, samples and every trial (default ${d.seed})`, integer)
    .option('--storage <url>', 'keep the study in PostgreSQL (postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE) rather than --out, so processes anywhere running the same --storage and --study are peers on it; see docs/storage.md')
    .option('--study <name>', 'with --storage: the study\'s name there; made if new, joined if it exists')
    .option('--out <dir>', 'study directory (default runs/search-SEED-TIME); with --storage, where the report and the model go', pathValue)
    .option('--resume', 'continue the study in --out, skipping the trials it recorded')
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action((flags: Flags, cmd: Command) => runSearch(flags, cmd));
}
