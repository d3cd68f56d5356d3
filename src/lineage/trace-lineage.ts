// Walks the graph index breadth-first from a set of column nodes, upstream (edges into a node)
// or downstream (edges out of it), up to an optional depth in edge hops. Each node is expanded
// once, so a trace costs O(edges of the closure) whatever the size of the plan.
import { nodeKey } from './build-lineage-graph.js';
import type { Direction, LineageGraph, QualifiedEdge } from './types.js';

export function traceLineage(graph: LineageGraph, start: readonly string[], direction: Direction, depth?: number): QualifiedEdge[] {
  const index = direction === 'upstream' ? graph.upstream : graph.downstream;
  const seen = new Set(start.map(nodeKey));
  const edges: QualifiedEdge[] = [];
  let frontier = [...seen];
  for (let hop = 0; frontier.length > 0 && (depth === undefined || hop < depth); hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      for (const e of index.get(node) ?? []) {
        edges.push(e);
        const far = nodeKey(direction === 'upstream' ? e.from : e.to);
        if (!seen.has(far)) {
          seen.add(far);
          next.push(far);
        }
      }
    }
    frontier = next;
  }
  return edges;
}

/** Every edge of the transitive closure toward the sources. */
export function traceUpstream(graph: LineageGraph, node: string, depth?: number): QualifiedEdge[] {
  return traceLineage(graph, columnsOf(graph, node), 'upstream', depth);
}

/** Every edge from the node to its consumers, at any depth. */
export function traceDownstream(graph: LineageGraph, node: string, depth?: number): QualifiedEdge[] {
  return traceLineage(graph, columnsOf(graph, node), 'downstream', depth);
}

/** A bare relation name stands for all its columns; anything else is one column node. */
export function columnsOf(graph: LineageGraph, node: string): string[] {
  const rel = graph.relations.get(nodeKey(node));
  return rel ? [...rel.columns] : [node];
}
