import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Imbalance } from '../data/imbalance.ts';
import { InputError } from '../errors.ts';
import { checkOutDir } from '../files/out-dir.ts';
import { absoluteDatasetSpec } from '../search/fingerprint.ts';
import type { StudyFile } from '../search/journal.ts';
import { defaultHeartbeatGrace } from '../search/postgres-heartbeat.ts';
import { fileStorage } from '../storage/file-storage.ts';
import { sharedStorage } from '../storage/shared-storage.ts';
import type { StudyStorage } from '../storage/study-storage.ts';
import { checkSameSettings } from '../study/same-settings.ts';
import { samplerRecord } from '../study/sampler.ts';
import type { OpenDefaults } from '../study/data-defaults.ts';
import { parseSettings, prunerOf, readSettingsFile, resolveSettings, settingFlags, settingsJson, type PartialSettings } from '../study/settings.ts';
import type { OpenedStudy } from '../study/start.ts';

/** The flags of `skewtune search`. */
export interface Flags extends Omit<PartialSettings, 'space'> {
  config?: string;
  imbalance?: Imbalance;
  workers: number;
  trialTimeout?: number;
  heartbeatGrace?: number;
  executor?: string;
  storage?: string;
  study?: string;
  out?: string;
  resume?: boolean;
  json?: boolean;
}

/** Says a line on stderr. */
export const warn = (text: string): void => void process.stderr.write(`${text}\n`);

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const defaultOut = (seed: number) => join('runs', `search-${seed}-${new Date().toISOString().replace(/[:.]/g, '-')}`);

/** A new study's header: a fresh id, its settings, sampler and pruner, no rounds yet. */
function header(settings: ReturnType<typeof resolveSettings>): StudyFile {
  const { name, options } = prunerOf(settings);
  return { study: randomUUID(), seed: settings.seed, config: settingsJson(settings), sampler: samplerRecord(settings), pruner: { name, options }, rounds: [], status: 'running' };
}

/** Settings from the flags and `--config`, the dataset's path made absolute, and which defaults were left for the data to choose. */
function givenSettings(given: PartialSettings, flags: Flags) {
  const file = flags.config ? readSettingsFile(flags.config) : {};
  const resolved = resolveSettings(given, file);
  const left = (key: keyof PartialSettings) => given[key] === undefined && file[key] === undefined;
  const open: OpenDefaults = { space: left('space'), metric: left('metric'), cv: left('cv') && left('refit'), epochs: left('epochs') && left('minEpochs') };
  const settings = { ...resolved, dataset: absoluteDatasetSpec(resolved.dataset), ...(resolved.test !== undefined && { test: absoluteDatasetSpec(resolved.test) }) };
  return { settings, open };
}

/** The study's settings and storage: a new study from flags and `--config`, or the one `--resume` continues. */
export async function openStudy(flags: Flags, command: Command): Promise<OpenedStudy> {
  const given = Object.fromEntries(settingFlags.filter((k) => command.getOptionValueSource(k) === 'cli').map((k) => [k, flags[k]])) as PartialSettings;
  if (flags.storage !== undefined || flags.study !== undefined) return openShared(flags, given);
  if (!flags.resume) {
    const { settings, open } = givenSettings(given, flags);
    if (flags.out) checkOutDir(flags.out, 'study', '--out');
    // Refused before the data load and the lock (whose stale-lock takeover would say a second line first); create checks again.
    if (flags.out && existsSync(join(flags.out, 'study.json'))) {
      throw new InputError(`${flags.out} already holds a study (study.json); continue it with --resume or choose another --out`);
    }
    const out = flags.out ?? defaultOut(settings.seed);
    return { settings, out, storage: fileStorage(out), study: header(settings), resumed: [], isNew: true, warn, open };
  }
  if (!flags.out) throw new InputError('--resume needs --out DIR, the study to continue');
  const clash = [...Object.keys(given), ...(flags.config ? ['config'] : [])][0];
  if (clash) throw new InputError(`--resume takes the study's settings from ${join(flags.out, 'study.json')}; drop --${kebab(clash)}`);
  const storage = fileStorage(flags.out);
  // Held before the journal is read (and repaired), until the process ends.
  if (await storage.exists()) await storage.lock(warn);
  const { study, trials } = await storage.read();
  const settings = resolveSettings({}, parseSettings(study.config, `${storage.settingsAt}: config`));
  return { settings, out: flags.out, storage, study, resumed: trials, isNew: false, warn };
}

/**
 * A study in shared storage (`--storage URL --study NAME`): joined with its recorded settings when
 * it exists (settings given too must be the same), made from the flags when not.
 */
async function openShared(flags: Flags, given: PartialSettings): Promise<OpenedStudy> {
  if (flags.storage === undefined || flags.study === undefined) throw new InputError('--storage and --study go together: the database and the name of the study in it');
  if (flags.resume) throw new InputError('--resume is for a study directory (--out); a study in --storage is joined by running the same command again');
  // A peer's claim on a run lapses as a worker's job does: after --heartbeat-grace without renewal.
  const storage = await sharedStorage(flags.storage, flags.study, { graceSeconds: flags.heartbeatGrace ?? defaultHeartbeatGrace });
  try {
    return await sharedStudy(storage, flags, given);
  } catch (error) {
    // Nothing else closes it: the process would wait on its connections.
    await storage.close();
    throw error;
  }
}

async function sharedStudy(storage: StudyStorage, flags: Flags, given: PartialSettings): Promise<OpenedStudy> {
  const settingsGiven = Object.keys(given).length > 0 || flags.config !== undefined;
  if (await storage.exists()) {
    const { study, trials } = await storage.read();
    if (settingsGiven) checkSameSettings(storage.where, study.config, settingsJson(givenSettings(given, flags).settings));
    const settings = resolveSettings({}, parseSettings(study.config, `${storage.settingsAt}: config`));
    return { settings, out: flags.out ?? defaultOut(settings.seed), storage, study, resumed: trials, isNew: false, warn };
  }
  const { settings, open } = givenSettings(given, flags);
  return { settings, out: flags.out ?? defaultOut(settings.seed), storage, study: header(settings), resumed: [], isNew: true, warn, open };
}

