import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint } from '../../src/data/hash.ts';
import { dataFingerprint } from '../../src/search/fingerprint.ts';

describe('the data fingerprint', () => {
  it('is the first 16 hex digits of the SHA-256 of its parts one after the other', () => {
    const whole = createHash('sha256').update('x,label\n1,0\n').digest('hex').slice(0, 16);
    expect(fingerprint(['x,label\n', Buffer.from('1,0\n')])).toBe(whole);
  });

  it('fingerprints a dataset spec as studies recorded it before the helper: its name, a CSV file\'s bytes', () => {
    // The values studies already hold in study.json: a resumed study must find them unchanged.
    expect(dataFingerprint('mnist')).toBe('63af3a9e54e01354');
    const csv = join(mkdtempSync(join(tmpdir(), 'fingerprint-')), 'a.csv');
    writeFileSync(csv, 'x,label\n1,0\n2,1\n');
    expect(dataFingerprint(`csv:${csv}`)).toBe('c8dd8d3496a111c5');
  });
});
