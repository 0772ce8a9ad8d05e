import type { Encoder } from '../data/encoder.ts';
import { InputError } from '../errors.ts';
import { checkEncoder } from './encoder-schema.ts';
import { activationNames, type ActivationName } from '../nn/layers/activation.ts';
import type { TensorEntry } from './container.ts';
import { decisionRuleNames, type DecisionRule } from './decision.ts';

/** The network's shape, enough to rebuild it (weights come from the tensors). */
export interface Architecture {
  inputs: number;
  outputs: number;
  hidden: number[];
  activation: ActivationName;
  batchnorm: boolean;
  dropout: number;
}

/** Every step from the source's raw units to the network's input. */
export interface Preprocessing {
  /** Raw values are divided by this first (IDX pixels: 255), or not at all. */
  divisor: number | null;
  /** Then standardised with the tensors `standardize/mean` and `standardize/sd` (fitted on the training split). */
  standardize: boolean;
}

/** The JSON header of a model file, format version 2 (version 1 had no `encoder`; it reads as null). */
export interface ModelHeader {
  architecture: Architecture;
  /** Networks whose probabilities are averaged (bagging), 1 for a single network. */
  members: number;
  preprocessing: Preprocessing;
  /** A CSV table's encoding (version 2): the network then takes its raw columns, by name, through it; null otherwise. */
  encoder: Encoder | null;
  /** The network's input columns (for a table, the encoded ones: `Island=Biscoe`, `Sex (missing)`, …). */
  features: string[];
  classes: string[];
  /** The dataset spec the model was trained on, and the fingerprint of its training split. */
  dataset: string;
  fingerprint: string;
  strategy: string;
  /** The training configuration, as `train --json` prints it. */
  training: Record<string, unknown>;
  decision: DecisionRule;
  /** Test metrics under the decision rule, as `train --json` prints them. */
  test: Record<string, unknown>;
  createdBy: string;
  tensors: TensorEntry[];
}

const maxCount = 1 << 20;
const maxNames = 100_000;

type Check = (value: unknown, field: string) => void;

function fail(path: string, field: string, rule: string, value: unknown): never {
  const shown = JSON.stringify(value);
  throw new InputError(`${path}: model header field "${field}" must be ${rule}, got ${shown === undefined ? 'nothing' : shown.slice(0, 60)}`);
}

function checker(path: string) {
  const is = (ok: (v: unknown) => boolean, rule: string): Check => (v, field) => { if (!ok(v)) fail(path, field, rule, v); };
  const count = (low: number) => is((v) => Number.isInteger(v) && (v as number) >= low && (v as number) <= maxCount, `an integer in [${low}, ${maxCount}]`);
  const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const names = (length: number) => is((v) => Array.isArray(v) && v.length === length && v.length <= maxNames &&
    v.every((s) => typeof s === 'string' && s.length <= 4096) && new Set(v).size === v.length, `${length} distinct strings of at most 4096 characters`);
  const fields = (v: unknown, field: string, allowed: readonly string[]): Record<string, unknown> => {
    if (!object(v)) fail(path, field, 'an object', v);
    for (const key of Object.keys(v)) if (!allowed.includes(key)) fail(path, `${field}${field ? '.' : ''}${key}`, 'absent (unknown field)', v[key]);
    for (const key of allowed) if (!(key in v)) fail(path, `${field}${field ? '.' : ''}${key}`, 'present', undefined);
    return v;
  };
  return { is, count, names, fields, object };
}

const headerFields = ['architecture', 'members', 'preprocessing', 'features', 'classes', 'dataset', 'fingerprint',
  'strategy', 'training', 'decision', 'test', 'createdBy', 'tensors'] as const;
const headerFieldsV2 = [...headerFields, 'encoder'] as const;

/**
 * Checks a parsed header field by field: no unknown or missing field, every size bounded,
 * names distinct, the decision rule's vectors as long as the classes. Returns it typed.
 *
 * @example
 * const header = checkHeader(JSON.parse(text), 'model.skt');
 */
export function checkHeader(raw: unknown, path: string, version = 2): ModelHeader {
  const c = checker(path);
  const h = c.fields(raw, '', version >= 2 ? headerFieldsV2 : headerFields);
  const encoder = version >= 2 ? checkEncoder(h.encoder, path) : null;
  const a = c.fields(h.architecture, 'architecture', ['inputs', 'outputs', 'hidden', 'activation', 'batchnorm', 'dropout']);
  c.count(1)(a.inputs, 'architecture.inputs');
  c.count(2)(a.outputs, 'architecture.outputs');
  c.is((v) => Array.isArray(v) && v.length <= 64 && v.every((u) => Number.isInteger(u) && u >= 1 && u <= maxCount), 'a list of at most 64 positive integers')(a.hidden, 'architecture.hidden');
  c.is((v) => (activationNames as readonly unknown[]).includes(v), `one of ${activationNames.join(', ')}`)(a.activation, 'architecture.activation');
  c.is((v) => typeof v === 'boolean', 'true or false')(a.batchnorm, 'architecture.batchnorm');
  c.is((v) => typeof v === 'number' && v >= 0 && v < 1, 'a number in [0, 1)')(a.dropout, 'architecture.dropout');
  c.is((v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 64, 'an integer in [1, 64]')(h.members, 'members');
  const p = c.fields(h.preprocessing, 'preprocessing', ['divisor', 'standardize']);
  c.is((v) => v === null || (typeof v === 'number' && Number.isFinite(v) && v > 0), 'null or a positive number')(p.divisor, 'preprocessing.divisor');
  c.is((v) => typeof v === 'boolean', 'true or false')(p.standardize, 'preprocessing.standardize');
  c.names(a.inputs as number)(h.features, 'features');
  c.names(a.outputs as number)(h.classes, 'classes');
  for (const field of ['dataset', 'fingerprint', 'strategy', 'createdBy'] as const) {
    c.is((v) => typeof v === 'string' && v.length <= 4096, 'a string of at most 4096 characters')(h[field], field);
  }
  c.is(c.object, 'an object')(h.training, 'training');
  c.is(c.object, 'an object')(h.test, 'test');
  checkDecision(h.decision, a.outputs as number, c);
  c.is((v) => Array.isArray(v) && v.length <= 4096, 'a list of at most 4096 tensors')(h.tensors, 'tensors');
  (h.tensors as unknown[]).forEach((t, i) => {
    const e = c.fields(t, `tensors[${i}]`, ['name', 'dtype', 'shape']);
    c.is((v) => typeof v === 'string' && v.length <= 256, 'a string')(e.name, `tensors[${i}].name`);
    c.is((v) => v === 'float32' || v === 'float64', '"float32" or "float64"')(e.dtype, `tensors[${i}].dtype`);
    c.is((v) => Array.isArray(v) && v.length === 2 && v.every((d) => Number.isInteger(d) && d >= 1 && d <= maxCount), 'two integers in [1, 1048576]')(e.shape, `tensors[${i}].shape`);
  });
  return { ...h, encoder } as unknown as ModelHeader;
}

function checkDecision(raw: unknown, classes: number, c: ReturnType<typeof checker>): void {
  const d = c.fields(raw, 'decision', ['rule', 'temperature', 'bias', 'metric']);
  c.is((v) => (decisionRuleNames as readonly unknown[]).includes(v), `one of ${decisionRuleNames.join(', ')}`)(d.rule, 'decision.rule');
  c.is((v) => typeof v === 'number' && Number.isFinite(v) && v > 0, 'a positive number')(d.temperature, 'decision.temperature');
  c.is((v) => Array.isArray(v) && v.length === classes && v.every((b) => typeof b === 'number' && Number.isFinite(b)), `${classes} finite numbers`)(d.bias, 'decision.bias');
  c.is((v) => v === null || (typeof v === 'string' && v.length <= 256), 'null or a metric name')(d.metric, 'decision.metric');
}
