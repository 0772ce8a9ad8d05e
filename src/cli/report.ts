import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { InputError } from '../errors.ts';
import { renderCharts } from '../report/chart.ts';
import { renderComparison, type ComparisonReport } from '../report/comparison.ts';
import { writeReport } from '../report/write.ts';

/** Renders a report's markdown and charts from the numbers in its report.json. */
async function rerender(dir: string): Promise<void> {
  const path = join(dir, 'report.json');
  if (!existsSync(path)) throw new InputError(`${path}: no such file (is ${dir} a report directory?)`);
  let json: { kind?: unknown; timing?: unknown };
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as typeof json;
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  if (json.kind !== 'comparison') throw new InputError(`${path}: unknown report kind ${JSON.stringify(json.kind)}; expected "comparison"`);
  const { markdown, charts } = renderComparison(json as unknown as ComparisonReport);
  writeReport(dir, { markdown, json, charts: await renderCharts(charts) });
}

/** `skewtune report DIR`: re-renders the markdown report of a study or comparison from its journal. */
export function reportCommand(): Command {
  return new Command('report')
    .description('re-render the markdown report of a comparison or study directory from its report.json')
    .argument('<dir>', 'the report directory')
    .action(async (dir: string) => {
      await rerender(dir);
      process.stdout.write(`${join(dir, 'README.md')}\n`);
    });
}
