import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../errors.ts';
import { renderCharts } from '../report/chart.ts';
import { renderComparison, type ComparisonReport } from '../report/comparison.ts';
import { renderStudy, type StudyReport } from '../report/study.ts';
import { writeReport } from '../report/write.ts';
import { readJsonFile } from '../files/json-text.ts';
import { lockStudy } from '../search/study-lock.ts';
import { fileStorage } from '../storage/file-storage.ts';
import { buildStudyReport, studyDataset, writeStudyReport } from '../study/report.ts';
import { isEnded } from '../search/trial.ts';
import { samplerRecord } from '../study/sampler.ts';
import { parseSettings, prunerOf, resolveSettings } from '../study/settings.ts';
import { taskData, taskOf } from '../study/task.ts';
import { pathValue } from './options.ts';

const renderers = {
  comparison: (json: unknown) => renderComparison(json as ComparisonReport),
  study: (json: unknown) => renderStudy(json as StudyReport),
};

/** Renders a report's markdown and charts from the numbers in its report.json. */
async function rerender(dir: string, path: string): Promise<void> {
  const json = readJsonFile(path, 'a report');
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new InputError(`${path}: a report is a JSON object, but got ${JSON.stringify(json).slice(0, 40)}`);
  const given = (json as { kind?: unknown }).kind;
  const kind = typeof given === 'string' && Object.hasOwn(renderers, given) ? (given as keyof typeof renderers) : undefined;
  if (!kind) throw new InputError(`${path}: unknown report kind ${JSON.stringify(given ?? null)}; expected one of ${Object.keys(renderers).map((k) => `"${k}"`).join(', ')}`);
  let rendered;
  try {
    rendered = renderers[kind](json);
  } catch (error) {
    // The renderers trust what the tool wrote; a hand-edited or truncated report.json lacks what they read.
    throw new InputError(`${path}: not a complete ${kind} report (${(error as Error).message})`);
  }
  const { markdown, charts } = rendered;
  writeReport(dir, { markdown, json, charts: await renderCharts(charts) });
}

/**
 * A study that has no report yet (interrupted, or made before reports): its
 * report from study.json and trials.jsonl alone, without the test result and the honesty
 * check, which only the search itself runs. The data are loaded to name their classes and hash.
 */
async function reportJournal(dir: string): Promise<void> {
  const storage = fileStorage(dir);
  // Reading only: a torn last line is left for the study's own --resume to repair.
  const { study, trials } = await storage.read({ repair: false });
  const settings = resolveSettings({}, parseSettings(study.config, `${join(dir, 'study.json')}: config`));
  const data = taskData(taskOf(settings));
  const command = `skewtune search --config FILE --out DIR, FILE holding the "config" field of ${join(dir, 'study.json')}`;
  // The pruner as study.json records it: its options rebuild its rungs.
  const rungs = study.pruner ? prunerOf(settings).rungs : [];
  const pruner = study.pruner && rungs.length > 1 ? { pruner: { name: study.pruner.name, rungs: [...rungs] } } : {};
  await writeStudyReport(dir, buildStudyReport({
    command, settings, dataset: studyDataset(settings, data), trials: trials.filter(isEnded), rounds: study.rounds,
    sampler: study.sampler ?? samplerRecord(settings), ...pruner, handovers: await storage.handovers(),
  }));
}

/** `skewtune report DIR`: re-renders the markdown report of a study or comparison from its report.json, or a study's from its journal. */
export function reportCommand(): Command {
  return new Command('report')
    .description('re-render the markdown report of a comparison or study directory from its report.json (a study without one: from its journal)')
    .argument('<dir>', 'the report or study directory', pathValue)
    .option('--json', 'print one JSON object on stdout and nothing else: { "report", "from" }')
    .action(async (dir: string, flags: { json?: boolean }) => {
      if (existsSync(dir) && !statSync(dir).isDirectory()) throw new InputError(`${dir}: is a file, but a report or study directory is needed`);
      const path = join(dir, 'report.json');
      // A study being written by a search (or its --resume) is refused, naming the holder: that search
      // writes its own report when it ends, and a report from its journal written after that would replace it.
      if (existsSync(join(dir, 'study.json'))) lockStudy(dir, (text) => process.stderr.write(`${text}\n`));
      let from: 'report.json' | 'journal';
      if (existsSync(path)) {
        await rerender(dir, path);
        from = 'report.json';
      } else if (existsSync(join(dir, 'study.json'))) {
        await reportJournal(dir);
        from = 'journal';
      } else throw new InputError(`${dir}: neither report.json nor study.json there (is it a report or study directory?)`);
      const report = join(dir, 'README.md');
      process.stdout.write(flags.json ? `${JSON.stringify({ report: resolve(report), from })}\n` : `${report}\n`);
    });
}
