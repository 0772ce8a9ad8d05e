import type PgBoss from 'pg-boss';
import { z } from 'zod';
import { describeRange } from './describe.ts';
import type { TrialJob } from './executor.ts';
import { canonical, contains, isActive, type Hyperparameter, type Json, type Space } from './space.ts';

/**
 * A study as the database keeps it for workers: its whole search space (every round's
 * narrowed ranges lie inside it) and the task each of its jobs must carry. A worker checks
 * every job against these before it trains anything: jobs carry parameters, never code.
 */
export interface StudyRecord {
  id: string;
  space: Space;
  task: Json;
}

async function rows(boss: PgBoss, text: string, values: unknown[] = []): Promise<unknown[]> {
  const result = await boss.getDb().executeSql(text, values);
  return result.rows;
}

// One simple query, so one implicit transaction, which PostgreSQL rolls back on any error: an
// explicit BEGIN would leave a pooled connection in an aborted transaction instead.
const createTable = `
  SELECT pg_advisory_xact_lock(hashtext('skewtune.studies'));
  CREATE SCHEMA IF NOT EXISTS skewtune;
  CREATE TABLE IF NOT EXISTS skewtune.studies (
    id text PRIMARY KEY,
    space jsonb NOT NULL,
    task jsonb NOT NULL,
    created_on timestamptz NOT NULL DEFAULT now()
  );
`;

/** Creates the table of studies if it is missing; the advisory lock makes processes take turns. */
export async function createStudyTable(boss: PgBoss): Promise<void> {
  await rows(boss, createTable);
}

/**
 * Records a study (again, when a coordinator resumes it) before any of its jobs is published.
 *
 * @example
 * await registerStudy(queue.boss, { id: study.study, space: settings.space, task });
 */
export async function registerStudy(boss: PgBoss, study: StudyRecord): Promise<void> {
  await rows(
    boss,
    'INSERT INTO skewtune.studies (id, space, task) VALUES ($1, $2::jsonb, $3::jsonb) ON CONFLICT (id) DO UPDATE SET space = EXCLUDED.space, task = EXCLUDED.task',
    [study.id, JSON.stringify(study.space), JSON.stringify(study.task)],
  );
}

const studyRow = z.object({ space: z.unknown(), task: z.json() });

/**
 * A study as recorded, its space read by `parseSpace` (which checks it is a space this worker
 * can run, and throws naming the problem otherwise); `undefined` when no such study is recorded.
 *
 * @example
 * const study = await readStudyRecord(queue.boss, job.study, parseTrialSpace);
 */
export async function readStudyRecord(boss: PgBoss, id: string, parseSpace: (json: unknown, where: string) => Space): Promise<StudyRecord | undefined> {
  const [row] = await rows(boss, 'SELECT space, task FROM skewtune.studies WHERE id = $1', [id]);
  if (row === undefined) return undefined;
  const { space, task } = studyRow.parse(row);
  return { id, space: parseSpace(space, `study ${id}: space`), task };
}

const trialJobSchema = z.object({
  study: z.string().min(1),
  round: z.number().int().min(1),
  index: z.number().int().min(0),
  seed: z.number().int(),
  params: z.record(z.string(), z.json()),
  task: z.json(),
  epochs: z.number().int().min(1).optional(),
  checkpoint: z.string().optional(),
});

/**
 * A job's data read as a trial, or an Error saying which field is wrong.
 *
 * @example
 * parseTrialJob({ study: 's1', round: 1, index: 0, seed: 7, params: { lr: 0.01 }, task: null });
 */
export function parseTrialJob(data: unknown): TrialJob {
  const parsed = trialJobSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new Error(`not a trial job: ${issue.path.join('.') || 'the data'}: ${issue.message}`);
}

/** The first top-level field in which two tasks differ, for the rejection message. */
function firstDifference(job: Json, study: Json): string {
  const isRecord = (v: Json): v is { readonly [key: string]: Json } => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isRecord(job) || !isRecord(study)) return `${canonical(job)} instead of ${canonical(study)}`;
  const key = [...new Set([...Object.keys(study), ...Object.keys(job)])]
    .find((k) => canonical(job[k] ?? null) !== canonical(study[k] ?? null))!;
  return `task.${key} is ${canonical(job[key] ?? null)}, the study's ${canonical(study[key] ?? null)}`;
}

const conditionText = (hp: Hyperparameter) =>
  Object.entries(hp.when ?? {}).map(([name, values]) => `${name} is one of ${canonical(values)}`).join(' and ');

/**
 * Why a job may not run in its study, or `undefined` when it may: its parameters must be
 * exactly the space's hyperparameters that apply to it (see `isActive`), each inside its
 * range, and its task the study's.
 *
 * @example
 * jobProblem({ ...job, params: { lr: 5 } }, study); // 'params.lr = 5 lies outside the study's range 1e-05..0.1 (log)'
 */
export function jobProblem(job: TrialJob, study: StudyRecord): string | undefined {
  const names = Object.keys(study.space);
  const unknown = Object.keys(job.params).find((name) => !Object.hasOwn(study.space, name));
  if (unknown !== undefined) return `params.${unknown} is not a hyperparameter of the study; it has ${names.join(', ')}`;
  for (const [name, hp] of Object.entries(study.space)) {
    const given = Object.hasOwn(job.params, name);
    if (!isActive(hp, job.params)) {
      if (given) return `params.${name} is given, but the study sets it only when ${conditionText(hp)}`;
      continue;
    }
    if (!given) return `params.${name} is missing; the study samples ${names.join(', ')}`;
    const value = job.params[name]!;
    if (!contains(hp, value)) return `params.${name} = ${JSON.stringify(value)} lies outside the study's range ${describeRange(hp)}`;
  }
  if (canonical(job.task) !== canonical(study.task)) return `its task is not the study's: ${firstDifference(job.task, study.task)}`;
  return undefined;
}
