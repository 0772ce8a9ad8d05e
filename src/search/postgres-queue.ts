import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import { InputError } from '../errors.ts';
import { createHeartbeatTable } from './postgres-heartbeat.ts';
import { createStudyTable } from './postgres-studies.ts';

/** The pg-boss queue that carries every study's trials; each job names its study. */
export const trialQueueName = 'skewtune-trials';

/** A PostgreSQL URL as given, and what of it may be shown: everything but the password. */
export interface DatabaseAddress {
  readonly href: string;
  readonly shown: string;
  readonly password: string;
}

const usage = 'postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE';

/**
 * Reads a PostgreSQL URL. Errors never echo it whole: it may hold a password.
 *
 * @example
 * databaseAddress('postgres://me:secret@db.lan/skewtune', '--connect').shown; // 'postgres://me@db.lan/skewtune'
 */
export function databaseAddress(text: string, where: string): DatabaseAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`${where}: not a URL; expected ${usage}`);
  }
  const shownUrl = new URL(url.href);
  shownUrl.password = '';
  shownUrl.search = ''; // libpq also takes a password as ?password=
  const shown = shownUrl.href;
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new InputError(`${where}: ${shown} is not a PostgreSQL URL; expected ${usage}`);
  }
  if (url.pathname.length <= 1) throw new InputError(`${where}: ${shown} names no database; expected ${usage}`);
  // pg decodes every part; a bad %-escape would surface from deep inside it as "URI malformed".
  const part = [['user name', url.username], ['password', url.password], ['database name', url.pathname]].find(([, text]) => {
    try {
      decodeURIComponent(text!);
      return false;
    } catch {
      return true;
    }
  });
  if (part) throw new InputError(`${where}: ${shown}: the ${part[0]} holds a malformed %-escape (write a literal % as %25)`);
  const password = url.password === '' ? url.searchParams.get('password') ?? '' : decodeURIComponent(url.password);
  return { href: url.href, shown, password };
}

/** An open connection to the trial queue. `boss` is the pg-boss instance; `name` the queue. */
export interface TrialQueue {
  readonly boss: PgBoss;
  readonly name: string;
  readonly address: DatabaseAddress;
  /** `text` with the URL and its password taken out, for anything printed or stored. */
  hide(text: string): string;
  close(): Promise<void>;
}

export interface QueueOptions {
  /** How often pg-boss looks for jobs past their expiry, in seconds (default 120, pg-boss's own). */
  maintenanceSeconds?: number;
  /** Told of database errors that happen in the background (already without the password). */
  warn(text: string): void;
}

const messageOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  // Node's connection errors can be an AggregateError (one per address tried) with an empty message.
  return error.message || (error as NodeJS.ErrnoException).code || error.name;
};

// What PostgreSQL gives the losers when processes create the same things at once: a deadlock
// (pg-boss 10's createQueue locks the queue table in an order that can cross), or a duplicate
// (a transaction that waited for an advisory lock may miss, in its catalog cache, what the
// winner created meanwhile).
const raceCodes = new Set(['40P01', '23505', '42P06', '42P07']);

/** Runs an idempotent creation, again (in a new transaction, which sees the winner's work) when it lost such a race. */
async function untilNotRacing(create: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await create();
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt === 5 || typeof code !== 'string' || !raceCodes.has(code)) throw error;
    }
  }
}

/**
 * `text` with the URL and its password taken out (as `***`), for anything printed or stored; a URL
 * without a password has only itself to hide (splitting on an empty password would cut every character apart).
 *
 * @example
 * hideSecrets(databaseAddress('postgres://me:pw@db/x', '--connect'), 'auth failed for pw'); // 'auth failed for ***'
 */
export function hideSecrets(address: DatabaseAddress, text: string): string {
  const secrets = [address.href, address.password, encodeURIComponent(address.password)].filter((s) => s !== '');
  return secrets.reduce((t, secret) => t.replaceAll(secret, '***'), text);
}

/**
 * Connects to the database, installs pg-boss's schema and the trial queue if they are missing
 * (and the table of studies, see postgres-studies.ts), and gives the open queue. Any failure is
 * an `InputError` naming the database without its password: the URL did not lead to a usable one.
 *
 * @example
 * const queue = await openQueue(databaseAddress(url, '--connect'), { warn: console.error });
 * await queue.boss.fetch(queue.name); // …
 * await queue.close();
 */
export async function openQueue(address: DatabaseAddress, options: QueueOptions): Promise<TrialQueue> {
  const hide = (text: string) => hideSecrets(address, text);
  // pg-boss hands its options to pg's Pool; its types omit the pool's own, such as the timeout.
  const settings: PgBoss.ConstructorOptions & { connectionTimeoutMillis: number } = {
    connectionString: address.href,
    application_name: 'skewtune',
    // A server that never answers should fail the command, not hang it (pg waits forever by default).
    connectionTimeoutMillis: 15_000,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceSeconds ?? 120,
  };
  const boss = new PgBoss(settings);
  boss.on('error', (error) => options.warn(`${address.shown}: ${hide(messageOf(error))}`));
  try {
    await boss.start();
    await untilNotRacing(() => boss.createQueue(trialQueueName));
    await untilNotRacing(() => createStudyTable(boss));
    await untilNotRacing(() => createHeartbeatTable(boss));
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw new InputError(`cannot use the database ${address.shown}: ${hide(messageOf(error))}`);
  }
  return {
    boss,
    name: trialQueueName,
    address,
    hide,
    close: () => boss.stop({ graceful: false }),
  };
}

/**
 * The id of a trial's job: a UUID (pg-boss's id type) made from (study, round, index), so a
 * trial published twice, by a resumed coordinator say, is one job with one result.
 *
 * @example
 * trialJobId({ study: 's1', round: 1, index: 0 }) === trialJobId({ study: 's1', round: 1, index: 0 }); // true
 */
export function trialJobId(trial: { study: string; round: number; index: number; epochs?: number }): string {
  // Each rung of a pruned trial is a job of its own.
  const rung = trial.epochs === undefined ? '' : `/epochs ${trial.epochs}`;
  const hex = createHash('sha256').update(`skewtune trial/${trial.study}/${trial.round}/${trial.index}${rung}`).digest('hex');
  // Version 8 ("custom") and the RFC 9562 variant, around 122 bits of the hash.
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
