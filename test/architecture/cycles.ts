/**
 * Every cycle of a directed graph, each as its nodes in the order of a strongly connected
 * component (Tarjan's algorithm): a component of two or more nodes, or one node that reaches
 * itself. `next(v)` names the nodes `v` points to; nodes it names that `nodes` lacks are skipped.
 *
 * @example
 * cycles(['a', 'b'], (v) => (v === 'a' ? ['b'] : ['a'])); // [['a', 'b']]
 */
export function cycles(nodes: Iterable<string>, next: (v: string) => readonly string[]): string[][] {
  const known = new Set(nodes);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const to of next(v)) {
      if (!known.has(to)) continue;
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      component.unshift(w);
    } while (w !== v);
    if (component.length > 1 || next(v).includes(v)) found.push(component);
  };
  for (const v of known) if (!index.has(v)) visit(v);
  return found;
}
