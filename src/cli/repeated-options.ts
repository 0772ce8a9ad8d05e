import type { Command } from 'commander';

/**
 * Makes `command` refuse an option that takes a value given twice. Commander keeps the last
 * silently: `predict --keep id --keep name` kept only `name`, `--dataset a.csv … --dataset b.csv`
 * trained on b. A flag without a value (`--json`) may repeat: saying it twice says the same.
 *
 * @example
 * refuseRepeatedOptions(trainCommand()); // train --hidden 8 --hidden 16 → "--hidden is given twice ("8", then "16"); give it once"
 */
export function refuseRepeatedOptions(command: Command): void {
  for (const option of command.options) {
    if (option.isBoolean() || option.variadic) continue;
    let first: string | undefined;
    command.on(`option:${option.name()}`, (value: string) => {
      if (first !== undefined) {
        command.error(`${option.long} is given twice (${JSON.stringify(first)}, then ${JSON.stringify(value)}); give it once`, { exitCode: 2, code: 'skewtune.repeatedOption' });
      }
      first = value;
    });
  }
}
