import { filter, identity, lastValueFrom, map, takeWhile, tap } from 'rxjs';
import type { Dataset } from '../data/dataset.ts';
import { metricRecord, type MetricName } from '../metrics/registry.ts';
import { networksOf, networkTensors, restoreNetworks } from '../model/networks.ts';
import { averaged } from '../nn/averaged.ts';
import { restoreWeights } from '../nn/checkpoint.ts';
import { mlp, type Classifier, type Model, type ModelSpec } from '../nn/model.ts';
import { defaultTrainConfig, type Train } from '../nn/trainer.ts';
import { trainConfigOf } from '../search/mlp-space.ts';
import type { Json, Params } from '../search/space.ts';
import { createRng } from '../tensor/rng.ts';
import { patience, stopWhenStale } from './early-stop.ts';
import { validationScore, type EpochEvent } from './objective.ts';
import { trialSetup } from './trial-space.ts';

/** One network of the final model to train: the chosen configuration, its seed, the most epochs, the fewest, and when to stop (`Date.now()` ms). */
export interface MemberPlan {
  params: Params;
  seed: number | string;
  cap: number;
  atLeast: number;
  until: number;
  /** A trial's checkpoint to start from (a warm start, see `TrainConfig.warmStart`); from the initialiser's weights without one. */
  warmStart?: Uint8Array;
  /** A refit: `cap` epochs on every training row, no early stop (the validation rows are training rows then). */
  refit?: boolean;
}

/** A trained network: the classifier, the epoch whose weights it kept, the epochs it trained, whether the time stopped it, and its seconds. */
export interface TrainedMember {
  model: Classifier;
  epoch: number;
  epochs: number;
  timeUp: boolean;
  seconds: number;
}

/**
 * One network of the chosen configuration, trained on `data.train` stopping early on `data.validation` (not before `atLeast`
 * epochs) or at the epoch whose end lands nearest `until` (also not before `atLeast`), keeping its best epoch's weights (a trainer that gives no
 * checkpoint, as bagging, keeps its last). The same plan gives the same network in any thread.
 *
 * @example
 * const member = await trainMember({ params, seed: 7, cap: 30, atLeast: 4, until: Infinity }, splits, 'accuracy');
 */
export async function trainMember(plan: MemberPlan, data: { train: Dataset; validation: Dataset }, metric: MetricName): Promise<TrainedMember> {
  const { train, mlp: mlpParams }: { train: Train; mlp: Params } = trialSetup(plan.params);
  const config = { ...trainConfigOf(mlpParams, defaultTrainConfig), epochs: plan.cap, seed: plan.seed, ...(plan.warmStart && { warmStart: plan.warmStart }) };
  const { direction } = metricRecord(metric);
  const sign = direction === 'maximize' ? 1 : -1;
  const started = Date.now();
  let top: { score: number; epoch: number; weights: Uint8Array | undefined } | undefined;
  let timeUp = false;
  const refit = plan.refit === true;
  const last = await lastValueFrom(train(data, config).pipe(
    filter((event): event is EpochEvent => event.type === 'epoch'),
    map((event) => ({ event, score: refit ? 0 : validationScore(event, data.validation, metric) })),
    tap(({ event, score }) => {
      if (!refit && (!top || sign * (score - top.score) > 0)) top = { score, epoch: event.epoch, weights: event.checkpoint?.() };
    }),
    refit ? identity : stopWhenStale((e) => e.score, direction, patience, plan.atLeast),
    // Stops at the epoch whose end lands nearest the deadline: once half an epoch more would pass it.
    takeWhile(({ event }) => {
      const now = Date.now();
      const epoch = (now - started) / event.epoch;
      return !(timeUp = event.epoch >= plan.atLeast && now + epoch / 2 >= plan.until);
    }, true),
  ));
  const model = last.event.model;
  if (!model) throw new Error('final training gave no model');
  if (top?.weights && 'params' in model) restoreWeights(model as Model, top.weights);
  const epoch = top?.weights ? top.epoch : last.event.epoch;
  return { model, epoch, epochs: last.event.epoch, timeUp, seconds: (Date.now() - started) / 1000 };
}

/**
 * A trained network as JSON, to cross a thread: its figures, and its networks' specs and arrays (base64), which is all a
 * classifier the final model can hold is made of (see `networksOf`).
 */
export function memberJson(member: TrainedMember): { [key: string]: Json } {
  const networks = networksOf(member.model);
  const arrays = networkTensors(networks).data.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64'));
  const specs = networks.map((n) => JSON.parse(JSON.stringify(n.spec)) as Json);
  return { epoch: member.epoch, epochs: member.epochs, timeUp: member.timeUp, seconds: member.seconds, specs, arrays };
}

/** `memberJson` read back: the same networks (bit for bit), averaged when there are several. */
export function memberFromJson(json: { [key: string]: Json }): TrainedMember {
  const specs = json.specs as unknown as ModelSpec[];
  const networks = specs.map((spec) => mlp(spec, createRng(0)));
  const targets = networkTensors(networks).data;
  const values = (json.arrays as string[]).map((text, i) => {
    const bytes = Buffer.from(text, 'base64');
    const copy = new Uint8Array(bytes.byteLength);
    copy.set(bytes);
    return targets[i] instanceof Float64Array ? new Float64Array(copy.buffer) : new Float32Array(copy.buffer);
  });
  restoreNetworks(networks, values);
  const model = networks.length === 1 ? networks[0]! : averaged(networks);
  return { model, epoch: json.epoch as number, epochs: json.epochs as number, timeUp: json.timeUp as boolean, seconds: json.seconds as number };
}
