// Kahn's algorithm with ties broken by name (a min-heap), so a dependency graph has one order.
// Shared by the compiler's DAG pass and by the incremental compile, which must order a changed
// graph exactly as a whole compile would.
import { MinHeap } from './min-heap.js';

/** `deps`: each model and the models it reads (names that are not keys are ignored). Returns the
 *  models in order; models on or downstream of a cycle are left out. */
export function kahnOrder(deps: ReadonlyMap<string, readonly string[]>): string[] {
  const downstream = new Map<string, string[]>();
  const indegree = new Map<string, number>();
  for (const name of deps.keys()) indegree.set(name, 0);
  for (const [name, reads] of deps) {
    for (const dep of reads) {
      if (!deps.has(dep)) continue;
      indegree.set(name, indegree.get(name)! + 1);
      let list = downstream.get(dep);
      if (!list) downstream.set(dep, (list = []));
      list.push(name);
    }
  }
  const heap = new MinHeap();
  for (const [name, d] of indegree) if (d === 0) heap.push(name);
  const order: string[] = [];
  while (heap.size > 0) {
    const name = heap.pop();
    order.push(name);
    for (const next of downstream.get(name) ?? []) {
      const d = indegree.get(next)! - 1;
      indegree.set(next, d);
      if (d === 0) heap.push(next);
    }
  }
  return order;
}
