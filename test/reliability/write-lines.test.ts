import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeLinesAtomic } from '../../src/files/write-lines.ts';
import { tempDir, writeText } from '../helpers/files.ts';

const rows = Array.from({ length: 5000 }, (_, i) => `${i},"a, b",${i / 7}`);

describe('writing a table a line at a time', () => {
  it('writes the very bytes of the lines joined with newlines, one at the end', () => {
    const dir = tempDir();
    writeLinesAtomic(join(dir, 'small.csv'), rows, 64);
    writeLinesAtomic(join(dir, 'whole.csv'), rows);
    const expected = `${rows.join('\n')}\n`;
    expect(readFileSync(join(dir, 'small.csv'), 'utf8')).toBe(expected);
    expect(readFileSync(join(dir, 'whole.csv'), 'utf8')).toBe(expected);
    writeLinesAtomic(join(dir, 'header.csv'), ['x']);
    expect(readFileSync(join(dir, 'header.csv'), 'utf8')).toBe('x\n');
  });

  it('streams: the temporary file grows while lines are still being made, never more than a chunk behind', () => {
    const dir = tempDir();
    const path = join(dir, 'out.csv');
    const behind: number[] = [];
    function* lines() {
      let made = 0;
      for (const row of rows) {
        const temporary = readdirSync(dir).find((f) => f.endsWith('.tmp'))!;
        behind.push(made - statSync(join(dir, temporary)).size);
        made += row.length + 1;
        yield row;
      }
    }
    writeLinesAtomic(path, lines(), 1000);
    expect(Math.max(...behind.slice(-10))).toBeLessThan(1000);
    expect(behind.filter((b) => b === 0).length).toBeGreaterThan(50);
    expect(readFileSync(path, 'utf8')).toBe(`${rows.join('\n')}\n`);
  });

  it('leaves nothing at the path, and no temporary file, when making the lines fails midway', () => {
    const dir = tempDir();
    const path = join(dir, 'out.csv');
    function* failing() {
      for (const [i, row] of rows.entries()) {
        if (i === 4000) throw new Error('row 4000 cannot be written');
        yield row;
      }
    }
    expect(() => writeLinesAtomic(path, failing(), 100)).toThrow('row 4000');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('keeps the file that was there when a rewrite fails', () => {
    const dir = tempDir();
    const path = writeText(dir, 'out.csv', 'before\n');
    expect(() => writeLinesAtomic(path, (function* () { yield 'a'; throw new Error('no'); })())).toThrow('no');
    expect(readFileSync(path, 'utf8')).toBe('before\n');
    expect(existsSync(`${path}.${process.pid}.tmp`)).toBe(false);
  });
});
