import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { checkRegularFile, fromArray, InputError, type Dataset, type DataSource } from '../src/plugin.ts';

const imageMagic = 0x00000803;
const labelMagic = 0x00000801;
/** The most bytes a gzipped IDX file may unzip to: 20× the 47 MB of Fashion-MNIST's training images, far below a gzip bomb's. */
const maxIdxBytes = 2 ** 30;

/** Reads `name` or `name.gz` from `dir`, gunzipping the latter. */
function readMaybeGzipped(dir: string, name: string): { path: string; bytes: Buffer } {
  for (const candidate of [name, `${name}.gz`]) {
    const path = join(dir, candidate);
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    checkRegularFile(path, stat, '; an IDX file is needed', 'a directory, a FIFO or a device?');
    if (stat.size > maxIdxBytes) throw new InputError(`${path}: ${stat.size.toLocaleString('en-US')} bytes; an IDX file may have at most ${maxIdxBytes.toLocaleString('en-US')} (1 GiB)`);
    const raw = readFileSync(path);
    if (!candidate.endsWith('.gz')) return { path, bytes: raw };
    try {
      return { path, bytes: gunzipSync(raw, { maxOutputLength: maxIdxBytes }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new InputError(`${path}: unzips to more than ${maxIdxBytes.toLocaleString('en-US')} bytes (1 GiB); an IDX file may have at most that`);
      }
      throw new InputError(`${path}: not a valid gzip file`);
    }
  }
  throw new InputError(`${join(dir, name)}: no such file (nor ${name}.gz)`);
}

function header(path: string, bytes: Buffer, magic: number, kind: string, dims: number): number[] {
  if (bytes.length < 4 + 4 * dims) throw new InputError(`${path}: truncated header (${bytes.length} bytes)`);
  const found = bytes.readUInt32BE(0);
  if (found !== magic) {
    throw new InputError(`${path}: wrong magic number 0x${found.toString(16).padStart(8, '0')}, expected 0x${magic.toString(16).padStart(8, '0')} (${kind})`);
  }
  const sizes = Array.from({ length: dims }, (_, i) => bytes.readUInt32BE(4 + 4 * i));
  const expected = 4 + 4 * dims + sizes.reduce((a, b) => a * b, 1);
  if (bytes.length < expected) {
    throw new InputError(`${path}: truncated data: the header says ${sizes.join('×')} (${expected} bytes), the file has ${bytes.length}`);
  }
  if (bytes.length > expected) {
    throw new InputError(`${path}: inconsistent sizes: the header says ${sizes.join('×')} (${expected} bytes), but the file has ${bytes.length}`);
  }
  const zero = sizes.indexOf(0);
  if (zero >= 0) throw new InputError(`${path}: the header's size ${zero + 1} is 0 (${sizes.join('×')}); ${kind} need at least one ${zero === 0 ? 'item' : 'pixel a side'}`);
  return sizes;
}

function readPair(dir: string, prefix: 'train' | 't10k'): { pixels: Float32Array; labels: Uint8Array; rows: number; cols: number } {
  const images = readMaybeGzipped(dir, `${prefix}-images-idx3-ubyte`);
  const labels = readMaybeGzipped(dir, `${prefix}-labels-idx1-ubyte`);
  const [count, height, width] = header(images.path, images.bytes, imageMagic, 'IDX images', 3) as [number, number, number];
  const [labelCount] = header(labels.path, labels.bytes, labelMagic, 'IDX labels', 1) as [number];
  if (labelCount !== count) {
    throw new InputError(`${labels.path}: ${labelCount} labels for ${count} images in ${images.path}`);
  }
  const cols = height * width;
  const pixels = new Float32Array(count * cols);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images.bytes[16 + i]! / 255;
  return { pixels, labels: labels.bytes.subarray(8, 8 + count), rows: count, cols };
}

/**
 * `idx:DIR`: MNIST-format files `train-images-idx3-ubyte[.gz]`, `train-labels-idx1-ubyte[.gz]`
 * and the `t10k-…` pair, which becomes the test split. Pixels are scaled to [0, 1].
 */
export function loadIdx(dir: string): DataSource {
  if (!existsSync(dir)) throw new InputError(`${dir}: no such directory; idx:DIR names a directory of IDX files`);
  if (!statSync(dir).isDirectory()) throw new InputError(`${dir}: is a file, but idx:DIR names a directory of IDX files`);
  const train = readPair(dir, 'train');
  const test = readPair(dir, 't10k');
  if (test.cols !== train.cols) throw new InputError(`${dir}: test images have ${test.cols} pixels, training images ${train.cols}`);
  const labelValues = [...new Set([...train.labels, ...test.labels])].sort((a, b) => a - b);
  if (new Set(train.labels).size < 2) throw new InputError(`${dir}: the training labels hold a single class`);
  const classIndex = new Map(labelValues.map((l, i) => [l, i]));
  const classNames = labelValues.map(String);
  const featureNames = Array.from({ length: train.cols }, (_, i) => `px${i}`);
  const toDataset = (part: typeof train): Dataset => ({
    x: fromArray(part.rows, part.cols, part.pixels),
    y: Int32Array.from(part.labels, (l) => classIndex.get(l)!),
    classNames,
    featureNames,
  });
  return { name: `idx:${dir}`, data: toDataset(train), test: toDataset(test), standardize: false, rawDivisor: 255 };
}
