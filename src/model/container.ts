import { InputError } from '../errors.ts';

/** The first eight bytes of every skewtune model file. */
export const modelMagic = 'SKTMODEL';
/** The format version this build writes, and the newest it reads (2 added the table encoder; 1 still loads). */
export const modelFormatVersion = 2;
/**
 * The largest header a model file may have, written or read (64 MiB). Most models' headers are
 * a few kilobytes; the test confusion matrix in it grows with the square of the classes, to
 * about 5 MB at 1,500 classes and 64 MiB near 5,500.
 */
export const maxHeaderBytes = 64 * 1024 * 1024;

const prefixBytes = 16;
const forbiddenKeys = new Set(['__proto__', 'constructor', 'prototype']);

/** One numeric array of the file: its name, element type and shape as the header declares them. */
export interface TensorEntry {
  name: string;
  dtype: 'float32' | 'float64';
  shape: [number, number];
}

/** A tensor's values, as stored. */
export type TensorData = Float32Array | Float64Array;

const width = (dtype: TensorEntry['dtype']) => (dtype === 'float32' ? 4 : 8);

/** Bytes a tensor takes in the file. */
export const tensorBytes = (t: TensorEntry): number => t.shape[0] * t.shape[1] * width(t.dtype);

/**
 * Lays out a model file: the magic, the format version and the header's length (uint32
 * little-endian each), the UTF-8 JSON header, then each tensor's values little-endian in
 * the header's order, nothing between and nothing after.
 *
 * @example
 * const bytes = encodeContainer({ tensors: [{ name: 'w', dtype: 'float32', shape: [1, 2] }] }, [new Float32Array([1, 2])]);
 */
export function encodeContainer(header: { tensors: readonly TensorEntry[] }, data: readonly TensorData[]): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  // What loading would refuse is not written.
  if (json.length > maxHeaderBytes) {
    throw new InputError(`the model to save: its header takes ${json.length} bytes, more than the ${maxHeaderBytes} a model file may hold ` +
      '(a test confusion matrix of too many classes?)');
  }
  const total = prefixBytes + json.length + header.tensors.reduce((n, t) => n + tensorBytes(t), 0);
  const out = Buffer.alloc(total);
  out.write(modelMagic, 0, 'latin1');
  out.writeUInt32LE(modelFormatVersion, 8);
  out.writeUInt32LE(json.length, 12);
  json.copy(out, prefixBytes);
  let offset = prefixBytes + json.length;
  header.tensors.forEach((t, i) => {
    const values = data[i]!;
    if (values.length !== t.shape[0] * t.shape[1]) throw new RangeError(`tensor ${t.name}: ${values.length} values for shape ${t.shape.join('×')}`);
    for (const v of values) offset = t.dtype === 'float32' ? out.writeFloatLE(v, offset) : out.writeDoubleLE(v, offset);
  });
  return out;
}

/** Parses JSON refusing keys that could reach an object's prototype, wherever they sit. */
function parseHeader(text: string, path: string): unknown {
  try {
    return JSON.parse(text, (key: string, value: unknown) => {
      if (forbiddenKeys.has(key)) throw new InputError(`${path}: the model header holds a forbidden key "${key}"`);
      return value;
    });
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: the model header is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The first part of reading a model file: magic, version and header length are checked,
 * and the header parsed as data (never evaluated). Returns the header and where the
 * tensors start; {@link readTensors} reads them once the header has been validated.
 */
export function decodeContainer(bytes: Uint8Array, path: string): { header: unknown; dataOffset: number; version: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer.length < prefixBytes || buffer.toString('latin1', 0, 8) !== modelMagic) {
    throw new InputError(`${path}: not a skewtune model file (it does not start with "${modelMagic}")`);
  }
  const version = buffer.readUInt32LE(8);
  if (version > modelFormatVersion) {
    throw new InputError(`${path}: model format version ${version} is newer than this skewtune reads (${modelFormatVersion}); upgrade skewtune`);
  }
  if (version < 1) throw new InputError(`${path}: model format version ${version} does not exist`);
  const length = buffer.readUInt32LE(12);
  if (length > maxHeaderBytes) throw new InputError(`${path}: the model header claims ${length} bytes, more than the ${maxHeaderBytes} allowed`);
  if (prefixBytes + length > buffer.length) {
    throw new InputError(`${path}: truncated: the header claims ${length} bytes, the file has ${buffer.length - prefixBytes} after the prefix`);
  }
  return { header: parseHeader(buffer.toString('utf8', prefixBytes, prefixBytes + length), path), dataOffset: prefixBytes + length, version };
}

/**
 * Reads the tensors a validated header lists; the file must end exactly where the last one does.
 *
 * @example
 * const { header, dataOffset } = decodeContainer(bytes, path);
 * const values = readTensors(bytes, dataOffset, checked.tensors, path);
 */
export function readTensors(bytes: Uint8Array, offset: number, tensors: readonly TensorEntry[], path: string): TensorData[] {
  const expected = offset + tensors.reduce((n, t) => n + tensorBytes(t), 0);
  if (bytes.byteLength !== expected) {
    const what = bytes.byteLength < expected ? 'truncated' : 'has trailing bytes';
    throw new InputError(`${path}: ${what}: the header's tensors need ${expected} bytes, the file has ${bytes.byteLength}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = offset;
  return tensors.map((t) => {
    const n = t.shape[0] * t.shape[1];
    const values = t.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = t.dtype === 'float32' ? view.getFloat32(at, true) : view.getFloat64(at, true);
      // A trained network's numbers are finite: a NaN or infinity would turn every prediction into NaN, silently.
      if (!Number.isFinite(values[i])) throw new InputError(`${path}: tensor "${t.name}" holds ${values[i]} at element ${i}; a model's numbers must be finite`);
      at += width(t.dtype);
    }
    return values;
  });
}
