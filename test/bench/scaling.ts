// Issue 20's item 3: the default scaling of a CSV's numeric columns, chosen by measurement. Each
// vega-datasets table (written as CSV, text categories and gaps as they come) is trained with
// `standard` and with `robust` scaling (RealMLP's robust scale and smooth clip), the same
// network, epochs and seeds; the row gives the mean test macro-F1 and accuracy of each.
// Alone: npx tsx test/bench/scaling.ts (one JSON object a line).
import { lastValueFrom } from 'rxjs';
import { loadDataset } from '../../datasets/registry.ts';
import { defaultTrainConfig, evaluate, prepareSplits, train, type Scaling, type TrainConfig } from '../../src/index.ts';
import { tempDir } from '../helpers/files.ts';
import { vegaTables, writeVegaCsv, type VegaTable } from '../helpers/vega.ts';

const seeds = [1, 2, 3, 4, 5];
const config: TrainConfig = { ...defaultTrainConfig, hidden: [64, 32], epochs: 30, batchSize: 32, optimizer: { name: 'adam', lr: 0.003 } };

async function scores(path: string, label: string, scaling: Scaling): Promise<{ macroF1: number; accuracy: number }> {
  let macroF1 = 0;
  let accuracy = 0;
  for (const seed of seeds) {
    const splits = prepareSplits(loadDataset(`csv:${path}`, { label, scaling }), { seed });
    const done = await lastValueFrom(train({ train: splits.train, validation: splits.validation }, { ...config, seed }));
    if (done.type !== 'done') throw new Error('no model');
    const m = evaluate(done.model, splits.test);
    macroF1 += m.macroF1 / seeds.length;
    accuracy += m.accuracy / seeds.length;
  }
  return { macroF1: Number(macroF1.toFixed(4)), accuracy: Number(accuracy.toFixed(4)) };
}

/** One row per table: the mean test macro-F1 and accuracy under each scaling. */
export async function scalingBenchmarks(): Promise<object[]> {
  const dir = tempDir();
  const rows: object[] = [];
  for (const table of Object.keys(vegaTables) as VegaTable[]) {
    const { all, label } = writeVegaCsv(dir, table);
    const started = performance.now();
    const standard = await scores(all, label, 'standard');
    const robust = await scores(all, label, 'robust');
    rows.push({
      name: 'scaling', table, seeds: seeds.length, epochs: config.epochs, hidden: config.hidden, standard, robust,
      seconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await scalingBenchmarks()) console.log(JSON.stringify(row));
}
