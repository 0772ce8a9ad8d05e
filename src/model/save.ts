import type { Encoder } from '../data/encoder.ts';
import type { Standardizer } from '../data/scale.ts';
import type { Classifier } from '../nn/model.ts';
import { writeFileAtomic } from '../files/write-atomic.ts';
import { encodeContainer, type TensorData, type TensorEntry } from './container.ts';
import type { DecisionRule } from './decision.ts';
import { checkHeader, type ModelHeader } from './header.ts';
import { networkTensors, networksOf } from './networks.ts';

/** Everything a model file records besides the weights, which come from `classifier`. */
export interface ModelParts {
  classifier: Classifier;
  features: readonly string[];
  classes: readonly string[];
  /** The loader's division of raw values (IDX pixels: 255), if any. */
  divisor?: number;
  /** The standardisation fitted on the training split, if the source used one. */
  standardizer?: Standardizer;
  /** A table's encoding, fitted on the training split: the model then takes raw CSV rows. */
  encoder?: Encoder;
  dataset: string;
  fingerprint: string;
  strategy: string;
  training: object;
  decision: DecisionRule;
  test: object;
  createdBy: string;
}

/**
 * The bytes of a model file (format version 2, see docs/model-format.md).
 *
 * @example
 * const bytes = modelBytes(parts); // what saveModel(path, parts) writes
 */
export function modelBytes(parts: ModelParts): Buffer {
  const networks = networksOf(parts.classifier);
  const { spec } = networks[0]!;
  const { entries, data } = networkTensors(networks);
  const tensors: TensorEntry[] = [...entries];
  const values: TensorData[] = [...data];
  if (parts.standardizer) {
    tensors.push({ name: 'standardize/mean', dtype: 'float64', shape: [1, spec.inputs] });
    tensors.push({ name: 'standardize/sd', dtype: 'float64', shape: [1, spec.inputs] });
    values.push(parts.standardizer.mean, parts.standardizer.sd);
  }
  const header: ModelHeader = {
    architecture: {
      inputs: spec.inputs, outputs: spec.outputs, hidden: [...spec.hidden], activation: spec.activation,
      batchnorm: spec.batchnorm, dropout: spec.dropout,
    },
    members: networks.length,
    preprocessing: { divisor: parts.divisor ?? null, standardize: parts.standardizer !== undefined },
    encoder: parts.encoder ?? null,
    features: [...parts.features],
    classes: [...parts.classes],
    dataset: parts.dataset,
    fingerprint: parts.fingerprint,
    strategy: parts.strategy,
    // Through JSON once, so the header holds plain data (no functions, no undefined).
    training: JSON.parse(JSON.stringify(parts.training)) as Record<string, unknown>,
    decision: parts.decision,
    test: JSON.parse(JSON.stringify(parts.test)) as Record<string, unknown>,
    createdBy: parts.createdBy,
    tensors,
  };
  // What could not be read back is not written: the same checks as loading.
  checkHeader(JSON.parse(JSON.stringify(header)), 'the model to save');
  return encodeContainer(header, values);
}

/**
 * Saves a trained model to `path`, through a temporary file and a rename.
 *
 * @example
 * saveModel('model.skt', parts);
 */
export function saveModel(path: string, parts: ModelParts): void {
  writeFileAtomic(path, modelBytes(parts));
}
