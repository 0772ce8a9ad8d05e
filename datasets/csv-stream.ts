import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { totalmem } from 'node:os';
import { Parser } from 'csv-parse';
import { checkRegularFile, InputError } from '../src/plugin.ts';

const chunkBytes = 1 << 20;

/**
 * The largest CSV file read as columns: a quarter of the machine's memory. The text is never
 * held whole (it is parsed in 1 MiB chunks), but its cells are: 8 bytes a numeric cell and 4 a
 * categorical one, which for short cells ("0.5,") is up to about four times the text.
 */
export function maxCsvFileBytes(): number {
  return Math.floor(totalmem() / 4);
}

/**
 * The size of the CSV file at `path`, refused unless it is a regular file. Only a missing file is
 * "no such file": a symbolic-link loop says so in its own words (see errorLine).
 *
 * @example
 * csvFileBytes('data.csv'); // 1_048_576
 */
export function csvFileBytes(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${path}: no such file`);
    throw error;
  }
  checkRegularFile(path, stat, '; a CSV file is needed');
  return stat.size;
}

/** Checks that `path` is a regular file of a size this machine can read as columns. */
function checkCsvFile(path: string, limit = maxCsvFileBytes()): void {
  const size = csvFileBytes(path);
  if (size > limit) {
    throw new InputError(`${path}: ${size.toLocaleString('en-US')} bytes; this machine reads CSV files of at most ` +
      `${limit.toLocaleString('en-US')} (a quarter of its memory, as the cells are held as numbers and codes)`);
  }
}

/**
 * Parses a CSV file record by record, synchronously, from 1 MiB chunks: memory holds one chunk
 * of text at a time, never the file. `visit` gets each record (the header first) and its
 * number from 0. Cells are trimmed; blank lines are skipped; a byte-order mark is dropped.
 *
 * @example
 * eachCsvRecord('data.csv', (cells, i) => { if (i > 0) rows++; });
 */
export function eachCsvRecord(path: string, visit: (cells: string[], index: number) => void): void {
  checkCsvFile(path);
  // A record past 64 MiB is no table's row (a file of NUL bytes, say): refused before it fills memory.
  const parser = new Parser({ relax_column_count: true, skip_empty_lines: true, trim: true, bom: true, max_record_size: 64 << 20 });
  parser.on('error', () => {}); // read from `parser.errored` below, synchronously
  const buffer = Buffer.alloc(chunkBytes);
  const fd = openSync(path, 'r');
  let index = 0;
  const drain = () => {
    if (parser.errored) throw new InputError(`${path}: not valid CSV (${parser.errored.message})`);
    for (let record = parser.read() as string[] | null; record !== null; record = parser.read() as string[] | null) visit(record, index++);
  };
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      // A copy: the parser may keep a partial record's bytes until the next chunk.
      parser.write(Buffer.from(buffer.subarray(0, n)));
      drain();
    }
    parser.end();
    drain();
  } finally {
    closeSync(fd);
  }
}
