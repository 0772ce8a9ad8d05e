import { cycles } from './cycles.ts';
import { folderCycles, layerBreaks } from './folders.ts';
import type { ImportGraph } from './import-graph.ts';

/** Where a path lies: `src/tensor/matrix.ts` is under `src/tensor`. */
const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

/**
 * The parts of `src/` that compose the rest with strategies and datasets: the study, the command
 * line, and the library's public entry (which offers the strategies and dataset loaders by name).
 */
const compositionRoots = ['src/study', 'src/cli', 'src/index.ts'];

/** What strategies/ and datasets/ import from src/: the plugin API, and nothing else. */
export const pluginApi = 'src/plugin.ts';

/** Where the plugin API's code may come from: no search pipeline, database client, metric or report. */
const pluginFloor = ['src/tensor', 'src/data', 'src/nn', 'src/errors.ts', 'src/decimal.ts', 'src/files/regular-file.ts', 'src/strategy.ts', 'src/search/space.ts', pluginApi];

/** Every file `start` loads, through imports that carry code (type-only ones are erased). */
function loadedBy(graph: ImportGraph, start: string): string[] {
  const seen = new Set<string>();
  const todo = [start];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const e of graph.get(file)?.imports ?? []) if (!e.typeOnly) todo.push(e.to);
  }
  return [...seen];
}

/** The one file of `src/search` that may speak of the MLP trainer: the MLP's hyperparameters as a search space. */
export const searchNnAdapter = 'src/search/mlp-space.ts';

/** The longest a source file may be. */
export const maxLines = 250;

/** A rule of the design, checked on an import graph: the broken imports (or files), one line each. */
export interface Rule {
  name: string;
  why: string;
  check(graph: ImportGraph): string[];
}

/** Every import from `from` to `to` that `allowed` refuses, as `a → b`. */
function edgesBreaking(graph: ImportGraph, from: (file: string) => boolean, allowed: (to: string, typeOnly: boolean, file: string) => boolean): string[] {
  return [...graph].filter(([file]) => from(file)).flatMap(([file, { imports }]) =>
    imports.filter((e) => !allowed(e.to, e.typeOnly, file)).map((e) => `${file} → ${e.to}`));
}

/** The walls of skewtune's design (DESIGN.md, "Layout"), each short and named. */
export const rules: readonly Rule[] = [
  {
    name: 'tensor is the floor',
    why: 'the kernels can be swapped or reused only if src/tensor knows no other part of the project',
    check: (g) => edgesBreaking(g, (f) => under(f, 'src/tensor'), (to) => under(to, 'src/tensor')),
  },
  {
    name: 'nn stands on tensor alone',
    why: 'the trainer is a library of its own; it reads the Dataset type (its input) from src/data, a type and no code',
    check: (g) => edgesBreaking(g, (f) => under(f, 'src/nn'), (to, typeOnly) =>
      under(to, 'src/nn') || under(to, 'src/tensor') || to === 'src/errors.ts' || (typeOnly && to === 'src/data/dataset.ts')),
  },
  {
    name: 'search meets nn in one adapter',
    why: `the search is generic over objectives; only ${searchNnAdapter} names the MLP's settings`,
    check: (g) => edgesBreaking(g, (f) => under(f, 'src/search') && f !== searchNnAdapter, (to) => !under(to, 'src/nn')),
  },
  {
    name: 'the core knows no strategy, dataset or report',
    why: 'strategies/, datasets/ and reports/ plug into src/; only the composition (src/study, src/cli) wires them in',
    check: (g) => edgesBreaking(g, (f) => under(f, 'src') && !compositionRoots.some((r) => under(f, r)),
      (to) => !['strategies', 'datasets', 'reports'].some((d) => under(to, d))),
  },
  {
    name: 'plugins reach src through the plugin API',
    why: `strategies/ and datasets/ import ${pluginApi} alone, so a worker thread that loads a strategy loads no more of src/ than it needs`,
    check: (g) => edgesBreaking(g, (f) => under(f, 'strategies') || under(f, 'datasets'), (to) => !under(to, 'src') || to === pluginApi),
  },
  {
    name: 'the plugin API is narrow',
    why: `${pluginApi} loads the tensor, data and nn code and the search space, never the search pipeline, a database client or a report`,
    check: (g) => loadedBy(g, pluginApi).filter((f) => under(f, 'src') && !pluginFloor.some((d) => under(f, d))).map((f) => `${pluginApi} ⇢ ${f}`),
  },
  {
    name: 'nobody imports the command line',
    why: 'src/cli parses, calls and prints; a library user or a worker must not need it (only bin/ starts it)',
    check: (g) => edgesBreaking(g, (f) => !under(f, 'src/cli') && !under(f, 'bin'), (to) => !under(to, 'src/cli')),
  },
  {
    name: 'no import cycles',
    why: 'a cycle (even of types) makes two files one: neither can be read, tested or loaded alone',
    check: (g) => cycles(g.keys(), (v) => g.get(v)!.imports.map((e) => e.to)).map((c) => `${c.join(' → ')} → ${c[0]}`),
  },
  {
    name: 'no cycle between folders',
    why: 'a cycle of folders (src/model ⇄ src/report) makes them one part, though no two files close it',
    check: folderCycles,
  },
  {
    name: 'each folder imports its own layer or lower ones',
    why: 'the layers (test/architecture/folders.ts) say what may build on what, so a low folder can be read and reused alone',
    check: layerBreaks,
  },
  {
    name: `no source file over ${maxLines} lines`,
    why: 'one idea per file, read in one sitting',
    check: (g) => [...g].filter(([, f]) => f.lines > maxLines).map(([file, f]) => `${file}: ${f.lines} lines`),
  },
];
