import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { studyBody, studyFinding, renderStudy, type StudyReport } from '../../src/internal.ts';
import type { Experiment } from './experiment.ts';

// The lecture's four steps on MNIST with `skewtune search` itself, run as a user runs it, and
// its report taken from the study's report.json: default space, 3 rounds of 12 trials.
const seed = 7;
const args = ['--dataset', 'mnist', '--rounds', '3', '--trials', '12', '--epochs', '2', '--final-epochs', '10', '--recheck', '5', '--seed', String(seed), '--workers', '2'];

export const searchStudyExperiment: Experiment = {
  name: 'search-study',
  async run() {
    const out = join(mkdtempSync(join(tmpdir(), 'skewtune-study-')), 'study');
    try {
      const bin = fileURLToPath(new URL('../../bin/skewtune.js', import.meta.url));
      execFileSync(process.execPath, [bin, 'search', ...args, '--out', out, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as StudyReport & { timing: unknown };
      // Timing and versions stay out of the committed numbers (the Reproduce section lists the versions).
      const { timing: _seconds, packages: _versions, receipt: _machine, ...numbers } = { ...report, command: `skewtune search ${args.join(' ')}` };
      const study: StudyReport = { ...numbers, packages: {}, receipt: report.receipt };
      return {
        title: 'Search study: the four-step random search on MNIST',
        finding: studyFinding(study),
        body: [
          `\`skewtune search ${args.join(' ')}\` over its default space: 12 configurations a round, each trained`,
          'for 2 epochs, the ranges narrowed twice; then the honesty check of step 2 and the final test.',
          '',
          studyBody(study).trimEnd(),
        ].join('\n'),
        charts: renderStudy(study).charts,
        json: numbers,
        seeds: [seed],
        data: study.dataset.fingerprints,
      };
    } finally {
      rmSync(join(out, '..'), { recursive: true, force: true });
    }
  },
};
