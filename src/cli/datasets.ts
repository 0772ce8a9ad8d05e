import { Command } from 'commander';
import { datasetEntries } from '../../datasets/registry.ts';

/** `skewtune datasets`: lists the dataset specs `--dataset` accepts. */
export function datasetsCommand(): Command {
  return new Command('datasets')
    .description('list the named datasets')
    .option('--json', 'print one JSON object')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ datasets: datasetEntries.map(({ form, description }) => ({ form, description })) })}\n`);
        return;
      }
      const width = datasetEntries.reduce((w, e) => Math.max(w, e.form.length), 0);
      for (const e of datasetEntries) process.stdout.write(`${e.form.padEnd(width)}  ${e.description}\n`);
    });
}
