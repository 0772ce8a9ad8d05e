import { describe, expect, it } from 'vitest';
import { nextTask, runScheduled } from '../../src/study/schedule.ts';

describe('nextTask', () => {
  const tasks = ['none', 'smote', 'none', 'smote', 'focal'].map((group) => ({ group }));

  it('takes the first task of a group not yet timed', () => {
    expect(nextTask(tasks, new Map())).toBe(0);
    expect(nextTask(tasks, new Map([['none', 1]]))).toBe(1);
    expect(nextTask(tasks, new Map([['none', 1], ['smote', 2]]))).toBe(4);
  });

  it('then the earliest task of the group that took longest', () => {
    expect(nextTask(tasks, new Map([['none', 1], ['smote', 3], ['focal', 2]]))).toBe(1);
    expect(nextTask(tasks, new Map([['none', 4], ['smote', 3], ['focal', 2]]))).toBe(0);
  });
});

describe('runScheduled', () => {
  /** A lane that records which task it ran, finishing after `cost` turns of the event loop. */
  const lane = (name: string, log: string[]) => async (task: { group: string; id: number; cost: number }) => {
    for (let i = 0; i < task.cost; i++) await new Promise((resolve) => setImmediate(resolve));
    log.push(`${name}:${task.id}`);
    return task.id * 10;
  };

  it('returns the results in the order of the tasks, whichever lane ran each', async () => {
    const tasks = Array.from({ length: 7 }, (_, id) => ({ group: `g${id % 3}`, id, cost: (id * 5) % 4 }));
    const log: string[] = [];
    expect(await runScheduled(tasks, [lane('a', log), lane('b', log), lane('c', log)])).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(log).toHaveLength(7);
    expect(new Set(log.map((l) => l.split(':')[0]))).toEqual(new Set(['a', 'b', 'c']));
  });

  it('stops handing out tasks once one fails', async () => {
    const tasks = Array.from({ length: 5 }, (_, id) => ({ group: 'g', id }));
    const ran: number[] = [];
    const failing = async (task: { id: number }) => {
      ran.push(task.id);
      if (task.id === 1) throw new Error('run 1 failed');
      return task.id;
    };
    await expect(runScheduled(tasks, [failing])).rejects.toThrow('run 1 failed');
    expect(ran).toEqual([0, 1]);
  });
});
