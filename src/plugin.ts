/**
 * The plugin API (package export `skewtune/plugin`): what a strategy or a dataset loader is built
 * from, and all that strategies/ and datasets/ import from src/. Narrow on purpose: a worker thread
 * that loads a strategy loads these modules and no more (no database client, no report, no search).
 *
 * @module skewtune/plugin
 */

export { InputError } from './errors.ts';
export { decimalNumber } from './decimal.ts';
export { checkRegularFile } from './files/regular-file.ts';
export type { Strategy } from './strategy.ts';
export { createRng, type Rng } from './tensor/rng.ts';
export { dtypeOf, fromArray, kernelMatrix, matrix, sliceRows, takeRows, type DType, type Matrix } from './tensor/matrix.ts';
export { matmulTransB } from './tensor/gemm.ts';
export { rowMax } from './tensor/softmax.ts';
export { classCounts, indicesByClass, subset, type CategoricalGroup, type Dataset } from './data/dataset.ts';
export type { DataSource } from './data/prepare.ts';
export { encode, fitEncoder, type Scaling } from './data/encoder.ts';
export {
  allRows, defaultMissingValues, maxDistinctLevels, type ColumnKind, type LabelledTable, type Table, type TableColumn,
} from './data/table.ts';
export { growable } from './data/growable.ts';
export { tableOptionsOf, type TableOptions } from './data/table-options.ts';
export type { Loss } from './nn/loss.ts';
export type { Classifier } from './nn/model.ts';
export type { EpochRecord, TrainEvent } from './nn/trainer.ts';
export { averaged } from './nn/averaged.ts';
export { checkSize } from './nn/network-size.ts';
export { canonical, type Hyperparameter, type Json, type Params, type Space } from './search/space.ts';
