// `npm run bench [-- GROUP …]`: one JSON object a line, each with a "name" and its figures.
// With no GROUP, every group runs (the budgeted search alone takes 5 minutes); naming some
// runs just those, e.g. `npm run bench -- kernels peers step-split train smote compare` for
// the kernels' figures against their peers (about 3 minutes on a quiet 2-core machine).
import { budgetBenchmarks } from './budget.ts';
import { cliffBenchmarks } from './cliffs.ts';
import { compareBenchmarks } from './compare.ts';
import { distributedBenchmarks } from './distributed.ts';
import { journalBenchmarks } from './journal.ts';
import { finalPhaseBenchmarks } from './final-phase.ts';
import { kernelBenchmarks } from './kernels.ts';
import { peerBenchmarks } from './peers.ts';
import { planningBenchmarks } from './planning.ts';
import { pruningBenchmarks } from './pruning.ts';
import { realDataBenchmarks } from './real-data.ts';
import { resampleLargeBenchmarks } from './resample-large.ts';
import { samplerBenchmarks } from './samplers.ts';
import { searchBenchmarks } from './search.ts';
import { smoteBenchmarks } from './smote.ts';
import { modelBenchmarks } from './model.ts';
import { packageBenchmarks } from './package.ts';
import { parallelCeilingBenchmarks } from './parallel-ceiling.ts';
import { stepSplitBenchmarks } from './step-split.ts';
import { tabularBenchmarks } from './tabular.ts';
import { memoryBenchmarks, trainBenchmarks } from './train.ts';
import { scalingBenchmarks } from './scaling.ts';

const groups: Record<string, () => Promise<object[]> | object[]> = {
  kernels: kernelBenchmarks, peers: peerBenchmarks, 'step-split': stepSplitBenchmarks, train: trainBenchmarks, memory: memoryBenchmarks,
  smote: smoteBenchmarks, search: searchBenchmarks, samplers: samplerBenchmarks, planning: planningBenchmarks, 'final-phase': finalPhaseBenchmarks, pruning: pruningBenchmarks, budget: budgetBenchmarks,
  'real-data': realDataBenchmarks, distributed: distributedBenchmarks, compare: async () => [...compareBenchmarks(), ...await parallelCeilingBenchmarks()], model: modelBenchmarks,
  package: packageBenchmarks,
  tabular: tabularBenchmarks,
  scaling: scalingBenchmarks,
  cliffs: cliffBenchmarks, 'resample-large': resampleLargeBenchmarks,
  journal: journalBenchmarks,
};
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in groups));
if (unknown.length > 0) {
  console.error(`unknown bench group ${unknown.join(', ')}; expected some of ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
for (const [name, group] of Object.entries(groups)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  for (const row of await group()) console.log(JSON.stringify(row));
}
