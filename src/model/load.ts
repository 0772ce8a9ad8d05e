import { readFileSync, statSync } from 'node:fs';
import { checkRegularFile } from '../files/regular-file.ts';
import { encode, encodedLayout, type Encoder } from '../data/encoder.ts';
import { allRows, type Table } from '../data/table.ts';
import { InputError } from '../errors.ts';
import { averaged } from '../nn/averaged.ts';
import { mlp, type Classifier } from '../nn/model.ts';
import { argmaxRows } from '../tensor/elementwise.ts';
import { matrix, type Matrix } from '../tensor/matrix.ts';
import { createRng } from '../tensor/rng.ts';
import { decodeContainer, readTensors, type TensorEntry } from './container.ts';
import { applyDecision } from './decision.ts';
import { checkHeader, type ModelHeader } from './header.ts';
import { networkTensors, restoreNetworks } from './networks.ts';

/** A model read back from its file, taking rows in the units of the data it was trained on. */
export interface LoadedModel {
  /** The file's header: classes, features, preprocessing, decision rule, training config, test metrics. */
  readonly header: Omit<ModelHeader, 'tensors'>;
  /**
   * Class probabilities after the decision rule, one row per raw input row (columns as
   * `header.features`; for a table model whose columns are all numeric, its columns in
   * order, NaN for a missing cell).
   */
  predictProba(raw: Matrix): Matrix;
  /** The predicted class index of each raw input row (into `header.classes`). */
  predict(raw: Matrix): Int32Array;
  /**
   * Class probabilities of a table's rows (a model with an encoder: its columns by name, raw
   * cells, categories as text, gaps as missing), encoded as in training. Null without an encoder.
   */
  predictTable: ((table: Table) => Matrix) | null;
}

const sameEntry = (a: TensorEntry, b: TensorEntry) =>
  a.name === b.name && a.dtype === b.dtype && a.shape[0] === b.shape[0] && a.shape[1] === b.shape[1];

/**
 * Rebuilds a model from a file's bytes: the header is checked field by field, the tensor list
 * must be exactly what its architecture needs, and the file must end with the last tensor.
 * Nothing in the file is run as code.
 *
 * @example
 * const model = modelFromBytes(readFileSync('model.skt'), 'model.skt');
 */
export function modelFromBytes(bytes: Uint8Array, path: string): LoadedModel {
  const { header: raw, dataOffset, version } = decodeContainer(bytes, path);
  const { tensors, ...header } = checkHeader(raw, path, version);
  const a = header.architecture;
  // Bound the networks by the file before building them: a header may claim any size.
  const widths = [a.inputs, ...a.hidden, a.outputs];
  const weightBytes = header.members * 4 * widths.slice(1).reduce((n, w, i) => n + (widths[i]! + 1) * w, 0);
  if (weightBytes > bytes.byteLength - dataOffset) {
    throw new InputError(`${path}: truncated: the architecture needs at least ${weightBytes} bytes of weights, the file has ${bytes.byteLength - dataOffset} after the header`);
  }
  const spec = { ...a, init: 'he' };
  const networks = Array.from({ length: header.members }, () => mlp(spec, createRng(0)));
  const expected = networkTensors(networks).entries;
  if (header.preprocessing.standardize) {
    expected.push({ name: 'standardize/mean', dtype: 'float64', shape: [1, a.inputs] });
    expected.push({ name: 'standardize/sd', dtype: 'float64', shape: [1, a.inputs] });
  }
  const mismatch = expected.findIndex((e, i) => !tensors[i] || !sameEntry(e, tensors[i]));
  if (mismatch >= 0 || tensors.length !== expected.length) {
    const i = mismatch >= 0 ? mismatch : expected.length;
    const want = expected[i] ? `${expected[i].name} ${expected[i].dtype} ${expected[i].shape.join('×')}` : 'no more tensors';
    const got = tensors[i] ? `${tensors[i].name} ${tensors[i].dtype} ${tensors[i].shape.join('×')}` : 'none';
    throw new InputError(`${path}: tensor ${i} does not fit the architecture: expected ${want}, got ${got}`);
  }
  const values = readTensors(bytes, dataOffset, tensors, path);
  restoreNetworks(networks, values);
  const [mean, sd] = header.preprocessing.standardize ? values.slice(-2) : [];
  // The scaler gives a constant feature sd = 1: a zero or negative sd is no fitted standardisation.
  const badSd = sd ? sd.findIndex((v) => !(v > 0)) : -1;
  if (badSd >= 0) throw new InputError(`${path}: tensor "standardize/sd" holds ${sd![badSd]} at element ${badSd}; a standard deviation must be positive`);
  const classifier: Classifier = networks.length === 1 ? networks[0]! : averaged(networks);
  const { divisor } = header.preprocessing;
  // The loaders' order: divide raw values, store as float32, then standardise into float32.
  const prepare = (x: Matrix): Matrix => {
    if (x.cols !== a.inputs) throw new InputError(`${path}: the model takes ${a.inputs} features, got rows of ${x.cols}`);
    const out = matrix(x.rows, x.cols);
    for (let i = 0; i < x.data.length; i++) {
      const v = Math.fround(divisor === null ? x.data[i]! : x.data[i]! / divisor);
      out.data[i] = mean && sd ? (v - mean[i % a.inputs]!) / sd[i % a.inputs]! : v;
    }
    return out;
  };
  const { encoder } = header;
  if (encoder) {
    const { featureNames } = encodedLayout(encoder);
    if (featureNames.length !== a.inputs || featureNames.some((f, j) => f !== header.features[j])) {
      throw new InputError(`${path}: the encoder's columns do not match the model's ${a.inputs} features`);
    }
  }
  const encoded = (table: Table) => applyDecision(classifier.predictProba(encode(encoder!, table, allRows(table.rows)).x), header.decision);
  const predictProba = (x: Matrix) => (encoder ? encoded(numericTable(x, encoder, path)) : applyDecision(classifier.predictProba(prepare(x)), header.decision));
  return {
    header,
    predictProba,
    predictTable: encoder ? encoded : null,
    predict(x) {
      const labels = new Int32Array(x.rows);
      argmaxRows(predictProba(x), labels);
      return labels;
    },
  };
}

// Rows of a numeric table as a matrix: column j is the encoder's column j.
function numericTable(x: Matrix, encoder: Encoder, path: string): Table {
  const names = encoder.columns.map((c) => c.name);
  if (encoder.columns.some((c) => c.kind !== 'numeric') || x.cols !== names.length) {
    throw new InputError(`${path}: the model takes table rows (${names.length} columns, some categorical): use predictTable`);
  }
  const columns = names.map((name, j) => {
    const values = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) values[i] = x.data[i * x.cols + j]!;
    return { name, kind: 'numeric' as const, values };
  });
  return { name: path, rows: x.rows, columns };
}

/**
 * Loads a model file written by `train --save` or `search`.
 *
 * @example
 * const model = loadModel('model.skt');
 * const labels = model.predict(fromRows([[5.1, 3.5, 1.4, 0.2]], 'float64'));
 */
export function loadModel(path: string): LoadedModel {
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    if (!stat.isDirectory()) checkRegularFile(path, stat, '; a model file is needed');
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: ${code === 'EISDIR' ? 'is a directory, not a model file' : code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
  }
  return modelFromBytes(bytes, path);
}
