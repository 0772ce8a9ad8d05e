import { describe, expect, it } from 'vitest';
import { gradientDescent, scalar } from '../../src/internal.ts';

// The lecture's printed tables (week 2, "Gradient Descending & Learning Rate"):
// E(w) = 3(w − 2)² + 5, w(0) = 5, ten steps, printed with Python's %f.
const tables: Record<string, string> = {
  '0.4': `w(0)=5.000000 E(w(0))=32.000000
w(1)=-2.200000 E(w(1))=57.920000
w(2)=7.880000 E(w(2))=108.723200
w(3)=-6.232000 E(w(3))=208.297472
w(4)=13.524800 E(w(4))=403.463045
w(5)=-14.134720 E(w(5))=785.987568
w(6)=24.588608 E(w(6))=1535.735634
w(7)=-29.624051 E(w(7))=3005.241843
w(8)=46.273672 E(w(8))=5885.474012
w(9)=-59.983140 E(w(9))=11530.729064
w(10)=88.776396 E(w(10))=22595.428965`,
  '0.01': `w(0)=5.000000 E(w(0))=32.000000
w(1)=4.820000 E(w(1))=28.857200
w(2)=4.650800 E(w(2))=26.080222
w(3)=4.491752 E(w(3))=23.626484
w(4)=4.342247 E(w(4))=21.458361
w(5)=4.201712 E(w(5))=19.542608
w(6)=4.069609 E(w(6))=17.849848
w(7)=3.945433 E(w(7))=16.354126
w(8)=3.828707 E(w(8))=15.032506
w(9)=3.718984 E(w(9))=13.864722
w(10)=3.615845 E(w(10))=12.832869`,
  '0.1': `w(0)=5.000000 E(w(0))=32.000000
w(1)=3.200000 E(w(1))=9.320000
w(2)=2.480000 E(w(2))=5.691200
w(3)=2.192000 E(w(3))=5.110592
w(4)=2.076800 E(w(4))=5.017695
w(5)=2.030720 E(w(5))=5.002831
w(6)=2.012288 E(w(6))=5.000453
w(7)=2.004915 E(w(7))=5.000072
w(8)=2.001966 E(w(8))=5.000012
w(9)=2.000786 E(w(9))=5.000002
w(10)=2.000315 E(w(10))=5.000000`,
};

describe('the lecture: gradient descent on E(w) = 3(w − 2)² + 5', () => {
  it.each(Object.keys(tables))('reproduces the printed table for η = %s to six decimals', (eta) => {
    const rows = gradientDescent((w) => w.sub(2).pow(2).mul(3).add(5), 5, Number(eta), 10);
    const printed = rows.map((r) => `w(${r.step})=${r.w.toFixed(6)} E(w(${r.step}))=${r.value.toFixed(6)}`).join('\n');
    expect(printed).toBe(tables[eta]);
  });
});

describe('the lecture: computation graph L = c(a + 2b)', () => {
  it('backpropagates ∂L/∂a = c, ∂L/∂b = 2c, ∂L/∂c = e = a + 2b through d = 2b, e = a + d, L = c·e', () => {
    const a = scalar(3);
    const b = scalar(1);
    const c = scalar(-2);
    const d = b.mul(2);
    const e = a.add(d);
    const L = c.mul(e);
    L.backward();
    expect(L.value).toBe(-10);
    expect(a.grad).toBe(-2); // ∂L/∂e · ∂e/∂a = c · 1
    expect(b.grad).toBe(-4); // ∂L/∂e · ∂e/∂d · ∂d/∂b = c · 1 · 2
    expect(c.grad).toBe(5); // e
    expect(e.grad).toBe(-2);
    expect(d.grad).toBe(-2);
  });

  it('accumulates gradients where a node feeds two paths', () => {
    const x = scalar(4);
    const y = x.mul(x).add(x); // x² + x
    y.backward();
    expect(x.grad).toBe(9); // 2x + 1
  });
});
