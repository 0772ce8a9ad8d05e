import { z } from 'zod';
import type { Step } from './objective.ts';

/**
 * What a worker completes a job with: the trial's steps as JSON text. Text, because pg-boss
 * keeps outputs as jsonb, which reorders object keys (the journal would then differ from a
 * local one) and has no NaN; a non-finite score travels as its name and comes back a number.
 */
export interface TrialOutput {
  steps: string;
}

/**
 * @example
 * encodeSteps([{ score: 0.9, epoch: 1 }]); // { steps: '[{"score":0.9,"epoch":1}]' }
 */
export function encodeSteps(steps: readonly Step[]): TrialOutput {
  return { steps: JSON.stringify(steps.map((step) => (Number.isFinite(step.score) ? step : { ...step, score: String(step.score) }))) };
}

const nonFinite = ['NaN', 'Infinity', '-Infinity'] as const;
const outputSchema = z.object({ steps: z.string() });
const stepsSchema = z.array(z.looseObject({ score: z.union([z.number(), z.enum(nonFinite)]) }));

/**
 * The steps a worker's output carries, in their order with their fields in order; an Error
 * names what is wrong with an output that is not one.
 *
 * @example
 * decodeSteps({ steps: '[{"score":"NaN"}]' }); // [{ score: NaN }]
 */
export function decodeSteps(output: unknown): Step[] {
  const text = outputSchema.safeParse(output);
  if (!text.success) throw new Error('the job was completed without a trial result (no "steps" text)');
  let json: unknown;
  try {
    json = JSON.parse(text.data.steps);
  } catch {
    throw new Error('the job\'s result is not JSON');
  }
  const steps = stepsSchema.safeParse(json);
  if (!steps.success) throw new Error(`the job's result is not a list of steps: ${steps.error.issues[0]!.path.join('.')}: ${steps.error.issues[0]!.message}`);
  // The checked JSON itself, not zod's copy, which would put `score` first.
  return (json as Step[]).map((step) => (typeof step.score === 'string' ? { ...step, score: Number(step.score) } : step));
}

const messageSchema = z.union([
  z.object({ message: z.string() }).transform((o) => o.message),
  // pg-boss's own failures (an expired job) wrap the message in `value`.
  z.object({ value: z.object({ message: z.string() }) }).transform((o) => o.value.message),
  z.object({ value: z.string() }).transform((o) => o.value),
]);

/**
 * The reason a failed job's output gives, whoever failed it: a worker (`{ message }`) or pg-boss.
 *
 * @example
 * failureMessage({ value: { message: 'job failed by timeout in active state' } }); // 'job failed by timeout in active state'
 */
export function failureMessage(output: unknown): string {
  const parsed = messageSchema.safeParse(output);
  return parsed.success ? parsed.data : `no reason given (output ${JSON.stringify(output) ?? 'empty'})`;
}
