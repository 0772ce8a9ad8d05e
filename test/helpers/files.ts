import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A fresh temporary directory for one test. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'skewtune-'));
}

/** Writes `text` to `name` in `dir` and returns the path. */
export function writeText(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** IDX image and label files (MNIST format) for `count` tiny images of `side`×`side` pixels. */
export function writeIdx(dir: string, prefix: string, labels: number[], side: number, gzip: boolean): void {
  const images = Buffer.alloc(16 + labels.length * side * side);
  images.writeUInt32BE(0x803, 0);
  images.writeUInt32BE(labels.length, 4);
  images.writeUInt32BE(side, 8);
  images.writeUInt32BE(side, 12);
  labels.forEach((label, i) => images.fill(label * 20, 16 + i * side * side, 16 + (i + 1) * side * side));
  const labelFile = Buffer.alloc(8 + labels.length);
  labelFile.writeUInt32BE(0x801, 0);
  labelFile.writeUInt32BE(labels.length, 4);
  labels.forEach((label, i) => labelFile.writeUInt8(label, 8 + i));
  const write = (name: string, bytes: Buffer) =>
    writeFileSync(join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  write(`${prefix}-images-idx3-ubyte`, images);
  write(`${prefix}-labels-idx1-ubyte`, labelFile);
}
