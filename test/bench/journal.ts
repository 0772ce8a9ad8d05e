// The file journal of a study of 1,000 one-trial rounds of the MLP space, narrowing: seconds and the bytes of each file it
// leaves (each round is appended to rounds.jsonl; study.json is written whole when the study ends).
// Alone: npx tsx test/bench/journal.ts (one JSON object a line).
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { lastValueFrom, tap } from 'rxjs';
import { createStudy, journal, type StudyFile } from '../../src/search/journal.ts';
import { search } from '../../src/search/pipeline.ts';
import { defaultMlpSpace } from '../../src/search/mlp-space.ts';
import { narrowingSampler } from '../../src/search/samplers/narrowing.ts';

export async function journalBenchmarks(): Promise<object[]> {
  const root = mkdtempSync(join(tmpdir(), 'journal-bench-'));
  const dir = join(root, 'study');
  const rounds = 1000;
  const study: StudyFile = { study: 's', seed: 1, config: {}, rounds: [], status: 'running' };
  try {
    createStudy(dir, study);
    const started = performance.now();
    // The MLP's space and the narrowing sampler, whose explanation of each round is most of a round's line.
    const score = (p: Record<string, unknown>) => 1 / (1 + Math.abs(Math.log10(Number(p.lr)) + 2.5));
    await lastValueFrom(search(defaultMlpSpace, score, { rounds, trials: 1, seed: 1, sampler: narrowingSampler() }).pipe(tap(journal(dir, study))));
    const bytes = (file: string) => (existsSync(join(dir, file)) ? statSync(join(dir, file)).size : 0);
    return [{
      name: 'journal', rounds, trialsPerRound: 1, seconds: (performance.now() - started) / 1000,
      studyJsonBytes: bytes('study.json'), roundsJsonlBytes: bytes('rounds.jsonl'), trialsJsonlBytes: bytes('trials.jsonl'),
    }];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await journalBenchmarks()) console.log(JSON.stringify(row));
}
