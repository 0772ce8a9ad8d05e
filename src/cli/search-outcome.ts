import { join } from 'node:path';
import type { StudyReport } from '../report/study-types.ts';
import type { SearchEvent } from '../search/events.ts';
import type { ScoredTrial } from '../search/trial.ts';
import type { FinalTest } from '../study/final-model.ts';
import { studyModelFile } from '../study/model-file.ts';
import { spentOn, type Spent } from '../study/spent.ts';
import type { Accounting } from '../study/phase-clock.ts';
import type { StartedStudy } from '../study/start.ts';

type StudyDone = Extract<SearchEvent, { type: 'study-done' }>;

/** The budget as --json and the report tell it: whether it ended the search and how it was spent; null without one. */
export function budgetOf(run: StartedStudy, done: StudyDone, spent: Spent) {
  return run.settings.budget === undefined ? null : { limit: run.settings.budget, ended: done.budget, rounds: done.rounds.length, ...spent };
}

/** Why the final training ended, as the outcome line says it. */
const finalEnd: Record<FinalTest['ended'], string> = {
  networks: '', budget: '; the final training ran to the budget\'s end', converged: '; the final training ended early: every network stopped on its own and more no longer raised validation',
};

/** The final model's networks as a phrase: "" for one network, else how many it averages of how many trained. */
function networks(final: FinalTest): string {
  const kept = final.members.filter((m) => m.kept).length;
  if (final.members.length === 1) return '';
  return ` (the average of ${kept} of ${final.members.length} networks; each alone ${final.members.map((m) => m.test.toFixed(4)).join(', ')})`;
}

/** The outcome: one JSON object with --json, else a line; `best` is the configuration the final training retrained. */
export function outcome(run: StartedStudy, done: StudyDone, best: ScoredTrial, final: FinalTest, report: StudyReport, seconds: Accounting, json: boolean): string {
  const { test } = final;
  const failed = report.counts.failed;
  const spent = spentOn(done.trials);
  if (json) {
    const { params, score, last, round, index, seed } = best;
    return `${JSON.stringify({
      best: { params, score, last, round, index, seed, epoch: final.epoch, epochs: final.epochs }, test, trials: done.trials.length, failed,
      rounds: done.rounds, out: run.out, study: run.study.study, spearman: report.recheck?.spearman ?? null,
      pruned: spent.pruned, epochs: spent.epochs, budget: report.budget ?? null, model: join(run.out, studyModelFile), seconds,
      ensemble: { validation: final.validation, members: final.members, ended: final.ended },
      defaults: run.study.defaults ?? null, refit: final.refit ?? null,
      ...(report.dataset.table && { table: report.dataset.table }),
    })}\n`;
  }
  return `chosen configuration's validation ${run.settings.metric} ${best.score.toFixed(4)}; test accuracy ${test.accuracy.toFixed(4)}, macro-F1 ${test.macroF1.toFixed(4)}${networks(final)}; ` +
    `${done.trials.length} trials, ${spent.pruned} pruned, ${failed} failed, ${spent.epochs} epochs; ` +
    `${seconds.total} s (data ${seconds.load}, trials ${seconds.trials}, recheck ${seconds.recheck}, final training ${seconds.final} on ${(seconds.cpu.final / Math.max(seconds.final, 0.1)).toFixed(1)} cores, ` +
    `report ${seconds.report}, idle ${seconds.idle}${finalEnd[final.ended]}); report in ${join(run.out, 'README.md')}, model in ${join(run.out, studyModelFile)}\n`;
}
