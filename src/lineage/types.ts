// Plain data of column lineage across a plan: nodes `<model or source>.<column>`, qualified
// edges, and the graph index built once per plan (see build-lineage-graph.ts).
import type { LineageEdge } from '../objects/types.js';

/** A lineage edge with both ends qualified as `<model or source>.<column>`. */
export interface QualifiedEdge {
  readonly from: string;
  readonly to: string;
  readonly type: LineageEdge['type'];
  readonly subtype: LineageEdge['subtype'];
  readonly masking: boolean;
}

export interface ColumnNode {
  /** `<relation>.<column>` as the project spells it. */
  readonly id: string;
  readonly relation: string;
  readonly column: string;
  readonly kind: 'model' | 'source';
  readonly type: string;
  readonly classification: readonly string[];
}

export interface RelationNode {
  readonly name: string;
  readonly kind: 'model' | 'source';
  /** Column node ids in output order. */
  readonly columns: readonly string[];
}

/** Every map is keyed by the lower-cased name: SQL names compare case-insensitively. */
export interface LineageGraph {
  readonly relations: ReadonlyMap<string, RelationNode>;
  readonly columns: ReadonlyMap<string, ColumnNode>;
  /** Edges into a column node. */
  readonly upstream: ReadonlyMap<string, readonly QualifiedEdge[]>;
  /** Edges out of a column node: the reverse adjacency a downstream trace walks. */
  readonly downstream: ReadonlyMap<string, readonly QualifiedEdge[]>;
}

export type Direction = 'upstream' | 'downstream';

export interface LineageTrace {
  /** What was asked for: `<model>.<column>`, or `<model>` for all its columns. */
  readonly column: string;
  readonly direction: Direction;
  readonly edges: readonly QualifiedEdge[];
}
