import { Command, CommanderError } from 'commander';
import { receipt } from '../report/receipt.ts';
import { compareCommand } from './compare.ts';
import { dashboardCommand } from './dashboard.ts';
import { datasetsCommand } from './datasets.ts';
import { predictCommand } from './predict.ts';
import { errorLine, oneLine } from './error-line.ts';
import { reportCommand } from './report.ts';
import { resampleCommand } from './resample.ts';
import { searchCommand } from './search.ts';
import { trainCommand } from './train.ts';
import { workerCommand } from './worker.ts';

/** `skewtune --version`: the version, then what a bug report needs (commit, Node, kernels). */
function versionText(): string {
  const r = receipt();
  return `skewtune ${r.skewtune} (${r.commit ? `commit ${r.commit.slice(0, 12)}, ` : ''}node ${r.node}, kernels ${r.kernels})`;
}

/** Builds the `skewtune` program; each command lives in its own file. */
function program(): Command {
  const root = new Command('skewtune')
    .description('Tune multi-layer perceptrons on class-imbalanced data.')
    .version(versionText(), '--version', 'print the version, commit, Node version and kernel backend')
    .option('--debug', 'print stack traces of errors')
    .addCommand(trainCommand())
    .addCommand(compareCommand())
    .addCommand(dashboardCommand())
    .addCommand(datasetsCommand())
    .addCommand(resampleCommand())
    .addCommand(predictCommand())
    .addCommand(reportCommand())
    .addCommand(searchCommand())
    .addCommand(workerCommand());
  // Usage errors become one line in the house style, and an exit code main() decides.
  for (const command of [root, ...root.commands]) {
    command.exitOverride().configureOutput({
      outputError: (text, write) => write(`skewtune: ${oneLine(text.replace(/^error: /, ''))}\n`),
    });
  }
  return root;
}

/**
 * Runs the command line and returns the exit code: 0 success, 1 a run that failed,
 * 2 bad usage or bad input. Errors are one line on stderr; stacks only with --debug.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const debug = argv.includes('--debug');
  // `skewtune train --save m.skt | head -1`: the reader went away. Node's unhandled EPIPE ended the
  // run with a stack, the model unsaved; now what is left to print is dropped and the run finishes.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      stream.write = (() => true) as typeof stream.write;
    });
  }
  const report = (error: unknown): number => {
    const { text, code } = errorLine(error);
    process.stderr.write(`skewtune: ${text}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return code;
  };
  // An error thrown outside the command's promise (a stream's 'error' event, a timer) still ends
  // the process with one line, not Node's stack.
  const escaped = (error: unknown) => process.exit(report(error));
  process.on('uncaughtException', escaped);
  process.on('unhandledRejection', escaped);
  try {
    await program().parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has printed its usage errors already.
    if (error instanceof CommanderError) return errorLine(error).code;
    return report(error);
  } finally {
    process.off('uncaughtException', escaped);
    process.off('unhandledRejection', escaped);
  }
}
