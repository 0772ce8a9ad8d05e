import { z } from 'zod';
import { InputError } from '../errors.ts';
import { contains, kindNames, type Hyperparameter, type Space } from './space.ts';

/**
 * `where` then a field path written as in JavaScript: `search.json: params.hidden.values[2]`.
 * A `where` that names a file alone (no `: ` yet) is followed by `: `, as the README documents.
 *
 * @example
 * fieldName('search.json', ['params', 'lr']); // 'search.json: params.lr'
 * fieldName('search.json: params', ['lr']); // 'search.json: params.lr'
 */
export function fieldName(where: string, path: readonly PropertyKey[]): string {
  if (path.length === 0) return where;
  const [first, ...rest] = path;
  const start = typeof first === 'number' ? `${where}[${first}]` : `${where}${where.includes(': ') ? '.' : ': '}${String(first)}`;
  return rest.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`), start);
}

/** The first issue of a failed zod parse (made with `reportInput`) as one line naming the field and the value. */
export function inputErrorOf(error: z.ZodError, where: string): InputError {
  const issue = error.issues[0]!;
  const echo = (issue.code === 'too_small' || issue.code === 'too_big') && issue.input !== undefined ? `, but got ${JSON.stringify(issue.input)}` : '';
  return new InputError(`${fieldName(where, issue.path)}: ${issue.message}${echo}`);
}

const when = z.record(z.string(), z.array(z.json()).min(1, { error: 'a condition needs at least one value' })).optional();
const bounds = { low: z.number(), high: z.number(), when };

const smallestNormal = 2 ** -1022;

const ordered = (hp: { low: number; high: number }, ctx: z.RefinementCtx) => {
  if (!(hp.low <= hp.high)) ctx.addIssue({ code: 'custom', message: `low <= high must hold, but got (low=${hp.low}, high=${hp.high})` });
};

const schemas = {
  uniform: z.strictObject({ kind: z.literal('uniform'), ...bounds }).superRefine(ordered),
  loguniform: z.strictObject({ kind: z.literal('loguniform'), ...bounds }).superRefine((hp, ctx) => {
    ordered(hp, ctx);
    if (!(hp.low > 0)) ctx.addIssue({ code: 'custom', message: `loguniform needs low > 0, but got (low=${hp.low})` });
    // A subnormal bound (1e-320) has lost its digits: the report's log-scale charts failed to draw, with vega's stack on stderr.
    else if (hp.low < smallestNormal) ctx.addIssue({ code: 'custom', message: `loguniform needs low >= ${smallestNormal} (the smallest normal double), but got (low=${hp.low})` });
  }),
  int: z.strictObject({ kind: z.literal('int'), ...bounds, log: z.boolean().optional() }).superRefine((hp, ctx) => {
    ordered(hp, ctx);
    if (!(Number.isInteger(hp.low) && Number.isInteger(hp.high))) {
      ctx.addIssue({ code: 'custom', message: `int needs integer low and high, but got (low=${hp.low}, high=${hp.high})` });
    }
    if (hp.log && !(hp.low >= 1)) ctx.addIssue({ code: 'custom', message: `int with log needs low >= 1, but got (low=${hp.low})` });
  }),
  choice: z.strictObject({
    kind: z.literal('choice'),
    values: z.array(z.json()).min(1, { error: 'a choice needs at least one value' }),
    when,
  }),
} satisfies Record<(typeof kindNames)[number], z.ZodType<Hyperparameter>>;

/**
 * Reads one hyperparameter's JSON form, e.g. `{ "kind": "loguniform", "low": 1e-6, "high": 0.1 }`,
 * checking its rules: a known kind, low <= high, loguniform low > 0, a non-empty choice.
 *
 * @example
 * parseHyperparameter({ kind: 'int', low: 1, high: 4 }, 'search.json: params.layers');
 */
export function parseHyperparameter(json: unknown, where: string): Hyperparameter {
  const kind = json !== null && typeof json === 'object' ? (json as { kind?: unknown }).kind : undefined;
  if (typeof kind !== 'string' || !Object.hasOwn(schemas, kind)) {
    throw new InputError(`${where}.kind: unknown kind ${JSON.stringify(kind ?? null)}; expected one of ${kindNames.join(', ')}`);
  }
  const parsed = schemas[kind as keyof typeof schemas].safeParse(json, { reportInput: true });
  if (!parsed.success) throw inputErrorOf(parsed.error, where);
  return parsed.data;
}

/**
 * Reads a space's JSON form: an object from hyperparameter names to their ranges. A range may
 * carry a condition, `"when": { "optimizer": ["momentum"] }`, naming choices of the space
 * (each without a condition of its own) and values they offer.
 *
 * @example
 * parseSpace({ lr: { kind: 'loguniform', low: 1e-4, high: 0.1 } }, 'search.json: params');
 */
export function parseSpace(json: unknown, where: string): Space {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    throw new InputError(`${where}: must be an object of hyperparameters, but got ${JSON.stringify(json)}`);
  }
  const space: Space = Object.fromEntries(Object.entries(json).map(([name, hp]) => [name, parseHyperparameter(hp, `${where}.${name}`)]));
  for (const [name, hp] of Object.entries(space)) checkCondition(space, hp, `${where}.${name}.when`);
  return space;
}

// A condition names choices that always apply, so whether a hyperparameter applies never depends on another condition.
function checkCondition(space: Space, hp: Hyperparameter, where: string): void {
  for (const [name, values] of Object.entries(hp.when ?? {})) {
    const target = Object.hasOwn(space, name) ? space[name] : undefined;
    if (target?.kind !== 'choice' || target.when) {
      throw new InputError(`${where}.${name}: a condition must name a choice of the space that has no condition itself, but ${JSON.stringify(name)} is ${target ? (target.kind === 'choice' ? 'conditional' : `a ${target.kind} range`) : 'not in the space'}`);
    }
    values.forEach((value, i) => {
      if (!contains(target, value)) {
        throw new InputError(`${where}.${name}[${i}]: ${JSON.stringify(value)} is not one of ${name}'s values ${JSON.stringify(target.values)}`);
      }
    });
  }
}
