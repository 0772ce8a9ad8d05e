import { z } from 'zod';
import type { Encoder } from '../data/encoder.ts';
import { scalingNames } from '../data/encoder-fit.ts';
import { maxDistinctLevels } from '../data/table.ts';
import { InputError } from '../errors.ts';

const text = z.string().max(4096);
const finite = z.number().finite();

const encoderSchema = z.strictObject({
  scaling: z.enum(scalingNames as ['standard', 'robust', 'none']),
  columns: z.array(z.discriminatedUnion('kind', [
    z.strictObject({ name: text, kind: z.literal('numeric'), fill: finite, indicator: z.boolean(), center: finite, factor: finite }),
    z.strictObject({
      name: text, kind: z.literal('categorical'), levels: z.array(text).max(maxDistinctLevels),
      other: text.nullable(), missing: text.nullable(), otherAs: text.nullable(),
    }),
  ])).min(1).max(1 << 20),
  notes: z.array(z.string().max(4096)).max(1 << 20),
  missingValues: z.array(text).max(1000).optional(),
});

/**
 * Checks a model header's `encoder` (format version 2): null, or a table encoding whose
 * every field has its type and bound. Returns it typed.
 *
 * @example
 * checkEncoder(header.encoder, 'model.skt'); // Encoder | null
 */
export function checkEncoder(raw: unknown, path: string): Encoder | null {
  if (raw === null) return null;
  const parsed = encoderSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = ['encoder', ...issue.path].map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').slice(1);
  throw new InputError(`${path}: model header field "${field}" ${issue.message.toLowerCase()}`);
}
