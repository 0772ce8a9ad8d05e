import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readImportGraph, type Edge, type ImportGraph } from './architecture/import-graph.ts';
import { maxLines, rules } from './architecture/rules.ts';
import { spreadCalls, spreadCallsUnder } from './architecture/spreads.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const project = readImportGraph(root, ['src', 'strategies', 'datasets', 'reports', 'bin']);

describe.each(rules.map((r) => [r.name, r] as const))('architecture: %s', (_, rule) => {
  it(`holds (${rule.why})`, () => {
    expect(rule.check(project)).toEqual([]);
  });
});

describe('the import graph', () => {
  it('reads static, type-only, dynamic and worker-URL imports', () => {
    const edges = (file: string) => project.get(file)!.imports.map((e) => e.to);
    expect(edges('src/search/worker.js')).toContain('src/search/worker-task.ts');
    expect(edges('src/search/worker-executor.ts')).toContain('src/search/worker.js');
    expect(project.get('src/nn/trainer.ts')!.imports).toContainEqual({ to: 'src/data/dataset.ts', typeOnly: true });
    expect(edges('src/cli/main.ts').length).toBeGreaterThan(3);
  });
});

/** A fake project: each file's imports as `path` or `type:path`, and optionally its length. */
function fake(files: Record<string, string[]>, lines: Record<string, number> = {}): ImportGraph {
  const edge = (spec: string): Edge => (spec.startsWith('type:') ? { to: spec.slice(5), typeOnly: true } : { to: spec, typeOnly: false });
  return new Map(Object.entries(files).map(([file, imports]) => [file, { lines: lines[file] ?? 10, imports: imports.map(edge) }]));
}

const ruleNamed = (start: string) => rules.find((r) => r.name.startsWith(start))!;

describe('the rules catch what breaks them (a test of the test)', () => {
  const broken: [string, string, ImportGraph][] = [
    ['tensor is the floor', 'src/tensor/matrix.ts → src/errors.ts', fake({ 'src/tensor/matrix.ts': ['src/errors.ts'] })],
    ['nn stands on tensor alone', 'src/nn/model.ts → src/metrics/evaluate.ts', fake({ 'src/nn/model.ts': ['src/metrics/evaluate.ts'] })],
    ['nn stands on tensor alone', 'src/nn/trainer.ts → src/data/dataset.ts', fake({ 'src/nn/trainer.ts': ['src/data/dataset.ts'] })],
    ['search meets nn', 'src/search/pipeline.ts → src/nn/trainer.ts', fake({ 'src/search/pipeline.ts': ['type:src/nn/trainer.ts'] })],
    ['the core knows', 'src/report/study.ts → strategies/registry.ts', fake({ 'src/report/study.ts': ['strategies/registry.ts'] })],
    ['the core knows', 'src/data/prepare.ts → datasets/mnist.ts', fake({ 'src/data/prepare.ts': ['datasets/mnist.ts'] })],
    ['nobody imports', 'reports/experiments/imbalance.ts → src/cli/compare.ts', fake({ 'reports/experiments/imbalance.ts': ['src/cli/compare.ts'] })],
    ['nobody imports', 'src/study/task.ts → src/cli/data-options.ts', fake({ 'src/study/task.ts': ['src/cli/data-options.ts'] })],
    ['plugins reach src', 'strategies/smote.ts → src/internal.ts', fake({ 'strategies/smote.ts': ['src/plugin.ts', 'src/internal.ts'] })],
    ['plugins reach src', 'datasets/csv.ts → src/errors.ts', fake({ 'datasets/csv.ts': ['src/errors.ts'] })],
    ['the plugin API is narrow', 'src/plugin.ts ⇢ src/search/postgres-queue.ts', fake({ 'src/plugin.ts': ['src/tensor/matrix.ts'], 'src/tensor/matrix.ts': ['src/search/postgres-queue.ts'] })],
    ['no import cycles', 'src/a.ts → src/b.ts → src/a.ts', fake({ 'src/a.ts': ['src/b.ts'], 'src/b.ts': ['type:src/a.ts'] })],
    ['no cycle between folders', 'src/model → src/report → src/model: src/model/save.ts → src/report/write.ts; src/report/study-types.ts → src/model/decide.ts',
      fake({ 'src/model/save.ts': ['src/report/write.ts'], 'src/report/study-types.ts': ['type:src/model/decide.ts'] })],
    ['no cycle between folders', 'src/data → src/nn → src/search → src/data: src/data/a.ts → src/nn/b.ts; src/nn/c.ts → src/search/d.ts; src/search/e.ts → src/data/f.ts',
      fake({ 'src/data/a.ts': ['src/nn/b.ts'], 'src/nn/c.ts': ['src/search/d.ts'], 'src/search/e.ts': ['src/data/f.ts'] })],
    ['each folder imports', 'src/model/save.ts → src/report/write.ts: src/model may not import src/report, a higher layer', fake({ 'src/model/save.ts': ['src/report/write.ts'] })],
    ['each folder imports', 'src/tensor/matrix.ts → src/data/table.ts: src/tensor may not import src/data, a higher layer', fake({ 'src/tensor/matrix.ts': ['type:src/data/table.ts'] })],
    ['each folder imports', 'src/cli/main.ts → src/jobs/queue.ts: src/jobs is in no layer', fake({ 'src/cli/main.ts': ['src/jobs/queue.ts'] })],
    ['no source file', `src/big.ts: ${maxLines + 1} lines`, fake({ 'src/big.ts': [] }, { 'src/big.ts': maxLines + 1 })],
  ];
  it.each(broken)('%s: %s', (name, message, graph) => {
    expect(ruleNamed(name).check(graph)).toEqual([message]);
  });

  const allowed: [string, ImportGraph][] = [
    ['nn stands on tensor alone', fake({ 'src/nn/trainer.ts': ['type:src/data/dataset.ts', 'src/tensor/matrix.ts', 'src/errors.ts'] })],
    ['search meets nn', fake({ 'src/search/mlp-space.ts': ['src/nn/init.ts'] })],
    ['the core knows', fake({ 'src/study/trial-space.ts': ['strategies/registry.ts'], 'src/cli/datasets.ts': ['datasets/registry.ts'] })],
    ['plugins reach src', fake({ 'strategies/smote.ts': ['src/plugin.ts', 'strategies/targets.ts'], 'datasets/csv.ts': ['src/plugin.ts'] })],
    ['the plugin API is narrow', fake({ 'src/plugin.ts': ['src/tensor/matrix.ts', 'type:src/search/pipeline.ts'] })],
    ['nobody imports', fake({ 'bin/skewtune.js': ['src/cli/main.ts'], 'src/cli/main.ts': ['src/cli/train.ts'] })],
    ['no import cycles', fake({ 'src/a.ts': ['src/b.ts'], 'src/b.ts': ['src/c.ts'], 'src/c.ts': [] })],
    ['no cycle between folders', fake({
      'src/model/save.ts': ['src/files/write-atomic.ts'], 'src/report/study-types.ts': ['type:src/model/decide.ts'], 'src/search/a.ts': ['src/search/b.ts'], 'src/search/b.ts': ['src/search/a.ts'],
    })],
    ['each folder imports', fake({
      'src/report/study-types.ts': ['type:src/model/decide.ts'], 'src/cli/main.ts': ['src/study/start.ts', 'src/errors.ts'], 'src/data/hash.ts': ['src/data/source.ts'],
      'src/search/trial.ts': ['src/metrics/registry.ts'], 'src/bundle/fresh-bundle.js': ['dist/manifest.json'], 'strategies/smote.ts': ['src/plugin.ts'],
    })],
    ['no source file', fake({ 'src/ok.ts': [] }, { 'src/ok.ts': maxLines })],
  ];
  it.each(allowed.map(([name, graph]) => [name, graph] as const))('%s: lets the design through', (name, graph) => {
    expect(ruleNamed(name).check(graph)).toEqual([]);
  });
});

describe('no array spread into a list call (push, Math.max, …): a data-sized array overflows the call stack', () => {
  it('holds in src, strategies and datasets', () => {
    expect(spreadCallsUnder(root, ['src', 'strategies', 'datasets'])).toEqual([]);
  });

  it.each([
    ['held.push(...shuffled.slice(0, cut));'],
    ['const width = Math.max(5, ...names.map((c) => c.length));'],
    ['const low = Math.min(...values);'],
    ['out.unshift(...head);'],
  ])('catches %s', (line) => {
    expect(spreadCalls('src/x.ts', `const a = 1;\n  ${line}\n`)).toEqual([`src/x.ts:2: ${line}`]);
  });

  it.each([
    ['const widths = [inputs, ...hidden, outputs];'],
    ['held.push(index);'],
    ['const m = { ...rule, bias };'],
    ['* lines.push(...recheckSection(report));'],
    ['const top = terms.reduce((a, b) => Math.max(a, b), -Infinity);'],
    ["lines.push([...kept, label].join(','));"],
    ['rounds.push({ round, ...extra });'],
  ])('lets %s through', (line) => {
    expect(spreadCalls('src/x.ts', line)).toEqual([]);
  });
});
