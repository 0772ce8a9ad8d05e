import { InputError } from '../errors.ts';
import type { Classifier, Model } from '../nn/model.ts';
import type { TensorData, TensorEntry } from './container.ts';

const isModel = (c: Classifier): c is Model => 'layers' in c && 'spec' in c;

/**
 * The networks behind a trained classifier: itself when it is one network, the members of
 * an ensemble otherwise. A classifier of another kind cannot be saved.
 */
export function networksOf(classifier: Classifier): Model[] {
  if (isModel(classifier)) return [classifier];
  if (classifier.members && classifier.members.length > 0) return classifier.members.flatMap(networksOf);
  throw new InputError('this strategy\'s model is neither a network nor an ensemble of networks, so it cannot be saved');
}

/**
 * Every array a network's inference reads, named `m{member}/l{layer}/{param}` (float32
 * weights, biases, batch-norm γ and β) and `m{member}/l{layer}/state{i}` (float64 running
 * statistics), in layer order.
 */
export function networkTensors(models: readonly Model[]): { entries: TensorEntry[]; data: TensorData[] } {
  const entries: TensorEntry[] = [];
  const data: TensorData[] = [];
  models.forEach((model, m) => model.layers.forEach((layer, l) => {
    for (const p of layer.params) {
      entries.push({ name: `m${m}/l${l}/${p.name}`, dtype: 'float32', shape: [p.value.rows, p.value.cols] });
      data.push(p.value.data);
    }
    layer.buffers?.forEach((s, i) => {
      entries.push({ name: `m${m}/l${l}/state${i}`, dtype: 'float64', shape: [1, s.length] });
      data.push(s);
    });
  }));
  return { entries, data };
}

/** Copies saved values into freshly built networks of the same shape (checked by the caller). */
export function restoreNetworks(models: readonly Model[], values: readonly TensorData[]): void {
  const targets = networkTensors(models).data;
  targets.forEach((target, i) => target.set(values[i]!));
}
