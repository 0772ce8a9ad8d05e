import { describe, expect, it } from 'vitest';
import { inParallel } from '../../reports/experiments/parallel.ts';
import { tinyRun } from './fixtures/tiny-run.ts';

// The lecture experiments' runs on worker threads: the same results, in the same order, as
// one after another on this thread (so the reports' bytes do not depend on --workers).

describe('inParallel', () => {
  const module = new URL('./fixtures/tiny-run.ts', import.meta.url).href;
  const items = [1, 2, 3, 4, 5].map((seed) => ({ seed }));

  it('gives the results of one thread, in the order of the items, on three', async () => {
    const alone = await inParallel(tinyRun, module, items, 1);
    expect(alone).toHaveLength(5);
    expect(new Set(alone.map((curve) => curve.join())).size).toBe(5);
    expect(await inParallel(tinyRun, module, items, 3)).toEqual(alone);
  });
});
