import { defaultTrainConfig, evaluate } from './src/index.ts';
import { mnist, trainRun, outcome } from './reports/experiments/experiment.ts';
const { splits } = mnist(1);
const its = Number(process.argv[2] ?? 3000);
for (const seed of (process.argv[5] ?? '1').split(',').map(Number))
for (const init of (process.argv[3] ?? 'xavier-normal,normal:1,normal:0.01').split(',')) {
  for (const lr of (process.argv[4] ?? '0.5').split(',').map(Number)) {
  const t = performance.now();
  const run = await trainRun({ train: splits.train }, { ...defaultTrainConfig, hidden: [100, 100, 100, 100], activation: 'sigmoid', init, batchSize: 128,
    optimizer: { name: 'sgd', lr }, epochs: 100000, maxSteps: its, stepEvery: 10, seed });
  const s = run.steps; const at = (k: number) => (s.slice(Math.max(0, k / 10 - 10), k / 10).reduce((a, b) => a + b.loss, 0) / 10).toFixed(3);
  const acc = run.diverged ? null : evaluate(run.model, splits.test).accuracy;
  console.log(seed, init, lr, [500, 1000, 2000, 3000, 5000, 8000, 10000].filter((k) => k <= its).map((k) => `${k}:${at(k)}`).join(' '), outcome(run).finalLoss?.toFixed(3), 'test', acc, ((performance.now() - t) / 1000).toFixed(1) + 's');
  }
}
