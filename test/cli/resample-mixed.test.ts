import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { tempDir, writeText } from '../helpers/files.ts';
import { writeVegaCsv } from '../helpers/vega.ts';

// Penguins: Island and Sex categorical (Sex has gaps and a "." level), four measurements with
// gaps. Chinstraps live only on Dream and Gentoos only on Biscoe, so a category voted among a
// class's own rows can only be that island.
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { all: penguins } = writeVegaCsv(dir, 'penguins');
const read = (path: string) => parse(readFileSync(path, 'utf8'), { bom: true }) as string[][];
const [header, ...original] = read(penguins);
const measures = [2, 3, 4, 5];
const island = { Chinstrap: 'Dream', Gentoo: 'Biscoe' } as Record<string, string>;

async function resample(strategy: string, name: string, extra: string[] = []) {
  const output = join(dir, `${name}.csv`);
  const r = await cli(['resample', '--input', penguins, '--output', output, '--label', 'Species', '--strategy', strategy, '--seed', '3', ...extra]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return read(output);
}

describe('skewtune resample on a table with categories and gaps (penguins)', () => {
  it('smote runs SMOTE-NC in raw units: numbers on the segment, islands by vote, gaps empty, with provenance', async () => {
    const [head, ...rows] = await resample('smote', 'smote', ['--provenance']);
    expect(head).toEqual([...header!, 'origin', 'parent', 'neighbour', 'factor']);
    expect(rows.slice(0, original.length).map((r) => r.slice(0, header!.length))).toEqual(original);
    const synthetic = rows.slice(original.length);
    expect(synthetic.length).toBe(2 * 152 - 68 - 124);
    for (const row of synthetic) {
      const [species, where, , , , , sex, origin, parent, neighbour, factor] = row;
      expect(origin).toBe('synthetic');
      expect(where).toBe(island[species!]);
      expect(['MALE', 'FEMALE', '.', '']).toContain(sex);
      const p = original[Number(parent) - 1]!;
      const q = original[Number(neighbour) - 1]!;
      expect([p[0], q[0]]).toEqual([species, species]);
      const u = Number(factor);
      for (const j of measures) {
        if (row[j] === '') {
          expect(p[j] === '' || q[j] === '').toBe(true);
          continue;
        }
        if (p[j] === '' || q[j] === '') continue; // a gap's end is the column's median
        expect(Number(row[j])).toBeCloseTo(Number(p[j]) + u * (Number(q[j]) - Number(p[j])), 9);
      }
    }
  });

  it('bootstrap copies rows with their text and gaps as written; random-under keeps original rows only', async () => {
    // Two decimals, as some files write them: a copy keeps "39.10", where decoding would give "39.1".
    const written = original.map((r) => r.map((cell, j) => (measures.includes(j) && cell !== '' ? Number(cell).toFixed(2) : cell)));
    const fixed = writeText(dir, 'fixed.csv', `${[header!.join(','), ...written.map((r) => r.join(','))].join('\n')}\n`);
    const output = join(dir, 'bootstrap.csv');
    expect((await cli(['resample', '--input', fixed, '--output', output, '--label', 'Species', '--strategy', 'bootstrap'])).code).toBe(0);
    const [, ...boot] = read(output);
    const texts = new Set(written.map((r) => r.join('\u0000')));
    for (const row of boot) expect(texts.has(row.join('\u0000'))).toBe(true);
    const originals = new Set(original.map((r) => r.join('\u0000')));
    const [, ...under] = await resample('random-under', 'under');
    expect(under.length).toBe(3 * 68);
    for (const row of under) expect(originals.has(row.join('\u0000'))).toBe(true);
  });

  it('smote runs SMOTE-N on a table of categories only', async () => {
    const nominal = writeText(dir, 'nominal.csv', `${['Species,Island,Sex', ...original.map((r) => [r[0], r[1], r[6]].join(','))].join('\n')}\n`);
    const output = join(dir, 'nominal-out.csv');
    const r = await cli(['resample', '--input', nominal, '--output', output, '--label', 'Species', '--strategy', 'smote-n', '--seed', '3']);
    expect(r.code).toBe(0);
    const [, ...rows] = read(output);
    for (const [species, where] of rows.slice(original.length)) expect(where).toBe(island[species!]);
  });
});
