import { describe, expect, it } from 'vitest';
import { argmaxRule, createRng, fromRows, mlp, modelBytes, modelFromBytes } from '../../src/internal.ts';
import { maxHeaderBytes } from '../../src/model/container.ts';

const parts = (classes: number, test: object) => ({
  classifier: mlp({ inputs: 2, outputs: classes, hidden: [], activation: 'relu' as const, init: 'he', batchnorm: false, dropout: 0 }, createRng(1)),
  features: ['a', 'b'], classes: Array.from({ length: classes }, (_, c) => `class ${c}`), dataset: 'csv:x.csv', fingerprint: 'sha256:0',
  strategy: 'none', training: {}, decision: argmaxRule(classes), test, createdBy: 'test',
});

describe('model files of many classes', () => {
  it('a 1,500-class model with its test confusion matrix in the header loads back and predicts', () => {
    const classes = 1500;
    const confusion = Array.from({ length: classes }, (_, t) => Array.from({ length: classes }, (_, p) => (t === p ? 10 : 0)));
    const bytes = modelBytes(parts(classes, { accuracy: 1, confusion }));
    expect(bytes.readUInt32LE(12)).toBeGreaterThan(4 * 1024 * 1024);
    const model = modelFromBytes(bytes, 'many.skt');
    expect(model.header.classes).toHaveLength(classes);
    expect((model.header.test.confusion as number[][])[1499]![1499]).toBe(10);
    expect(model.predict(fromRows([[0.5, -1]], 'float64'))).toHaveLength(1);
  });

  it('saving refuses a header that loading would refuse, naming the sizes', () => {
    const test = { notes: 'x'.repeat(maxHeaderBytes) };
    expect(() => modelBytes(parts(2, test))).toThrow(`more than the ${maxHeaderBytes} a model file may hold`);
  });
});
