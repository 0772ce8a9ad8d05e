import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../errors.ts';
import { renderCharts } from '../report/chart.ts';
import { renderComparison, type ComparisonReport } from '../report/comparison.ts';
import { renderStudy, type StudyReport } from '../report/study.ts';
import { writeReport } from '../report/write.ts';
import { readStudy } from '../search/journal.ts';
import { buildStudyReport, studyDataset, writeStudyReport } from '../study/report.ts';
import { parseSettings, resolveSettings } from '../study/settings.ts';
import { taskData, taskOf } from '../study/task.ts';

const renderers = {
  comparison: (json: unknown) => renderComparison(json as ComparisonReport),
  study: (json: unknown) => renderStudy(json as StudyReport),
};

/** Renders a report's markdown and charts from the numbers in its report.json. */
async function rerender(dir: string, path: string): Promise<void> {
  let json: { kind?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as typeof json;
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  const kind = typeof json.kind === 'string' && Object.hasOwn(renderers, json.kind) ? (json.kind as keyof typeof renderers) : undefined;
  if (!kind) throw new InputError(`${path}: unknown report kind ${JSON.stringify(json.kind)}; expected one of ${Object.keys(renderers).map((k) => `"${k}"`).join(', ')}`);
  const { markdown, charts } = renderers[kind](json);
  writeReport(dir, { markdown, json, charts: await renderCharts(charts) });
}

/**
 * A study that has no report yet (still running, interrupted, or made before reports): its
 * report from study.json and trials.jsonl alone, without the test result and the honesty
 * check, which only the search itself runs. The data are loaded to name their classes and hash.
 */
async function reportJournal(dir: string): Promise<void> {
  // A study may still be running: read its journal without repairing it.
  const { study, trials } = readStudy(dir, { repair: false });
  const settings = resolveSettings({}, parseSettings(study.config, `${join(dir, 'study.json')}: config`));
  const data = taskData(taskOf(settings));
  const command = `skewtune search --config FILE --out DIR, FILE holding the "config" field of ${join(dir, 'study.json')}`;
  await writeStudyReport(dir, buildStudyReport({ command, settings, dataset: studyDataset(settings, data), trials, rounds: study.rounds }));
}

/** `skewtune report DIR`: re-renders the markdown report of a study or comparison from its report.json, or a study's from its journal. */
export function reportCommand(): Command {
  return new Command('report')
    .description('re-render the markdown report of a comparison or study directory from its report.json (a study without one: from its journal)')
    .argument('<dir>', 'the report or study directory')
    .action(async (dir: string) => {
      const path = join(dir, 'report.json');
      if (existsSync(path)) await rerender(dir, path);
      else if (existsSync(join(dir, 'study.json'))) await reportJournal(dir);
      else throw new InputError(`${dir}: neither report.json nor study.json there (is it a report or study directory?)`);
      process.stdout.write(`${join(dir, 'README.md')}\n`);
    });
}
