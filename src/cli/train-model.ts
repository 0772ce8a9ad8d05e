import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { datasetHash } from '../data/hash.ts';
import type { Splits } from '../data/prepare.ts';
import { InputError } from '../errors.ts';
import type { Metrics } from '../metrics/classification.ts';
import type { MetricName } from '../metrics/registry.ts';
import { decide, decisionMetric, type DecisionOutcome } from '../model/decide.ts';
import { decisionRuleNames, type DecisionRuleName } from '../model/decision.ts';
import { saveModel } from '../model/save.ts';
import type { Classifier } from '../nn/model.ts';
import type { TrainConfig } from '../nn/trainer.ts';
import type { Matrix } from '../tensor/matrix.ts';
import { metricName, pathValue } from './options.ts';
import { checkOutputFile } from './output-file.ts';

/** `--save` and `--decision`, as commander parses them. */
export interface ModelOptions {
  save?: string;
  decision: DecisionRuleName;
  /** What a `tuned` rule maximises on validation. */
  metric: MetricName;
  strategy: string;
}

/** A `--decision` value: one of the decision rules. */
export function decisionRule(value: string): DecisionRuleName {
  const found = decisionRuleNames.find((n) => n === value);
  if (!found) throw new InvalidArgumentError(`must be one of ${decisionRuleNames.join(', ')}`);
  return found;
}

/** Adds `--save FILE` and `--decision RULE`. */
export function addModelOptions(command: Command): Command {
  return command
    .option('--save <file>', 'write the trained model to this file (its directory must exist)', pathValue)
    .option('--decision <rule>', `decision rule fitted on validation: ${decisionRuleNames.join(', ')}`, decisionRule, 'argmax')
    .option('--metric <name>', 'what the tuned rule maximises on validation (see search --metric)', metricName, 'macroF1');
}

/** Refuses a --save path that is a directory, whose directory is missing, or that is the dataset's own file, before any training. */
export function checkSavePath(path: string | undefined, dataset: string): void {
  if (path === undefined) return;
  if (dataset.startsWith('csv:') && resolve(dataset.slice(4)) === resolve(path)) {
    throw new InputError(`--save ${path} is the dataset's file; save the model elsewhere`);
  }
  checkOutputFile(path, '--save', 'model.skt');
}


/**
 * Fits the decision rule on validation, scores the test split under it, and saves the model
 * with everything needed to score raw rows when `--save` is given.
 */
export function decideAndSave(
  classifier: Classifier, splits: Splits & { source: string; rawDivisor?: number }, options: ModelOptions, config: TrainConfig,
): { test: Metrics; decision: Omit<DecisionOutcome, 'test' | 'probabilities'>; probabilities: Matrix } {
  const names = splits.train.classNames;
  const { test, probabilities, ...decision } = decide(classifier, splits, options.decision, decisionMetric(options.metric, names));
  if (options.save !== undefined) {
    saveModel(options.save, {
      classifier,
      features: splits.train.featureNames,
      classes: names,
      ...(splits.rawDivisor !== undefined && { divisor: splits.rawDivisor }),
      ...(splits.standardizer && { standardizer: splits.standardizer }),
      ...(splits.encoder && { encoder: splits.encoder }),
      dataset: splits.source,
      fingerprint: datasetHash(splits.train),
      strategy: options.strategy,
      training: config,
      decision: decision.rule,
      test,
      createdBy: 'skewtune train',
    });
  }
  return { test, decision, probabilities };
}

const fixed = (x: number) => x.toFixed(4);

/** The decision rule's line of `train`'s text output: calibration, and what the rule changed on test. */
export function decisionText({ rule, before, after }: Omit<DecisionOutcome, 'test' | 'probabilities'>, saved: string | undefined): string {
  const line = rule.rule === 'argmax'
    ? `calibration: ECE ${fixed(after.ece)}, Brier ${fixed(after.brier)}\n`
    : `${rule.rule} rule (fitted on validation), test argmax → ${rule.rule}: macro-F1 ${fixed(before.metric)} → ${fixed(after.metric)}, ` +
      `ECE ${fixed(before.ece)} → ${fixed(after.ece)}, Brier ${fixed(before.brier)} → ${fixed(after.brier)}\n`;
  return saved === undefined ? line : `${line}saved the model to ${saved}\n`;
}
