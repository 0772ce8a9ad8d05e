import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

interface Paired { mean: number; low: number; high: number; p: number }
interface Report {
  seeds: number[];
  results: { panel: string; rules: { rule: string; versusArgmax?: { macroF1: Paired; ece: Paired } }[] }[];
}

const report = JSON.parse(readFileSync(new URL('../../reports/decision/report.json', import.meta.url), 'utf8')) as Report;
const versus = (panel: string, rule: string) => report.results.find((r) => r.panel === panel)!.rules.find((d) => d.rule === rule)!.versusArgmax!;

describe('the committed decision-rule report (reports/decision)', () => {
  it('shows tuned thresholds raising test macro-F1 over the arg-max on mnist lt:100 with none, the 95% interval over seeds above zero', () => {
    expect(report.seeds.length).toBeGreaterThanOrEqual(3);
    expect(versus('mnist lt:100 · none', 'tuned').macroF1.low).toBeGreaterThan(0);
  });

  it.each(['1:20 · smote', '1:20 · class-weight'])('shows prior correction lowering test ECE after %s, the interval below zero', (panel) => {
    expect(versus(panel, 'prior').ece.high).toBeLessThan(0);
  });
});
