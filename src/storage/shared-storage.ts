import { InputError } from '../errors.ts';
import { databaseAddress } from '../search/postgres-queue.ts';
import { postgresStorage, type PeerOptions } from './postgres-storage.ts';
import type { StudyStorage } from './study-storage.ts';

/**
 * The shared storage `--storage URL --study NAME` names: a study in PostgreSQL. A name is
 * 1–100 letters, digits, `.`, `_` or `-`, so it reads the same in a shell, a log and a table.
 *
 * @example
 * const storage = await sharedStorage('postgres://me@db.lan/skewtune', 'mnist-1');
 */
export async function sharedStorage(url: string, name: string, options: Partial<PeerOptions> = {}): Promise<StudyStorage> {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name)) {
    throw new InputError(`--study: a name is 1 to 100 letters, digits, '.', '_' or '-', but got ${JSON.stringify(name.slice(0, 40))}`);
  }
  return postgresStorage(databaseAddress(url, '--storage'), name, options);
}
