import type { Float } from '../tensor/matrix.ts';
import type { Rng } from '../tensor/rng.ts';

/**
 * Fills a fan_in × fan_out weight matrix. Biases always start at zero.
 *
 * @example
 * heNormal().fill(weights, 784, 100, createRng(1));
 */
export interface Initializer {
  readonly name: string;
  fill(w: Float, fanIn: number, fanOut: number, rng: Rng): void;
}

function normalInit(name: string, sigma: (fanIn: number, fanOut: number) => number): Initializer {
  return {
    name,
    fill(w, fanIn, fanOut, rng) {
      const sd = sigma(fanIn, fanOut);
      for (let i = 0; i < w.length; i++) w[i] = rng.normal(0, sd);
    },
  };
}

function uniformInit(name: string, limit: (fanIn: number, fanOut: number) => number): Initializer {
  return {
    name,
    fill(w, fanIn, fanOut, rng) {
      const a = limit(fanIn, fanOut);
      for (let i = 0; i < w.length; i++) w[i] = rng.between(-a, a);
    },
  };
}

/** N(0, σ²): the lecture's N(0, 1²) and N(0, 0.01²). */
export const normal = (sigma: number): Initializer => normalInit(`normal:${sigma}`, () => sigma);

/** Xavier uniform (Glorot & Bengio 2010): U(−√(6/(n_in+n_out)), +√(6/(n_in+n_out))). */
export const xavierUniform = (): Initializer => uniformInit('xavier-uniform', (i, o) => Math.sqrt(6 / (i + o)));

/** Xavier normal (Glorot & Bengio 2010): N(0, 2/(n_in+n_out)). */
export const xavierNormal = (): Initializer => normalInit('xavier-normal', (i, o) => Math.sqrt(2 / (i + o)));

/** He uniform (He et al. 2015): U(−√(6/n_in), +√(6/n_in)). */
export const heUniform = (): Initializer => uniformInit('he-uniform', (i) => Math.sqrt(6 / i));

/** He normal (He et al. 2015): N(0, 2/n_in). */
export const heNormal = (): Initializer => normalInit('he-normal', (i) => Math.sqrt(2 / i));

/**
 * Every weight the same value C: the lecture's "why not start from zero?" Every unit of a layer
 * then computes the same output and gets the same gradient, so the units stay copies of one.
 */
export const constant = (c: number): Initializer => ({ name: `constant:${c}`, fill: (w) => w.fill(c) });

const named: Record<string, () => Initializer> = {
  xavier: xavierUniform,
  'xavier-uniform': xavierUniform,
  'xavier-normal': xavierNormal,
  he: heNormal,
  'he-normal': heNormal,
  'he-uniform': heUniform,
};

/** The names `initializer()` accepts, for help texts and error messages. */
export const initializerNames = [...Object.keys(named), 'normal:SIGMA', 'constant:C'];

/**
 * Resolves a name: `he` (He normal), `he-uniform`, `xavier` (Xavier uniform),
 * `xavier-normal`, `normal:SIGMA` such as `normal:0.01`, or `constant:C` such as `constant:0`.
 */
export function initializer(spec: string): Initializer {
  const factory = named[spec];
  if (factory) return factory();
  const match = /^normal:(.+)$/.exec(spec);
  if (match) {
    const sigma = Number(match[1]);
    if (!(sigma > 0) || !Number.isFinite(sigma)) {
      throw new RangeError(`initializer normal:SIGMA needs SIGMA > 0, got "${match[1]}"`);
    }
    return normal(sigma);
  }
  const fixedValue = /^constant:(.*)$/.exec(spec);
  if (fixedValue) {
    const c = Number(fixedValue[1]);
    if (!Number.isFinite(c) || fixedValue[1]!.trim() === '') throw new RangeError(`initializer constant:C needs a finite number C, got "${fixedValue[1]}"`);
    return constant(c);
  }
  throw new RangeError(`unknown initializer "${spec}"; expected one of ${initializerNames.join(', ')}`);
}
