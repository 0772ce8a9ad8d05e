import { describe, expect, it } from 'vitest';
import { shortNumber } from '../../src/text/short-number.js';

describe('shortNumber (progress lines, worker logs, the dashboard page)', () => {
  it.each([
    [128, '128'],
    [-3, '-3'],
    [0.912345, '0.9123'],
    [0.5, '0.5'],
    [1 / 3e7, '3.333e-8'],
    [123456.7, '123500'],
  ])('writes %d as %s', (x, text) => {
    expect(shortNumber(x)).toBe(text);
  });
});
