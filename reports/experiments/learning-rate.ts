import { fixed, gradientDescent, lineChart, table } from '../../src/internal.ts';
import type { Experiment } from './experiment.ts';

const etas = [0.4, 0.01, 0.1];

/** The lecture's gradient-descent table on E(w) = 3(w − 2)² + 5 from w(0) = 5. */
export const learningRate: Experiment = {
  name: 'learning-rate',
  async run() {
    const runs = etas.map((eta) => ({
      eta,
      rows: gradientDescent((w) => w.sub(2).pow(2).mul(3).add(5), 5, eta, 10),
    }));
    const last = (eta: number) => runs.find((r) => r.eta === eta)!.rows.at(-1)!;
    const finding =
      `With η = 0.1 gradient descent reaches the minimum E = 5 in 10 steps (E(w(10)) = ${fixed(last(0.1).value, 6)}), ` +
      `η = 0.01 is too small (still E = ${fixed(last(0.01).value, 6)}) and η = 0.4 overshoots and diverges (E = ${fixed(last(0.4).value, 6)}).`;
    const header = ['t', ...etas.flatMap((eta) => [`w(t), η = ${eta}`, `E(w(t)), η = ${eta}`])];
    const rows = runs[0]!.rows.map((_, t) => [t, ...runs.flatMap((r) => [fixed(r.rows[t]!.w, 6), fixed(r.rows[t]!.value, 6)])]);
    const points = runs.flatMap((r) => r.rows.map((row) => ({ step: row.step, E: row.value, eta: `η = ${r.eta}` })));
    return {
      title: 'Learning rate: gradient descent on E(w) = 3(w − 2)² + 5',
      finding,
      body: [
        'The lecture\'s three runs of w(t+1) = w(t) − η·dE/dw from w(0) = 5, with the derivative taken by',
        'backpropagation through the computation graph of E. The digits match the lecture\'s printed tables.',
        '',
        table(header, rows),
        '',
        '![E(w(t)) for each learning rate, log scale](loss.svg)',
      ].join('\n'),
      charts: { 'loss.svg': lineChart(points, { x: 'step', y: 'E', series: 'eta', logY: true, xTitle: 't', yTitle: 'E(w(t))' }) },
      json: { runs },
      seeds: [],
      data: {},
    };
  },
};
