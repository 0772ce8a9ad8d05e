import { afterEach, describe, expect, it } from 'vitest';
import { availableBackends, kernelBackend, setKernelBackend } from '../../src/tensor/backend.ts';
import { kernelMatrix } from '../../src/tensor/matrix.ts';
import * as reference from '../../src/tensor/reference/update.ts';
import { createRng } from '../../src/tensor/rng.ts';
import { adagradStep, adamStep, momentumStep, rmspropStep } from '../../src/tensor/update.ts';

// The optimizer steps of every backend against the TypeScript reference, bit for bit: they
// perform the same float32 operations in the same order (see src/tensor/reference/update.ts).

const initial = kernelBackend();
afterEach(() => setKernelBackend(initial));

type Arrays = [Float32Array, Float32Array, Float32Array, Float32Array];

/** w, g, and two state arrays (the second non-negative, like a second moment), uniform in [-1, 1). */
function arrays(n: number, seed: string, place: 'kernel' | 'plain'): Arrays {
  const rng = createRng(seed);
  const made = [0, 1, 2, 3].map(() => (place === 'kernel' ? kernelMatrix(1, n).data as Float32Array : new Float32Array(n)));
  for (const a of made) for (let i = 0; i < n; i++) a[i] = rng.between(-1, 1);
  made[3]!.forEach((x, i) => (made[3]![i] = Math.abs(x)));
  return made as Arrays;
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

type Step = (a: Arrays, t: number, n: number) => void;
const steps: Record<string, [Step, Step]> = {
  adam: [
    ([w, g, m, v], t, n) => adamStep(w, g, m, v, 0.01, 0.9, 0.999, 1e-8, t, n),
    ([w, g, m, v], t, n) => reference.adamStep(w, g, m, v, 0.01, 0.9, 0.999, 1e-8, t, n),
  ],
  momentum: [
    ([w, g, v], _, n) => momentumStep(w, g, v, 0.01, 0.9, n),
    ([w, g, v], _, n) => reference.momentumStep(w, g, v, 0.01, 0.9, n),
  ],
  rmsprop: [
    ([w, g, , h], _, n) => rmspropStep(w, g, h, 0.01, 0.9, 1e-7, n),
    ([w, g, , h], _, n) => reference.scaledStep(w, g, h, 0.01, 0.9, 1e-7, false, n),
  ],
  adagrad: [
    ([w, g, , h], _, n) => adagradStep(w, g, h, 0.01, 1e-7, n),
    ([w, g, , h], _, n) => reference.scaledStep(w, g, h, 0.01, 0, 1e-7, true, n),
  ],
};

const cases = availableBackends().flatMap((backend) => Object.keys(steps).flatMap((name) => [1, 7, 1001].map((n) => [backend, name, n] as const)));

describe('optimizer steps', () => {
  it.each(cases)('%s %s on %i parameters equals the reference bit for bit', (backend, name, n) => {
    setKernelBackend(backend);
    const [step, oracle] = steps[name]!;
    const got = arrays(n, `${name} ${n}`, 'kernel');
    const want = arrays(n, `${name} ${n}`, 'plain');
    for (let t = 1; t <= 3; t++) {
      step(got, t, n);
      oracle(want, t, n);
    }
    got.forEach((a, i) => expect(bits(a), `array ${i}`).toEqual(bits(want[i]!)));
  });

  it.each(availableBackends())('%s: Adam flushes moments below 2^-100 to zero, and only those', (backend) => {
    setKernelBackend(backend);
    // Gradients are zero, so each step multiplies m by β1 = 0.9 and v by β2 = 0.999.
    const n = 5;
    const [w, g, m, v] = arrays(n, 'flush', 'kernel');
    g.fill(0);
    w.fill(1);
    m.set([1e-30, 8e-31, 7e-31, -7e-31, 1e-45]); // 2^-100 ≈ 7.89e-31; 1e-45 is a denormal
    v.set([1e-30, 1e-30, 7.9e-31, 7.8e-31, 1e-45]);
    adamStep(w, g, m, v, 0.01, 0.9, 0.999, 1e-8, 1, n);
    const f = Math.fround;
    // 0.9·1e-30 = 9e-31 stays; 0.9·8e-31 = 7.2e-31 and everything smaller become +0 (bits 0).
    expect(bits(m)).toEqual(bits(Float32Array.of(f(f(f(0.9) * f(1e-30))), 0, 0, 0, 0)));
    // 0.999·7.9e-31 ≈ 7.89e-31 is still above 2^-100; 0.999·7.8e-31 is below.
    const kept = f(f(0.999) * f(7.9e-31));
    expect(kept).toBeGreaterThan(2 ** -100);
    expect(bits(v)).toEqual(bits(Float32Array.of(f(f(0.999) * f(1e-30)), f(f(0.999) * f(1e-30)), kept, 0, 0)));
    // No state is left denormal, so the next steps never compute on denormals.
    for (const x of [...m, ...v]) expect(x === 0 || Math.abs(x) >= 2 ** -126).toBe(true);
  });
});
