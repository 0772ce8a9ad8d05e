import { describe, expect, it } from 'vitest';
import { executorSpec } from '../../src/study/executors.ts';
import { InputError } from '../../src/errors.ts';
import type { TrialJob } from '../../src/search/executor.ts';
import type { Step } from '../../src/search/objective.ts';
import { databaseAddress, trialJobId } from '../../src/search/postgres-queue.ts';
import { decodeSteps, encodeSteps, failureMessage } from '../../src/search/postgres-result.ts';
import { jobProblem, parseTrialJob, type StudyRecord } from '../../src/search/postgres-studies.ts';

describe('database URLs', () => {
  it('show everything but the password', () => {
    const address = databaseAddress('postgres://ann:p%40ss@db.lan:5433/skewtune?password=x&sslmode=require', '--connect');
    expect(address.shown).toBe('postgres://ann@db.lan:5433/skewtune');
    expect(address.password).toBe('p@ss');
    expect(databaseAddress('postgresql://ann@db.lan/s?password=secret', 'X').password).toBe('secret');
  });

  it.each([
    ['hunter2', /^--connect: not a URL; expected postgres:\/\/USER\[:PASSWORD\]@HOST\[:PORT\]\/DATABASE$/],
    ['mysql://ann:hunter2@db.lan/s', /^--connect: mysql:\/\/ann@db.lan\/s is not a PostgreSQL URL/],
    ['postgres://ann:hunter2@db.lan', /^--connect: postgres:\/\/ann@db.lan\/? names no database/],
  ])('reject %s without echoing the password', (url, message) => {
    expect(() => databaseAddress(url, '--connect')).toThrow(InputError);
    expect(() => databaseAddress(url, '--connect')).toThrow(message);
    try {
      databaseAddress(url, '--connect');
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('where a search sends its trials', () => {
  const url = 'postgres://ann:pw@db.lan/s';
  it.each([
    [undefined, {}, { spec: 'local', where: '--executor' }],
    [undefined, { SKEWTUNE_DATABASE_URL: url }, { spec: url, where: 'SKEWTUNE_DATABASE_URL' }],
    ['local', { SKEWTUNE_DATABASE_URL: url }, { spec: 'local', where: '--executor' }],
    ['postgres', { SKEWTUNE_DATABASE_URL: url }, { spec: url, where: 'SKEWTUNE_DATABASE_URL' }],
    [url, {}, { spec: url, where: '--executor' }],
  ])('--executor %s with %j', (flag, env, expected) => {
    expect(executorSpec(flag, env)).toEqual(expected);
  });

  it('--executor postgres without SKEWTUNE_DATABASE_URL is an input error', () => {
    expect(() => executorSpec('postgres', {})).toThrow(/--executor postgres: give its URL \(--executor postgres:\/\/…\) or set SKEWTUNE_DATABASE_URL/);
  });
});

describe('trial job ids', () => {
  it('are UUIDs that depend on study, round and index only', () => {
    const id = trialJobId({ study: 's1', round: 2, index: 5 });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(trialJobId({ study: 's1', round: 2, index: 5 })).toBe(id);
    const others = [{ study: 's2', round: 2, index: 5 }, { study: 's1', round: 1, index: 5 }, { study: 's1', round: 2, index: 4 }, { study: 's1', round: 25, index: 0 }];
    expect(new Set([id, ...others.map(trialJobId)]).size).toBe(5);
  });
});

describe('trial results in a job', () => {
  it('come back with their fields in order, and a non-finite score as a number', () => {
    const steps: Step[] = [{ epoch: 1, score: 0.5, loss: 2.25 }, { epoch: 2, score: Number.NaN, loss: null }, { score: Number.NEGATIVE_INFINITY }];
    // jsonb reorders keys, so the output must survive as text whatever the database does to objects.
    const stored = JSON.parse(JSON.stringify(encodeSteps(steps)));
    const back = decodeSteps(stored);
    expect(back).toEqual(steps);
    expect(back.map((s) => Object.keys(s))).toEqual(steps.map((s) => Object.keys(s)));
  });

  it.each([
    [{ value: 'x' }, 'the job was completed without a trial result (no "steps" text)'],
    [{ steps: '[{"score":' }, 'the job\'s result is not JSON'],
    [{ steps: '[{"score":"high"}]' }, 'the job\'s result is not a list of steps: 0.score: Invalid input'],
  ])('that are not one are an error naming the problem: %j', (output, message) => {
    expect(() => decodeSteps(output)).toThrow(message);
  });

  it.each([
    [{ message: 'boom' }, 'boom'],
    [{ value: { message: 'job failed by timeout in active state' } }, 'job failed by timeout in active state'],
    [{ value: 'pg-boss shut down while active' }, 'pg-boss shut down while active'],
    [null, 'no reason given (output null)'],
  ])('failures give their reason, whoever failed them: %j', (output, reason) => {
    expect(failureMessage(output)).toBe(reason);
  });
});

describe('checking a job against its study', () => {
  const study: StudyRecord = {
    id: 's1',
    space: {
      lr: { kind: 'loguniform', low: 1e-4, high: 0.1 },
      hidden: { kind: 'choice', values: [[16], [32, 16]] },
      batchSize: { kind: 'int', low: 16, high: 64 },
    },
    task: { dataset: 'mnist', dataHash: 'sha256:aa' },
  };
  const job: TrialJob = { study: 's1', round: 2, index: 3, seed: 9, params: { lr: 0.01, hidden: [32, 16], batchSize: 32 }, task: { dataHash: 'sha256:aa', dataset: 'mnist' } };

  it('accepts parameters inside the space and the study\'s task, whatever the order of keys', () => {
    expect(jobProblem(job, study)).toBeUndefined();
  });

  it.each([
    [{ params: { ...job.params, lr: 5 } }, 'params.lr = 5 lies outside the study\'s range 0.0001..0.1 (log)'],
    [{ params: { ...job.params, hidden: [4096] } }, 'params.hidden = [4096] lies outside the study\'s range [16] | [32,16]'],
    [{ params: { ...job.params, batchSize: 32.5 } }, 'params.batchSize = 32.5 lies outside the study\'s range 16..64 int'],
    [{ params: { ...job.params, code: 'process.exit()' } }, 'params.code is not a hyperparameter of the study; it has lr, hidden, batchSize'],
    [{ params: { lr: 0.01, hidden: [16] } }, 'params.batchSize is missing; the study samples lr, hidden, batchSize'],
    [{ task: { dataset: 'csv:/etc/passwd', dataHash: 'sha256:aa' } }, 'its task is not the study\'s: task.dataset is "csv:/etc/passwd", the study\'s "mnist"'],
  ])('rejects %j', (change, problem) => {
    expect(jobProblem({ ...job, ...change }, study)).toBe(problem);
  });

  it('follows the conditions of the space: a hyperparameter that does not apply must be left out', () => {
    const conditional: StudyRecord = {
      ...study,
      space: { strategy: { kind: 'choice', values: ['none', 'smote'] }, 'smote.k': { kind: 'int', low: 1, high: 5, when: { strategy: ['smote'] } } },
    };
    const trial = (params: TrialJob['params']) => ({ ...job, params });
    expect(jobProblem(trial({ strategy: 'none' }), conditional)).toBeUndefined();
    expect(jobProblem(trial({ strategy: 'smote', 'smote.k': 3 }), conditional)).toBeUndefined();
    expect(jobProblem(trial({ strategy: 'smote' }), conditional)).toBe('params.smote.k is missing; the study samples strategy, smote.k');
    expect(jobProblem(trial({ strategy: 'none', 'smote.k': 3 }), conditional)).toBe('params.smote.k is given, but the study sets it only when strategy is one of ["smote"]');
  });

  it('reads a job\'s data as a trial, or says which field is wrong', () => {
    expect(parseTrialJob(JSON.parse(JSON.stringify(job)))).toEqual(job);
    expect(() => parseTrialJob({ ...job, round: 0 })).toThrow(/^not a trial job: round: Too small/);
    expect(() => parseTrialJob('rm -rf /')).toThrow(/^not a trial job: the data: /);
  });
});
