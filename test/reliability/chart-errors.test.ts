import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderSvg, scatterGrid } from '../../src/report/chart.ts';

afterEach(() => vi.restoreAllMocks());

describe('a chart vega cannot draw whole', () => {
  it('is said in one line on stderr, without vega\'s stack, and the SVG is still written', async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => (written.push(String(text)), true));
    const errors = vi.spyOn(console, 'error');
    // A log scale over one subnormal value (a study of one trial, lr drawn from 1e-320…1e-300): d3's ticks fail with "Invalid array length".
    const rows = [{ parameter: 'lr', value: 1.5e-318, score: 0.5 }];
    const svg = await renderSvg(scatterGrid(rows, { panel: 'parameter', panels: [{ name: 'lr', log: true }], x: 'value', y: 'score' }));
    expect(svg).toMatch(/^<svg/);
    expect(errors).not.toHaveBeenCalled();
    expect(written.join('')).toMatch(/^skewtune: warning: a chart was drawn without some of its parts \(RangeError: Invalid array length\)\n$/);
  });
});
