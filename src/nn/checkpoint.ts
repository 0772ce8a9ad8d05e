import type { Rng, RngState } from '../tensor/rng.ts';
import type { Model } from './model.ts';

/** Arrays a checkpoint can hold: weights and optimizer state (float32/float64), the shuffle order (int32). */
export type StateArray = Float32Array | Float64Array | Int32Array;

/**
 * Where a training run stands after an epoch: enough to go on exactly as if it never
 * stopped (same numbers bit for bit), on another thread or machine.
 */
export interface TrainerState {
  /** Epochs done. */
  epoch: number;
  /** Updates done. */
  steps: number;
  /** The streams training draws from: the shuffle of each epoch and dropout's masks. */
  rngs: { shuffle: RngState; dropout: RngState };
  /** The live arrays in the trainer's fixed order: shuffle order, weights, layer buffers, optimizer buffers. */
  arrays: StateArray[];
}

const magic = 0x43544b53; // "SKTC"
const kinds = { float32: Float32Array, float64: Float64Array, int32: Int32Array } as const;
type Kind = keyof typeof kinds;
const kindOf = (a: StateArray): Kind => (a instanceof Float32Array ? 'float32' : a instanceof Float64Array ? 'float64' : 'int32');
const align = (n: number) => Math.ceil(n / 8) * 8;

/**
 * A trainer state as bytes: "SKTC", the header's length, a JSON header (epochs, steps, random
 * streams, each array's kind and length), then the arrays, each on an 8-byte boundary.
 *
 * @example
 * const bytes = encodeCheckpoint(state); decodeCheckpoint(bytes).epoch === state.epoch;
 */
export function encodeCheckpoint(state: TrainerState): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({
    version: 1, epoch: state.epoch, steps: state.steps, rngs: state.rngs,
    arrays: state.arrays.map((a) => ({ kind: kindOf(a), length: a.length })),
  }));
  const start = align(8 + header.length);
  const size = state.arrays.reduce((at, a) => align(at + a.byteLength), start);
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, magic, true);
  view.setUint32(4, header.length, true);
  bytes.set(header, 8);
  let at = start;
  for (const a of state.arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at = align(at + a.byteLength);
  }
  return bytes;
}

/** Reads `encodeCheckpoint`'s bytes back; anything else is an error saying so. */
export function decodeCheckpoint(bytes: Uint8Array): TrainerState {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== magic) throw new Error('not a skewtune trainer checkpoint');
  const length = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Omit<TrainerState, 'arrays'> & { arrays: { kind: Kind; length: number }[] };
  // Copied into a fresh, aligned buffer: the bytes may sit at any offset of a larger one (a Node Buffer's slice is a view, not a copy).
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  let at = align(8 + length);
  const arrays = header.arrays.map(({ kind, length: n }) => {
    const array = new kinds[kind](copy.buffer, at, n);
    at = align(at + array.byteLength);
    return array;
  });
  return { epoch: header.epoch, steps: header.steps, rngs: header.rngs, arrays };
}

/**
 * Puts a saved state into a run: copies its arrays into the run's live ones and sets its
 * streams where they stood; gives the epochs and updates done. Refuses a state of another
 * shape (a checkpoint of another configuration) and one already `epochs` epochs in.
 */
export function restoreState(saved: TrainerState, live: readonly StateArray[], rngs: { shuffle: Rng; dropout: Rng }, epochs: number): { epoch: number; steps: number } {
  const shape = (arrays: readonly StateArray[]) => arrays.map((a) => `${kindOf(a)}[${a.length}]`).join(',');
  if (shape(live) !== shape(saved.arrays)) throw new Error('checkpoint does not fit this configuration (its arrays differ in number, kind or size)');
  if (saved.epoch >= epochs) throw new RangeError(`checkpoint is at epoch ${saved.epoch}, but the run trains only ${epochs}`);
  live.forEach((a, i) => a.set(saved.arrays[i]!));
  rngs.shuffle.restore(saved.rngs.shuffle);
  rngs.dropout.restore(saved.rngs.dropout);
  return { epoch: saved.epoch, steps: saved.steps };
}

/**
 * Puts a checkpoint's weights and layer buffers back into the model of the same run (early
 * stopping keeps the best epoch's weights this way); the optimizer and streams are left alone.
 *
 * @example
 * restoreWeights(model, bestCheckpoint);
 */
export function restoreWeights(model: Model, checkpoint: Uint8Array): void {
  const live = [...model.params.map((p) => p.value.data), ...model.layers.flatMap((l) => l.buffers ?? [])];
  // The trainer's order: the shuffle order first, then these.
  const saved = decodeCheckpoint(checkpoint).arrays.slice(1, 1 + live.length);
  if (saved.length !== live.length || saved.some((a, i) => a.length !== live[i]!.length)) throw new Error('checkpoint does not fit this model');
  live.forEach((a, i) => a.set(saved[i]!));
}
