// `npm run bench`: one JSON object a line, each with a "name" and its figures.
import { matmul, matmulTransA, matmulTransB, matrix } from '../../src/index.ts';
import { smoteBenchmarks } from './smote.ts';
import { memoryBenchmarks, trainBenchmarks } from './train.ts';

function gemmBenchmarks(): object[] {
  const [m, k, n] = [128, 784, 256];
  const a = matrix(m, k);
  const b = matrix(k, n);
  const c = matrix(m, n);
  a.data.forEach((_, i) => (a.data[i] = Math.sin(i)));
  b.data.forEach((_, i) => (b.data[i] = Math.cos(i)));
  const forms: [string, () => void][] = [
    ['A·B', () => matmul(a, b, c)],
    ['Aᵀ·B', () => matmulTransA(a, c, b)],
    ['A·Bᵀ', () => matmulTransB(c, b, a)],
  ];
  return forms.map(([form, run]) => {
    for (let i = 0; i < 5; i++) run();
    let calls = 0;
    const started = performance.now();
    while (performance.now() - started < 1000) {
      run();
      calls++;
    }
    const seconds = (performance.now() - started) / 1000;
    return { name: 'matmul', form, m, k, n, gflops: Number(((2 * m * k * n * calls) / seconds / 1e9).toFixed(2)) };
  });
}

for (const row of [...gemmBenchmarks(), ...(await trainBenchmarks()), ...memoryBenchmarks(), ...(await smoteBenchmarks())]) {
  console.log(JSON.stringify(row));
}
