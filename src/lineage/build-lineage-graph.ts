// Builds the column-lineage graph index of a compiled plan once: column nodes for every source
// and model column, edges into each column (from the models' lineage) and their reverse.
import type { CompiledModelObject, SourceSchemaObject } from '../objects/types.js';
import type { ColumnNode, LineageGraph, QualifiedEdge, RelationNode } from './types.js';

/** What the graph is built from: a compiled plan's models and sources (plan order, declaration
 *  order), or the same decoded from the last compile's record (api/lineage-plan.ts). */
export interface LineagePlan {
  readonly models: ReadonlyMap<string, { readonly object: Pick<CompiledModelObject, 'columns' | 'lineage'> }>;
  readonly sources: ReadonlyMap<string, { readonly object: Pick<SourceSchemaObject, 'columns'> }>;
}

export const nodeKey = (id: string): string => id.toLowerCase();

export function buildLineageGraph(plan: LineagePlan): LineageGraph {
  const relations = new Map<string, RelationNode>();
  const columns = new Map<string, ColumnNode>();
  const upstream = new Map<string, QualifiedEdge[]>();
  const downstream = new Map<string, QualifiedEdge[]>();
  const addRelation = (name: string, kind: 'model' | 'source', cols: readonly { name: string; type: string; classification: readonly string[] }[]): void => {
    const ids = cols.map((c) => `${name}.${c.name}`);
    relations.set(nodeKey(name), { name, kind, columns: ids });
    cols.forEach((c, i) => columns.set(nodeKey(ids[i]), { id: ids[i], relation: name, column: c.name, kind, type: c.type, classification: c.classification }));
  };
  for (const [name, s] of plan.sources) addRelation(name, 'source', s.object.columns);
  for (const [name, m] of plan.models) addRelation(name, 'model', m.object.columns);
  for (const [name, m] of plan.models) {
    for (const e of m.object.lineage) {
      // A model's lineage names only its own column in `to`; qualify it so edges compose.
      const edge: QualifiedEdge = { from: e.from, to: `${name}.${e.to}`, type: e.type, subtype: e.subtype, masking: e.masking };
      push(upstream, nodeKey(edge.to), edge);
      push(downstream, nodeKey(edge.from), edge);
    }
  }
  return { relations, columns, upstream, downstream };
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
