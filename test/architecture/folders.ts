import { cycles } from './cycles.ts';
import type { ImportGraph } from './import-graph.ts';

/**
 * The loose files of src/ that stand apart from the rest of src/'s loose files: the three entries
 * gather every layer, so they sit above them, and the Strategy type is the plugin API's. The
 * other loose files (errors, numbers, limits) are one part, the floor.
 */
const looseParts: Record<string, string> = {
  'src/index.ts': 'src/index.ts',
  'src/internal.ts': 'src/internal.ts',
  'src/plugin.ts': 'src/plugin.ts',
  'src/strategy.ts': 'src/plugin.ts',
};

/**
 * The part of the project a file belongs to: its folder of src/ (`src/search/samplers/tpe.ts` is
 * in `src/search`), `src` for the loose files of src/ but the entries, or its top folder.
 *
 * @example
 * partOf('src/search/samplers/tpe.ts'); // 'src/search'
 */
export function partOf(file: string): string {
  const segments = file.split('/');
  if (segments[0] !== 'src') return segments[0]!;
  return segments.length > 2 ? `src/${segments[1]}` : (looseParts[file] ?? 'src');
}

/**
 * The layers of the project, low to high: a part imports only from its own layer or lower ones
 * (docs/architecture.md, "Layers"). Each line says what the layer is for.
 */
export const layers: readonly (readonly string[])[] = [
  // kernels; errors, numbers, limits; file helpers; text for people; the bundle's guard
  ['src/tensor', 'src', 'src/files', 'src/text', 'src/bundle'],
  ['src/data'], // datasets, splits, encoders, fingerprints
  ['src/nn'], // the trainer (reads the Dataset type)
  ['src/metrics', 'src/search'], // scores; the generic search (its MLP adapter names the nn settings)
  ['src/plugin.ts'], // what a strategy or a dataset loader is built from
  ['strategies', 'datasets'],
  ['src/model'], // the saved, tuned model
  ['src/report'], // tables, charts, report text
  ['src/storage', 'src/dashboard'], // where a study lives; its live view
  ['src/study'], // composes a study
  ['src/cli', 'src/index.ts', 'src/internal.ts', 'bin', 'reports'], // the entries
];

/**
 * Imports the folder walls let through for now, each with why (`from → to`): none. An exception
 * names one import that needs a bigger move than the pass that found it.
 */
export const folderExceptions: Readonly<Record<string, string>> = {};

/** Where the project's source lies; an import of anything else (package.json, dist/) has no layer and is left out. */
const sourceTops = ['src', 'strategies', 'datasets', 'reports', 'bin'];

/** The import graph's file imports between two source files of different parts, but the exceptions. */
function crossings(graph: ImportGraph): { file: string; to: string; edge: string }[] {
  const source = (path: string) => sourceTops.includes(path.split('/')[0]!);
  return [...graph].filter(([file]) => source(file)).flatMap(([file, { imports }]) => imports
    .map(({ to }) => ({ file, to, edge: `${file} → ${to}` }))
    .filter(({ to, edge }) => source(to) && partOf(to) !== partOf(file) && !(edge in folderExceptions)));
}

/** Between two parts, the file imports that make the edge, as `a → b`. */
type FolderGraph = Map<string, Map<string, string[]>>;

/** The import graph collapsed to parts: an edge for each pair of parts some file import joins. */
function folderGraph(graph: ImportGraph): FolderGraph {
  const folders: FolderGraph = new Map();
  for (const { file, to, edge } of crossings(graph)) {
    const [from, target] = [partOf(file), partOf(to)];
    if (!folders.has(from)) folders.set(from, new Map());
    const edges = folders.get(from)!;
    edges.set(target, [...(edges.get(target) ?? []), edge]);
  }
  return folders;
}

/** A shortest way from `start` back to itself through `within` (a strongly connected component holds one). */
function loopThrough(folders: FolderGraph, start: string, within: readonly string[]): string[] {
  const cameFrom = new Map<string, string>();
  const todo = [start];
  for (let i = 0; i < todo.length; i++) {
    const v = todo[i]!;
    for (const to of folders.get(v)?.keys() ?? []) {
      if (!within.includes(to) || cameFrom.has(to)) continue;
      cameFrom.set(to, v);
      if (to === start) break;
      todo.push(to);
    }
    if (cameFrom.has(start)) break;
  }
  const path = [start];
  for (let v = cameFrom.get(start)!; v !== start; v = cameFrom.get(v)!) path.unshift(v);
  return [start, ...path];
}

/** The file imports shown for one edge of a cycle: the first three, and how many more. */
function named(edges: readonly string[]): string {
  return edges.slice(0, 3).join(', ') + (edges.length > 3 ? ` (+${edges.length - 3} more)` : '');
}

/**
 * Every cycle between parts, one line each: the parts around it, then the file imports that make
 * each of its edges.
 *
 * @example
 * folderCycles(graph);
 * // ['src/model → src/report → src/model: src/model/save.ts → src/report/write.ts; src/report/study-types.ts → src/model/decide.ts']
 */
export function folderCycles(graph: ImportGraph): string[] {
  const folders = folderGraph(graph);
  return cycles(folders.keys(), (v) => [...(folders.get(v)?.keys() ?? [])]).map((component) => {
    const loop = loopThrough(folders, component[0]!, component);
    const steps = loop.slice(1).map((to, i) => named(folders.get(loop[i]!)!.get(to)!));
    return `${loop.join(' → ')}: ${steps.join('; ')}`;
  });
}

/**
 * Every import that reaches up the layers, or from or into a part in no layer, one line each.
 *
 * @example
 * layerBreaks(graph); // ['src/model/save.ts → src/report/write.ts: src/model may not import src/report, a higher layer']
 */
export function layerBreaks(graph: ImportGraph): string[] {
  const layerOf = (part: string) => layers.findIndex((layer) => layer.includes(part));
  return crossings(graph).flatMap(({ file, to, edge }) => {
    const [from, target] = [partOf(file), partOf(to)];
    if (layerOf(from) < 0 || layerOf(target) < 0) return [`${edge}: ${layerOf(from) < 0 ? from : target} is in no layer`];
    return layerOf(target) > layerOf(from) ? [`${edge}: ${from} may not import ${target}, a higher layer`] : [];
  });
}
