import { Command } from 'commander';
import { lastValueFrom, tap } from 'rxjs';
import { resolveStrategy } from '../../strategies/registry.ts';
import type { Metrics } from '../metrics/classification.ts';
import { train, type EpochRecord, type TrainEvent } from '../nn/trainer.ts';
import { kernelBackend } from '../tensor/backend.ts';
import { describeSplits, loadSplits, type DataOptions } from '../study/data.ts';
import { addDataOptions } from './data-options.ts';
import { printTableNotes } from './table-notes.ts';
import { writeTestPredictions } from './test-predictions.ts';
import { pathValue } from './options.ts';
import { checkOutputFile } from './output-file.ts';
import { addTrainOptions, trainConfigFrom, type TrainOptions } from './train-options.ts';
import { checkObjectiveClass } from '../metrics/objectives.ts';
import { addModelOptions, checkSavePath, decideAndSave, decisionText, type ModelOptions } from './train-model.ts';

interface Options extends DataOptions, TrainOptions, ModelOptions {
  strategy: string;
  predictions?: string;
  json?: boolean;
}

const fixed = (x: number | null, digits = 4) => (x === null ? '—' : x.toFixed(digits));

function epochLine(r: EpochRecord, epochs: number): string {
  return `epoch ${r.epoch}/${epochs}  loss ${fixed(r.loss)}  train acc ${fixed(r.trainAccuracy)}  ` +
    `val loss ${fixed(r.valLoss)}  val acc ${fixed(r.valAccuracy)}  (${r.seconds.toFixed(1)}s)\n`;
}

function metricsText(m: Metrics): string {
  const head = `test accuracy ${fixed(m.accuracy)}  balanced accuracy ${fixed(m.balancedAccuracy)}  ` +
    `macro-F1 ${fixed(m.macroF1)}  G-mean ${fixed(m.gmean)}\n`;
  const width = m.perClass.reduce((w, c) => Math.max(w, c.class.length), 5);
  const rows = m.perClass.map((c) =>
    `${c.class.padEnd(width)}  ${fixed(c.precision)}     ${fixed(c.recall)}  ${fixed(c.f1)}  ${c.support}\n`);
  return `${head}${'class'.padEnd(width)}  precision  recall  f1      support\n${rows.join('')}`;
}

/** `skewtune train`: trains one MLP and reports its test metrics. */
export function trainCommand(): Command {
  const command = new Command('train').description('train one MLP and evaluate it on the test split');
  addDataOptions(command);
  addTrainOptions(command);
  addModelOptions(command);
  return command
    .option('--strategy <name>', 'data strategy, or several joined with + (see docs/strategies.md)', 'none')
    .option('--predictions <file>', 'write the test rows\' predictions and probabilities, as predict --proba writes them', pathValue)
    .option('--json', 'print one JSON object on stdout and nothing else')
    .action(async (options: Options) => {
      const strategy = resolveStrategy(options.strategy);
      checkSavePath(options.save, options.dataset);
      if (options.predictions !== undefined) checkOutputFile(options.predictions, '--predictions', 'test-predictions.csv');
      const config = trainConfigFrom(options);
      const splits = loadSplits(options, options.seed);
      printTableNotes(splits);
      checkObjectiveClass(options.metric, splits.train.classNames, splits.source);
      const out = (text: string) => !options.json && process.stdout.write(text);
      out(`${splits.source}: ${splits.train.y.length} train, ${splits.validation.y.length} validation, ${splits.test.y.length} test examples, ${splits.train.classNames.length} classes\n`);
      const started = performance.now();
      const done = await lastValueFrom(
        strategy(train)({ train: splits.train, validation: splits.validation }, config).pipe(
          tap((event: TrainEvent) => event.type === 'epoch' && out(epochLine(event, config.epochs))),
        ),
      );
      if (done.type !== 'done') throw new Error('training ended without a model');
      const { test, decision, probabilities } = decideAndSave(done.model, splits, options, config);
      if (options.predictions !== undefined) writeTestPredictions(options.predictions, probabilities, splits.train.classNames);
      const seconds = (performance.now() - started) / 1000;
      if (options.json) {
        const history = done.history.map(({ epoch, loss, trainAccuracy, valLoss, valAccuracy, steps, seconds: s }) =>
          ({ epoch, loss, trainAccuracy, valLoss, valAccuracy, steps, seconds: s }));
        // maxRSS is in KiB: the process's peak resident memory, loading included.
        const peakMemoryMB = Math.round(process.resourceUsage().maxRSS / 1024);
        // The kernels' build: the relaxed-SIMD one may differ from the others in the last bits.
        const report = { test, history, seconds, peakMemoryMB, kernels: kernelBackend(), config, strategy: options.strategy, dataset: describeSplits(splits), decision };
        process.stdout.write(`${JSON.stringify(report)}\n`);
      } else {
        out(metricsText(test));
        out(decisionText(decision, options.save));
      }
    });
}
