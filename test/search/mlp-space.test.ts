import { describe, expect, it } from 'vitest';
import { defaultTrainConfig } from '../../src/nn/trainer.ts';
import { defaultMlpSpace, parseMlpSpace, trainConfigOf } from '../../src/search/mlp-space.ts';
import { planRound } from '../../src/search/sampling.ts';

const where = 'search.json: params';

describe('the MLP search space', () => {
  it.each([
    [{ lr: { kind: 'loguniform', low: 0.1, high: 0.01 } }, 'search.json: params.lr: low <= high must hold, but got (low=0.1, high=0.01)'],
    [{ lr: { kind: 'loguniform', low: 0, high: 0.01 } }, 'search.json: params.lr: loguniform needs low > 0, but got (low=0)'],
    [{ width: { kind: 'uniform', low: 0, high: 1 } }, 'search.json: params.width: unknown hyperparameter "width"; expected one of lr, l1, l2, dropout, hidden, batchSize, optimizer, init, activation, batchnorm'],
    [{ lr: { kind: 'gaussian', low: 0, high: 1 } }, 'search.json: params.lr.kind: unknown kind "gaussian"; expected one of uniform, loguniform, int, choice'],
    [{ hidden: { kind: 'choice', values: [] } }, 'search.json: params.hidden.values: a choice needs at least one value, but got []'],
    [{ optimizer: { kind: 'choice', values: ['adam', 'adamw'] } }, 'search.json: params.optimizer.values[1]: unknown optimizer "adamw"; expected one of sgd, momentum, adagrad, rmsprop, adam'],
    [{ optimizer: { kind: 'uniform', low: 0, high: 1 } }, 'search.json: params.optimizer.kind: optimizer takes kind choice, but got "uniform"'],
    [{ dropout: { kind: 'uniform', low: 0, high: 1 } }, 'search.json: params.dropout.high: Too big: expected number to be <1, but got 1'],
    [{ batchSize: { kind: 'int', low: 1.5, high: 4 } }, 'search.json: params.batchSize: int needs integer low and high, but got (low=1.5, high=4)'],
    [[1, 2], 'search.json: params: must be an object of hyperparameters, but got [1,2]'],
  ])('rejects %j with a line naming the field', (json, message) => {
    expect(() => parseMlpSpace(json, where)).toThrow(message);
  });

  it('accepts its own default space, whose samples the trainer accepts', () => {
    expect(parseMlpSpace(JSON.parse(JSON.stringify(defaultMlpSpace)), where)).toEqual(defaultMlpSpace);
    for (const { params } of planRound(defaultMlpSpace, { seed: 1, round: 1, count: 20, tried: [] })) {
      const config = trainConfigOf(params, defaultTrainConfig);
      expect(config.optimizer).toEqual({ name: params.optimizer, lr: params.lr });
      expect([config.hidden, config.batchSize, config.l2, config.dropout, config.batchnorm, config.init])
        .toEqual([params.hidden, params.batchSize, params.l2, params.dropout, params.batchnorm, params.init]);
    }
  });
});
