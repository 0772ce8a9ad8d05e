import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lastValueFrom, tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createStudy, journal, readStudy, type StudyFile } from '../../src/search/journal.ts';
import { search } from '../../src/search/pipeline.ts';
import { samplerNamed } from '../../src/search/samplers/registry.ts';
import type { Params, Space } from '../../src/search/space.ts';

const space: Space = { x: { kind: 'uniform', low: 0, high: 1 }, opt: { kind: 'choice', values: ['a', 'b', 'c'] } };
const score = (p: Params) => -Math.abs(Number(p.x) - 0.2) - (p.opt === 'a' ? 0 : 0.5);

describe('study.json and the sampler', () => {
  it('records the sampler with its options, and each round\'s explanation of its ranges', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sampler-')), 'study');
    const sampler = samplerNamed('narrowing');
    const study: StudyFile = { study: 's', seed: 1, config: {}, sampler: { name: sampler.name, options: sampler.options }, rounds: [], status: 'running' };
    createStudy(dir, study);
    await lastValueFrom(search(space, score, { rounds: 3, trials: 8, seed: 2, sampler }).pipe(tap(journal(dir, study))));
    const back = readStudy(dir).study;
    expect(back.sampler).toEqual({ name: 'narrowing', options: { top: 0.5, minTop: 2, margin: 0.1, minTried: 2, within: 'tpe' } });
    expect(back.rounds.map((r) => r.explanation === undefined)).toEqual([true, false, false]);
    expect(back.rounds[1]!.explanation).toMatchObject({ x: { trials: 8, best: 4 }, opt: { trials: 8, best: 4, values: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] } });
  });
});
