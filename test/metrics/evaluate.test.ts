import { describe, expect, it } from 'vitest';
import { evaluate, fromRows, predictions, type Classifier, type Dataset } from '../../src/internal.ts';

// A classifier whose probabilities are the features themselves: easy to reason about.
const echo: Classifier = { classes: 2, predictProba: (x) => x };
const ds: Dataset = {
  x: fromRows([[0.9, 0.1], [0.3, 0.7], [0.6, 0.4], [0.2, 0.8]]),
  y: Int32Array.from([0, 0, 1, 1]),
  classNames: ['a', 'b'],
  featureNames: ['p0', 'p1'],
};

describe('evaluate', () => {
  it('labels each row with its most probable class', () => {
    expect(Array.from(predictions(echo, ds).predicted)).toEqual([0, 1, 0, 1]);
  });

  it('reports the label metrics and the AUCs from the probabilities', () => {
    const m = evaluate(echo, ds);
    expect(m.accuracy).toBe(0.5);
    // class b scores .1 .7 | .4 .8: pairs (.4 > .1), (.8 > .1), (.8 > .7) right, (.4 < .7) wrong
    expect(m.perClass[1]!.rocAuc).toBe(0.75);
    expect(m.rocAuc).toBe(0.75);
    expect(Object.keys(m)).toEqual(expect.arrayContaining(
      ['accuracy', 'balancedAccuracy', 'macroF1', 'weightedF1', 'gmean', 'mcc', 'rocAuc', 'prAuc', 'confusion', 'perClass']));
  });
});
