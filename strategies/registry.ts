import { defer } from 'rxjs';
import { InputError, type Strategy } from '../src/plugin.ts';
import { adasyn, adasynResampler } from './adasyn.ts';
import { borderlineSmote, borderlineSmoteResampler } from './borderline-smote.ts';
import { bootstrap, bootstrapResampler } from './bootstrap.ts';
import { classWeight } from './class-weight.ts';
import { focal, type Alpha } from './focal.ts';
import { booleanText, numberText, parseOptions, parseSpecPart, type OptionParsers, type RawOptions } from './options.ts';
import { randomUnder, randomUnderResampler } from './random-under.ts';
import type { Resampler } from './resampled.ts';
import { smote, smoteResampler } from './smote.ts';
import { requireTwoClasses } from './targets.ts';

/** What a strategy does to training: add rows, remove rows, change the loss, or nothing. */
export type StrategyKind = 'over-sampling' | 'under-sampling' | 'loss' | 'none';

/**
 * How a search space may range over an option: `int` by an int range or a choice, `real` by a
 * uniform or loguniform range or a choice, `choice` by a choice only.
 */
export type SearchKind = 'int' | 'real' | 'choice';

/**
 * The columns a strategy takes: any (numeric, categorical or both), numeric and categorical
 * columns both (SMOTE-NC), or categorical columns only (SMOTE-N).
 */
export type StrategyColumns = 'any' | 'mixed' | 'categorical';

/** One registered strategy: its name, what it does, its options, and how to build it. */
export interface StrategyEntry {
  name: string;
  description: string;
  kind: StrategyKind;
  columns: StrategyColumns;
  /** Option keys the spec may set (`name:key=value,…`). */
  options: readonly string[];
  /** The options a search space may range over (`NAME.OPTION`), and how. */
  searchable: Readonly<Record<string, SearchKind>>;
  /** The value each option takes when a spec leaves it out (an option absent here has no default: off). */
  defaults: Readonly<RawOptions>;
  /** The strategy with these raw options (unknown keys and bad values are InputErrors). */
  strategy(options?: RawOptions): Strategy;
  /** The pure resampler, for strategies that resample (what `skewtune resample` runs). */
  resampler?(options?: RawOptions): Resampler;
}

interface Definition<O> {
  name: string;
  description: string;
  kind: StrategyKind;
  /** Absent: any. */
  columns?: StrategyColumns;
  parsers: OptionParsers<O>;
  searchable?: { readonly [K in keyof O & string]?: SearchKind };
  /** What `create` does when an option is left out, as spec text (the registry test checks they agree). */
  defaults?: { readonly [K in keyof O & string]?: string };
  create(options: Partial<O>): Strategy;
  /** Options that apply to training only, so `resample` refuses them. */
  trainingOnly?: readonly (keyof O & string)[];
  resampler?(options: Partial<O>): Resampler;
}

// Typed per strategy here, erased to raw text at the registry's edge.
function define<O>(d: Definition<O>): StrategyEntry {
  const parse = (raw: RawOptions = {}) => parseOptions(d.name, raw, d.parsers);
  const resampler = d.resampler;
  return {
    name: d.name,
    description: d.description,
    kind: d.kind,
    columns: d.columns ?? 'any',
    options: Object.keys(d.parsers),
    searchable: { ...d.searchable } as Record<string, SearchKind>,
    defaults: { ...d.defaults } as RawOptions,
    strategy: (raw) => d.create(parse(raw)),
    ...(resampler && {
      resampler(raw: RawOptions = {}) {
        const training = Object.keys(raw).find((key) => d.trainingOnly?.some((t) => t === key));
        if (training) throw new InputError(`strategy "${d.name}": option ${training} applies to training only, not to resampling`);
        return resampler(parse(raw));
      },
    }),
  };
}

function alphaText(text: string, strategy: string, key: string): Alpha {
  if (text === 'none' || text === 'inverse') return text;
  const parts = text.split('/');
  const values = parts.map((part) => numberText(part, strategy, key));
  return values.length === 1 ? values[0]! : values;
}

const entries: Record<string, StrategyEntry> = Object.fromEntries([
  define<Record<never, never>>({
    name: 'none', description: 'train on the data as it is', kind: 'none', parsers: {}, create: () => (train) => train,
  }),
  define<{ ratio: number; bagging: number }>({
    name: 'bootstrap',
    description: 'class-balanced bootstrap: copies drawn with replacement; bagging=B averages B models on bootstrap samples',
    kind: 'over-sampling', parsers: { ratio: numberText, bagging: numberText }, searchable: { ratio: 'real', bagging: 'int' }, defaults: { ratio: '1' }, create: bootstrap,
    trainingOnly: ['bagging'], resampler: bootstrapResampler,
  }),
  define<{ k: number; ratio: number }>({
    name: 'smote', description: 'SMOTE (Chawla et al. 2002): interpolate towards k same-class neighbours; SMOTE-NC or SMOTE-N on categorical columns',
    kind: 'over-sampling', parsers: { k: numberText, ratio: numberText }, searchable: { k: 'int', ratio: 'real' }, defaults: { k: '5', ratio: '1' },
    create: smote, resampler: smoteResampler,
  }),
  ...([['smote-nc', 'mixed', 'SMOTE-NC (Chawla et al. 2002): SMOTE on numeric and categorical columns'],
    ['smote-n', 'categorical', 'SMOTE-N (Chawla et al. 2002): SMOTE on categorical columns only']] as const).map(([variant, columns, what]) =>
    define<{ k: number; ratio: number }>({
      name: variant, description: `${what} (smote picks it by itself)`, kind: 'over-sampling', columns,
      parsers: { k: numberText, ratio: numberText }, searchable: { k: 'int', ratio: 'real' }, defaults: { k: '5', ratio: '1' },
      create: (o) => smote(o, variant), resampler: (o) => smoteResampler(o, variant),
    })),
  define<{ k: number; m: number; ratio: number }>({
    name: 'borderline-smote', description: 'borderline-SMOTE1 (Han et al. 2005): SMOTE seeded by samples near other classes',
    kind: 'over-sampling', parsers: { k: numberText, m: numberText, ratio: numberText }, searchable: { k: 'int', m: 'int', ratio: 'real' },
    defaults: { k: '5', m: '10', ratio: '1' },
    create: borderlineSmote, resampler: borderlineSmoteResampler,
  }),
  define<{ k: number; ratio: number }>({
    name: 'adasyn', description: 'ADASYN (He et al. 2008): SMOTE weighted towards samples among other classes',
    kind: 'over-sampling', parsers: { k: numberText, ratio: numberText }, searchable: { k: 'int', ratio: 'real' }, defaults: { k: '5', ratio: '1' },
    create: adasyn, resampler: adasynResampler,
  }),
  define<{ ratio: number }>({
    name: 'random-under', description: 'random under-sampling of the larger classes',
    kind: 'under-sampling', parsers: { ratio: numberText }, searchable: { ratio: 'real' }, defaults: { ratio: '1' }, create: randomUnder, resampler: randomUnderResampler,
  }),
  define<{ gamma: number; alpha: Alpha; prior: boolean }>({
    name: 'focal', description: 'focal loss (Lin et al. 2017); alpha none|inverse|NUMBER|a/b/…; prior=true sets the output bias to log priors',
    kind: 'loss', parsers: { gamma: numberText, alpha: alphaText, prior: booleanText },
    // One α for every class only rescales the loss; what a search can vary is none, inverse or per-class α.
    searchable: { gamma: 'real', alpha: 'choice', prior: 'choice' }, defaults: { gamma: '2', alpha: 'inverse', prior: 'false' }, create: focal,
  }),
  define<Record<never, never>>({
    name: 'class-weight', description: 'cross-entropy weighted inversely to class frequency',
    kind: 'loss', parsers: {}, create: classWeight,
  }),
].map((entry) => [entry.name, entry]));

/**
 * Every registered strategy, for listings and contract tests.
 *
 * @example
 * strategyEntries.map((e) => e.name); // ['none', 'bootstrap', 'smote', …]
 */
export const strategyEntries: readonly StrategyEntry[] = Object.values(entries);

function entryFor(name: string): StrategyEntry {
  const entry = Object.hasOwn(entries, name) ? entries[name] : undefined;
  if (!entry) throw new InputError(`unknown strategy "${name}"; expected one of ${Object.keys(entries).join(', ')} (or a+b)`);
  return entry;
}

/**
 * Resolves a spec into one strategy. Spec: `name` or `name:key=value,…`, several joined by
 * `+`; the first named wraps outermost, so `smote:k=3+focal:gamma=2` resamples with SMOTE
 * and trains with focal loss. Every part checks at entry that the training split has at
 * least two classes.
 *
 * @example
 * const wrapped = resolveStrategy('smote:k=3,ratio=0.5+focal')(train);
 */
export function resolveStrategy(spec: string): Strategy {
  // `smote+smote` resampled twice and `focal+focal` swapped the loss twice, silently.
  const names = spec.split('+').map((part) => parseSpecPart(part).name);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw new InputError(`strategy "${spec}" names ${twice} twice; each strategy applies once`);
  const wraps = spec.split('+').map((part): Strategy => {
    const { name, options } = parseSpecPart(part);
    const strategy = entryFor(name).strategy(options);
    return (train) => {
      const inner = strategy(train);
      return (data, config) => defer(() => {
        requireTwoClasses(name, data.train);
        return inner(data, config);
      });
    };
  });
  return (train) => wraps.reduceRight((inner, wrap) => wrap(inner), train);
}

/**
 * A spec with every option its strategies take written out, defaults included, in the registry's
 * order: what a report states so a reader need not know the defaults.
 *
 * @example
 * resolvedSpec('smote:k=3+focal'); // 'smote:k=3,ratio=1+focal:gamma=2,alpha=inverse,prior=false'
 */
export function resolvedSpec(spec: string): string {
  return spec.split('+').map((part) => {
    const { name, options } = parseSpecPart(part);
    const entry = entryFor(name);
    const all: RawOptions = { ...entry.defaults, ...options };
    const keys = entry.options.filter((k) => Object.hasOwn(all, k));
    return keys.length === 0 ? name : `${name}:${keys.map((k) => `${k}=${all[k]}`).join(',')}`;
  }).join('+');
}

/** What each part of a spec does, from the registry's descriptions. */
export function specDescription(spec: string): string {
  return spec.split('+').map((part) => entryFor(parseSpecPart(part).name).description).join('; then ');
}

/**
 * Resolves a single resampling strategy for `skewtune resample`; `extra` options (from
 * command-line flags) join the spec's, and giving one both ways is an InputError.
 *
 * @example
 * const resampler = resolveResampler('smote', { k: '3' });
 */
export function resolveResampler(spec: string, extra: RawOptions = {}): { name: string; resampler: Resampler } {
  if (spec.includes('+')) throw new InputError(`resample takes one strategy, got "${spec}"`);
  const { name, options } = parseSpecPart(spec);
  const entry = Object.hasOwn(entries, name) ? entries[name] : undefined;
  if (!entry?.resampler) {
    const names = strategyEntries.filter((e) => e.resampler).map((e) => e.name).join(', ');
    const what = entry ? `strategy "${name}" does not resample data` : `unknown strategy "${name}"`;
    throw new InputError(`${what}; resample takes one of ${names}`);
  }
  for (const [key, value] of Object.entries(extra)) {
    if (Object.hasOwn(options, key) && options[key] !== value) {
      throw new InputError(`--${key} ${value} contradicts the strategy's ${key}=${options[key]}`);
    }
  }
  return { name, resampler: entry.resampler({ ...options, ...extra }) };
}
