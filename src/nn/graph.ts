/**
 * A scalar computation graph, as the lecture draws it: each node keeps its inputs and
 * how to pass a gradient back to them (micrograd's four steps: build the output, define
 * its local backward, accumulate into the inputs' gradients, done).
 *
 * @example
 * const [a, b, c] = [scalar(3), scalar(1), scalar(-2)];
 * const L = c.mul(a.add(b.mul(2)));   // L = c(a + 2b)
 * L.backward();                       // a.grad = c, b.grad = 2c, c.grad = a + 2b
 */
export interface Scalar {
  readonly value: number;
  grad: number;
  add(other: Scalar | number): Scalar;
  mul(other: Scalar | number): Scalar;
  sub(other: Scalar | number): Scalar;
  pow(exponent: number): Scalar;
  /** Sets this node's gradient to 1 and propagates to every node it depends on. */
  backward(): void;
}

interface Node extends Scalar {
  readonly inputs: readonly Node[];
  propagate(): void;
}

const lift = (x: Scalar | number): Node => (typeof x === 'number' ? node(x, [], () => {}) : (x as Node));

function node(value: number, inputs: readonly Node[], propagate: (self: Node) => void): Node {
  const self: Node = {
    value,
    grad: 0,
    inputs,
    propagate: () => propagate(self),
    // Addition node: passes the gradient through unchanged to both inputs.
    add(other) {
      const o = lift(other);
      return node(self.value + o.value, [self, o], (out) => {
        self.grad += out.grad;
        o.grad += out.grad;
      });
    },
    // Multiplication node: each input receives the gradient times the other input.
    mul(other) {
      const o = lift(other);
      return node(self.value * o.value, [self, o], (out) => {
        self.grad += o.value * out.grad;
        o.grad += self.value * out.grad;
      });
    },
    sub(other) {
      return self.add(lift(other).mul(-1));
    },
    pow(exponent) {
      return node(Math.pow(self.value, exponent), [self], (out) => {
        self.grad += exponent * Math.pow(self.value, exponent - 1) * out.grad;
      });
    },
    backward() {
      const order: Node[] = [];
      const seen = new Set<Node>();
      const visit = (n: Node) => {
        if (seen.has(n)) return;
        seen.add(n);
        n.inputs.forEach(visit);
        order.push(n);
      };
      visit(self);
      for (const n of order) n.grad = 0;
      self.grad = 1;
      for (let i = order.length - 1; i >= 0; i--) order[i]!.propagate();
    },
  };
  return self;
}

/** A leaf of the graph holding `value`. */
export function scalar(value: number): Scalar {
  return node(value, [], () => {});
}

/** One row of a gradient-descent run: the step, the parameter and the function's value. */
export interface DescentStep {
  step: number;
  w: number;
  value: number;
}

/**
 * The lecture's w(t+1) = w(t) − η·dE/dw, with the derivative taken by backpropagation
 * through `f`'s graph. Returns w(0) … w(steps).
 *
 * @example
 * gradientDescent((w) => w.sub(2).pow(2).mul(3).add(5), 5, 0.1, 10); // w → 2
 */
export function gradientDescent(f: (w: Scalar) => Scalar, w0: number, eta: number, steps: number): DescentStep[] {
  const rows: DescentStep[] = [];
  let w = w0;
  for (let step = 0; step <= steps; step++) {
    const leaf = scalar(w);
    const out = f(leaf);
    rows.push({ step, w, value: out.value });
    out.backward();
    w -= eta * leaf.grad;
  }
  return rows;
}
