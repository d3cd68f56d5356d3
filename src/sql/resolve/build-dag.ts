// Pass 3: orders the models topologically (Kahn's algorithm, ties broken by name, so the order
// is deterministic) and reports each dependency cycle once, printing it (`a -> b -> a`).
import type { CompileState, ModelState } from '../compile-state.js';
import { reportAt } from '../compile-state.js';
import { kahnOrder } from './kahn-order.js';

export function buildDag(state: CompileState): void {
  const byName = new Map<string, ModelState>();
  for (const m of state.models) if (state.modelsByName.get(m.input.name.toLowerCase()) === m) byName.set(m.input.name, m);
  const deps = new Map<string, string[]>();
  for (const [name, m] of byName) deps.set(name, [...m.inputs].filter(([, kind]) => kind === 'model').map(([dep]) => dep));
  const order = kahnOrder(deps);
  if (order.length < byName.size) {
    const done = new Set(order);
    reportCycles(state, byName, done);
    // Models downstream of a cycle follow, by name, so the analyze pass reports them as skipped.
    for (const name of [...byName.keys()].filter((n) => !done.has(n)).sort()) order.push(name);
  }
  state.order = order;
}

/** Finds the cycles among models left over by Kahn's algorithm and reports each one once. */
function reportCycles(state: CompileState, byName: ReadonlyMap<string, ModelState>, done: ReadonlySet<string>): void {
  const left = [...byName.keys()].filter((n) => !done.has(n)).sort();
  const upstream = (n: string) => [...byName.get(n)!.inputs.keys()].filter((d) => byName.has(d) && !done.has(d)).sort();
  const reported = new Set<string>();
  for (const start of left) {
    if (reported.has(start)) continue;
    // Shortest path from start back to itself through upstream edges (model -> what it reads).
    const prev = new Map<string, string>();
    const queue = [start];
    let found = false;
    for (let i = 0; i < queue.length && !found; i++) {
      for (const d of upstream(queue[i])) {
        if (d === start) {
          prev.set(start, queue[i]);
          found = true;
          break;
        }
        if (!prev.has(d)) {
          prev.set(d, queue[i]);
          queue.push(d);
        }
      }
    }
    if (!found) continue; // downstream of a cycle, not on one: skipped later as upstream-failed
    const cycle = [start];
    for (let n = prev.get(start)!; n !== start; n = prev.get(n)!) cycle.push(n);
    // In reading order: `a -> b` means a reads b.
    const members = [start, ...cycle.slice(1).reverse()];
    const path = [...members, start].join(' -> ');
    if (members.some((n) => reported.has(n))) continue;
    const model = byName.get(start)!;
    const ref = model.inputRefs.find((r) => r.name === members[1] || (members.length === 1 && r.name === start));
    reportAt(state, model, 'SQL_CYCLE', `dependency cycle: ${path}`, ref ? ref.ref.loc : -1, 'break the cycle: one of these models must not read the other');
    for (const n of members) {
      reported.add(n);
      byName.get(n)!.failed = true;
    }
  }
}
