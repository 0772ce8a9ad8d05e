import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findEntries, studyViewOf } from '../../src/dashboard/entries.ts';
import { tempDir } from '../helpers/files.ts';

describe('the dashboard over a directory holding FIFOs', () => {
  it('lists and shows what it can read instead of blocking its one thread on the FIFO', () => {
    const root = tempDir();
    mkdirSync(join(root, 'live'));
    writeFileSync(join(root, 'live', 'study.json'), JSON.stringify({ study: 's', seed: 1, config: {}, rounds: [], status: 'running' }));
    spawnSync('mkfifo', [join(root, 'live', 'trials.jsonl')]);
    spawnSync('mkfifo', [join(root, 'live', 'rungs.jsonl')]);
    mkdirSync(join(root, 'odd'));
    spawnSync('mkfifo', [join(root, 'odd', 'report.json')]);
    const entries = findEntries([root]);
    expect(entries.map((e) => [e.id, e.kind])).toEqual([['live', 'study']]);
    expect(studyViewOf(entries[0]!)?.trials).toEqual([]);
  });
});
