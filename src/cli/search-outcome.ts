import { join } from 'node:path';
import type { StudyReport } from '../report/study-types.ts';
import type { SearchEvent } from '../search/events.ts';
import type { ScoredTrial } from '../search/trial.ts';
import type { FinalTest } from '../study/final-model.ts';
import { studyModelFile } from '../study/model-file.ts';
import { spentOn, type Spent } from '../study/spent.ts';
import type { StartedStudy } from '../study/start.ts';

type StudyDone = Extract<SearchEvent, { type: 'study-done' }>;

/** The budget as --json and the report tell it: whether it ended the search and how it was spent; null without one. */
export function budgetOf(run: StartedStudy, done: StudyDone, spent: Spent) {
  return run.settings.budget === undefined ? null : { limit: run.settings.budget, ended: done.budget, rounds: done.rounds.length, ...spent };
}

/** Seconds spent loading the data, running the trials, rechecking, in the final training (with its test and the report), and in all. */
export type Timing = Record<'load' | 'trials' | 'recheck' | 'final' | 'total', number>;

/** Marks (`performance.now()`) between the study's phases as seconds, rounded to tenths. */
export function timingOf(started: number, loaded: number, searched: number, rechecked: number, finished: number): Timing {
  const s = (from: number, to: number) => Math.round((to - from) / 100) / 10;
  return { load: s(started, loaded), trials: s(loaded, searched), recheck: s(searched, rechecked), final: s(rechecked, finished), total: s(started, finished) };
}

/** The final model's networks as a phrase: "" for one network, else how many it averages of how many trained. */
function networks(final: FinalTest): string {
  const kept = final.members.filter((m) => m.kept).length;
  if (final.members.length === 1) return '';
  return ` (the average of ${kept} of ${final.members.length} networks; each alone ${final.members.map((m) => m.test.toFixed(4)).join(', ')})`;
}

/** The outcome: one JSON object with --json, else a line; `best` is the configuration the final training retrained. */
export function outcome(run: StartedStudy, done: StudyDone, best: ScoredTrial, final: FinalTest, report: StudyReport, seconds: Timing, json: boolean): string {
  const { test } = final;
  const failed = report.counts.failed;
  const spent = spentOn(done.trials);
  if (json) {
    const { params, score, last, round, index, seed } = best;
    return `${JSON.stringify({
      best: { params, score, last, round, index, seed, epoch: final.epoch, epochs: final.epochs }, test, trials: done.trials.length, failed,
      rounds: done.rounds, out: run.out, study: run.study.study, spearman: report.recheck?.spearman ?? null,
      pruned: spent.pruned, epochs: spent.epochs, budget: budgetOf(run, done, spent), model: join(run.out, studyModelFile), seconds,
      ensemble: { validation: final.validation, members: final.members },
      defaults: run.study.defaults ?? null, refit: final.refit ?? null,
      ...(report.dataset.table && { table: report.dataset.table }),
    })}\n`;
  }
  return `chosen configuration's validation ${run.settings.metric} ${best.score.toFixed(4)}; test accuracy ${test.accuracy.toFixed(4)}, macro-F1 ${test.macroF1.toFixed(4)}${networks(final)}; ` +
    `${done.trials.length} trials, ${spent.pruned} pruned, ${failed} failed, ${spent.epochs} epochs; ` +
    `${seconds.total} s (data ${seconds.load}, trials ${seconds.trials}, recheck ${seconds.recheck}, final training ${seconds.final}${final.timeUp ? ', stopped by the budget' : ''}); report in ${join(run.out, 'README.md')}, model in ${join(run.out, studyModelFile)}\n`;
}
