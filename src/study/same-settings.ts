import { InputError } from '../errors.ts';
import { canonical, type Json } from '../search/space.ts';

const fields = (config: Json): Record<string, Json> =>
  (config !== null && typeof config === 'object' && !Array.isArray(config) ? { ...(config as Record<string, Json>) } : {});

/**
 * Refuses to join a stored study with other settings than the study has: peers of one study
 * must run the same trials. Names the first setting that differs, as stored and as given.
 *
 * @example
 * checkSameSettings('postgres://db/s study s1', { rounds: 4 }, { rounds: 5 }); // InputError: … rounds is 4 there, 5 here
 */
export function checkSameSettings(where: string, stored: Json, given: Json): void {
  const [a, b] = [fields(stored), fields(given)];
  const differs = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort().find((k) => canonical(a[k] ?? null) !== canonical(b[k] ?? null));
  if (differs === undefined) return;
  throw new InputError(`${where}: the study there has other settings: ${differs} is ${canonical(a[differs] ?? null)} there, ${canonical(b[differs] ?? null)} here; ` +
    'join it without settings (only --storage and --study), or name another --study');
}
