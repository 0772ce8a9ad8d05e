// `npm run bench`: one JSON object a line, each with a "name" and its figures.
import { budgetBenchmarks } from './budget.ts';
import { compareBenchmarks } from './compare.ts';
import { distributedBenchmarks } from './distributed.ts';
import { kernelBenchmarks } from './kernels.ts';
import { peerBenchmarks } from './peers.ts';
import { pruningBenchmarks } from './pruning.ts';
import { realDataBenchmarks } from './real-data.ts';
import { samplerBenchmarks } from './samplers.ts';
import { searchBenchmarks } from './search.ts';
import { smoteBenchmarks } from './smote.ts';
import { modelBenchmarks } from './model.ts';
import { stepSplitBenchmarks } from './step-split.ts';
import { memoryBenchmarks, trainBenchmarks } from './train.ts';

const groups: (() => Promise<object[]> | object[])[] = [
  kernelBenchmarks, peerBenchmarks, stepSplitBenchmarks, trainBenchmarks, memoryBenchmarks, smoteBenchmarks, searchBenchmarks,
  samplerBenchmarks, pruningBenchmarks, budgetBenchmarks, realDataBenchmarks, distributedBenchmarks, compareBenchmarks, modelBenchmarks,
];
for (const group of groups) {
  for (const row of await group()) console.log(JSON.stringify(row));
}
