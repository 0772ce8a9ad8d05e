import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { receiptRows, type Receipt } from './receipt.ts';
import { table } from './table.ts';

/** The package.json of an installed package, found from its entry point (some export no ./package.json). */
function manifestOf(name: string): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.resolve(name)));
  while (dir !== dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === name) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/** Installed versions of the named packages (Node's is in the receipt). */
export function packageVersions(names: readonly string[]): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of names) {
    const manifest = manifestOf(name);
    versions[name] = manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'unknown';
  }
  return versions;
}

/** What a report needs to be made again. */
export interface Provenance {
  command: string;
  seeds: readonly (number | string)[];
  /** What each fingerprint is of (`source: mnist`, `train split`, …) → fingerprint (see `datasetHash`). */
  data: Record<string, string>;
  packages: Record<string, string>;
  receipt: Receipt;
}

/** The closing "Reproduce" section every report ends with. */
export function reproduceSection(p: Provenance): string {
  const rows = [
    ['command', { markdown: `\`${p.command.replace(/`/g, '')}\`` }],
    ['seeds', p.seeds.length > 0 ? p.seeds.join(', ') : 'none (nothing random)'],
    ...Object.entries(p.data ?? {}).map(([name, hash]) => [`data: ${name}`, hash]),
    // A report.json written before receipts (or package versions) were recorded still renders.
    ...(p.receipt ? receiptRows(p.receipt) : [['receipt', 'not recorded']] as const),
    ...Object.entries(p.packages ?? {}).map(([name, version]) => [name, version]),
  ] as const;
  return `## Reproduce\n\n${table(['what', 'value'], rows.map((r) => [...r]))}\n`;
}
