// Resolves what a user asked to trace (`<model>` or `<model>.<column>`, any case) to its
// spelling in the graph, or a NotFoundError suggesting the closest known name.
import { NotFoundError } from '../errors/not-found-error.js';
import { didYouMean } from '../util/did-you-mean.js';
import { nodeKey } from './build-lineage-graph.js';
import type { LineageGraph } from './types.js';

export function resolveLineageTarget(graph: LineageGraph, target: string): string {
  const rel = graph.relations.get(nodeKey(target));
  if (rel) return rel.name;
  const col = graph.columns.get(nodeKey(target));
  if (col) return col.id;
  const dot = target.indexOf('.');
  const relName = dot < 0 ? target : target.slice(0, dot);
  const owner = graph.relations.get(nodeKey(relName));
  if (owner && dot >= 0) {
    const guess = didYouMean(target, owner.columns);
    throw new NotFoundError('column', target, guess ? `did you mean ${guess}?` : `${owner.name} has ${owner.columns.map((c) => c.slice(owner.name.length + 1)).join(', ')}`);
  }
  const guess = didYouMean(relName, [...graph.relations.values()].map((r) => r.name));
  throw new NotFoundError('model', relName, guess ? `did you mean ${guess}${dot >= 0 ? target.slice(dot) : ''}?` : undefined);
}
