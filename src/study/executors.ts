import { InputError } from '../errors.ts';
import type { Executor } from '../search/executor.ts';
import { postgresExecutor } from '../search/postgres-executor.ts';
import type { SilentTrial } from '../search/postgres-heartbeat.ts';
import { databaseAddress } from '../search/postgres-queue.ts';
import type { StudyRecord } from '../search/postgres-studies.ts';
import { workerExecutor } from '../search/worker-executor.ts';

/** What starting an executor may need. */
export interface ExecutorOptions {
  /** `local`, or a URL whose scheme names the executor; `where` names the flag or variable it came from. */
  spec: string;
  where: string;
  workers: number;
  trialTimeout: number | undefined;
  /** The study whose trials it runs: its id, whole space and task. */
  study: StudyRecord;
  /** Told of trouble the executor rides out. */
  warn(text: string): void;
  /** Seconds a distributed trial's worker may go without a heartbeat (see postgres-heartbeat.ts). */
  heartbeatGrace?: number;
  /** Told of each distributed trial handed to another worker because its worker stopped beating. */
  handedOver?(trial: SilentTrial): void;
}

/** A started executor, how the study's first line says where trials run, and the trial timeout the search itself should keep. */
export interface StartedExecutor {
  executor: Executor;
  description: string;
  trialTimeout: number | undefined;
}

async function startPostgres(options: ExecutorOptions): Promise<StartedExecutor> {
  const address = databaseAddress(options.spec, options.where);
  const timeout = options.trialTimeout;
  if (timeout !== undefined && Math.ceil(timeout) >= 86_400) {
    throw new InputError(`--trial-timeout: jobs in PostgreSQL expire within 24 hours (pg-boss's limit), but got ${timeout} s`);
  }
  const executor = await postgresExecutor({
    address, study: options.study, warn: options.warn,
    ...(options.heartbeatGrace !== undefined && { heartbeatGrace: options.heartbeatGrace }),
    ...(options.handedOver && { handedOver: options.handedOver }),
    ...(timeout !== undefined && { expireInSeconds: Math.ceil(timeout) }),
  });
  // The timeout becomes the jobs' expiry, kept by the workers: a trial's time counts from when one takes it, not from when it was queued.
  return { executor, description: `trials queued in ${address.shown} for skewtune workers`, trialTimeout: undefined };
}

/** Where trials can run; `--executor` names one, a URL by its scheme. */
const executors: Record<string, (options: ExecutorOptions) => Promise<StartedExecutor>> = {
  local: async ({ workers, trialTimeout }) => ({
    executor: workerExecutor({ module: new URL('./task.ts', import.meta.url).href, workers }),
    description: `${workers} workers`,
    trialTimeout,
  }),
  postgres: startPostgres,
  postgresql: startPostgres,
};

/** The environment variable that holds the database of distributed searches and workers. */
export const databaseVariable = 'SKEWTUNE_DATABASE_URL';

/**
 * What `--executor` asks for, resolved: the flag as given; `postgres` alone, or no flag while
 * SKEWTUNE_DATABASE_URL is set, means that variable's database; otherwise `local`.
 *
 * @example
 * executorSpec(undefined, { SKEWTUNE_DATABASE_URL: 'postgres://db/s' }); // { spec: 'postgres://db/s', where: 'SKEWTUNE_DATABASE_URL' }
 */
export function executorSpec(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { spec: string; where: string } {
  const url = env[databaseVariable];
  if (flag === 'postgres' || flag === 'postgresql') {
    if (!url) throw new InputError(`--executor ${flag}: give its URL (--executor postgres://…) or set ${databaseVariable}`);
    return { spec: url, where: databaseVariable };
  }
  if (flag !== undefined) return { spec: flag, where: '--executor' };
  return url ? { spec: url, where: databaseVariable } : { spec: 'local', where: '--executor' };
}

/**
 * The starter of the executor a spec names (`local`, or a URL whose scheme names one), checked
 * before anything is written; calling it starts the executor (a database executor connects).
 */
export function executorNamed(spec: string): (options: ExecutorOptions) => Promise<StartedExecutor> {
  const key = spec.includes('://') ? spec.slice(0, spec.indexOf('://')) : spec;
  const factory = Object.hasOwn(executors, key) ? executors[key] : undefined;
  // Only the scheme is echoed: the rest of a URL may hold a password.
  if (!factory) throw new InputError(`--executor: unknown executor "${key}"; expected one of ${Object.keys(executors).join(', ')}`);
  return factory;
}
