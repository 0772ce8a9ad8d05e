import { growable } from '../src/data/growable.ts';
import { InputError } from '../src/index.ts';
import { sortLabels } from './csv-cells.ts';

/**
 * The label column of a CSV file read record by record: every cell must name a class (a
 * missing one is refused with its row), and the classes are ordered as `sortLabels` does or,
 * for a test file, taken from the training file (a class it lacks is refused, by name).
 *
 * @example
 * const labels = labelColumn('d.csv', 'label', 2, (c) => c === '');
 * labels.add(['1', '2', 'b'], 1);
 * labels.finish(); // { y: Int32Array [0], classNames: ['b'] }
 */
export function labelColumn(path: string, name: string, column: number, isMissing: (cell: string) => boolean) {
  const index = new Map<string, number>();
  const texts: string[] = [];
  const codes = growable(Int32Array);
  return {
    add(cells: readonly string[], row: number): void {
      const cell = cells[column]!;
      if (isMissing(cell)) {
        throw new InputError(`${path}, data row ${row}, column "${name}": ${cell === '' ? 'the label is empty' : `the label ${JSON.stringify(cell)} marks a missing value`}`);
      }
      let code = index.get(cell);
      if (code === undefined) {
        code = texts.length;
        index.set(cell, code);
        texts.push(cell);
      }
      codes.push(code);
    },
    finish(trained?: readonly string[], trainedIn?: string): { y: Int32Array; classNames: string[] } {
      const classNames = trained ? [...trained] : sortLabels(texts);
      if (!trained && classNames.length < 2) {
        throw new InputError(`${path}: the label column "${name}" has a single class ("${classNames[0]}"); at least two are needed`);
      }
      const order = new Map(classNames.map((c, i) => [c, i]));
      const unseen = texts.find((t) => !order.has(t));
      if (unseen !== undefined) {
        throw new InputError(`${path}: class "${unseen}" of column "${name}" is not in the training file ${trainedIn ?? ''}; a model cannot predict it`);
      }
      const remap = texts.map((t) => order.get(t)!);
      const y = codes.finish();
      for (let i = 0; i < y.length; i++) y[i] = remap[y[i]!]!;
      return { y, classNames };
    },
  };
}
