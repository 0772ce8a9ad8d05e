// Successive halving against no pruning on mnist: the same seed and trials (one round of the
// default MLP space), epochs trained, wall time and the best validation score of each.
// Alone: npx tsx test/bench/pruning.ts (one JSON object a line).
import { lastValueFrom } from 'rxjs';
import { pathToFileURL } from 'node:url';
import type { SearchEvent } from '../../src/search/events.ts';
import { defaultMlpSpace } from '../../src/search/mlp-space.ts';
import { search } from '../../src/search/pipeline.ts';
import { createPruner } from '../../src/search/pruners/registry.ts';
import { workerExecutor } from '../../src/search/worker-executor.ts';

const module = new URL('../../src/study/task.ts', import.meta.url).href;
const task = { dataset: 'mnist', label: 'label', seed: 1, epochs: 9, metric: 'accuracy' };
const trials = 12;
const options = { minEpochs: 1, maxEpochs: 9, reduction: 3 };

async function run(pruner: 'none' | 'halving') {
  const executor = workerExecutor({ module, workers: 2 });
  try {
    // Threads started and data loaded before the clock starts.
    await lastValueFrom(search({ lr: { kind: 'uniform', low: 0.001, high: 0.001 }, hidden: { kind: 'choice', values: [[8]] } }, executor, { rounds: 1, trials: 2, seed: 99, task }));
    const started = performance.now();
    const done = await lastValueFrom(search(defaultMlpSpace, executor, { rounds: 1, trials, seed: 1, task, pruner: createPruner(pruner, options) })) as Extract<SearchEvent, { type: 'study-done' }>;
    return {
      seconds: (performance.now() - started) / 1000,
      epochs: done.trials.reduce((sum, t) => sum + t.history.length, 0),
      pruned: done.trials.filter((t) => t.status === 'pruned').length,
      best: done.best?.score ?? null,
    };
  } finally {
    await executor.close();
  }
}

/** The row `npm run bench` prints for pruning. */
export async function pruningBenchmarks(): Promise<object[]> {
  const none = await run('none');
  const halving = await run('halving');
  return [{
    name: 'search-pruning', dataset: 'mnist', trials, workers: 2, ...options,
    none, halving, epochsShare: halving.epochs / none.epochs, speedup: none.seconds / halving.seconds, bestGap: (none.best ?? 0) - (halving.best ?? 0),
  }];
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  for (const row of await pruningBenchmarks()) console.log(JSON.stringify(row));
}
