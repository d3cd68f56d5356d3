// The bound IR: the AST after name resolution and `*` expansion. Column references point at the
// relation column they read (with its type and collapsed lineage), so type inference and
// lineage are local walks over these nodes.
import type { LineageEdge } from '../../objects/types.js';
import type { FieldDeps } from '../lineage/struct-fields.js';

/** One lineage step into a value: `from` is `<input>.<column>` of the model being compiled. */
export interface Dep {
  readonly from: string;
  readonly type: LineageEdge['type'];
  readonly subtype: LineageEdge['subtype'];
  readonly masking: boolean;
  /** Every variant (type, subtype, masking) of this `from`, shared and filled on demand, so equal
   *  deps are one object: sets of deps dedupe by identity (lineage/dep-set.ts). */
  readonly variants: Dep[];
}

export interface RelColumn {
  readonly name: string;
  readonly type: string;
  /** Where the column's values come from, collapsed to the model's inputs. */
  readonly deps: readonly Dep[];
  /** A STRUCT column built from known fields: each field's own deps (lineage/struct-fields.ts). */
  readonly fields?: FieldDeps;
}

/** A relation in scope (an input, a CTE, a derived table, a query's output). */
export interface Relation {
  readonly columns: readonly RelColumn[];
  /** INDIRECT deps that decide which rows exist (joins, filters, grouping), for every column. */
  readonly rowDeps: readonly Dep[];
}

export interface WindowSpec {
  readonly partitions: readonly BoundExpr[];
  readonly orders: readonly BoundExpr[];
  readonly extras: readonly BoundExpr[];
}

export type BoundExpr =
  | { readonly kind: 'column'; readonly column: RelColumn }
  | { readonly kind: 'field'; readonly child: BoundExpr; readonly name: string }
  | { readonly kind: 'constant'; readonly type: string; readonly isNull: boolean; readonly value: unknown }
  | { readonly kind: 'cast'; readonly child: BoundExpr; readonly type: string }
  | {
      readonly kind: 'function';
      readonly name: string;
      readonly args: readonly BoundExpr[];
      /** Argument names (struct_pack(a := x)); '' when unnamed. */
      readonly argNames: readonly string[];
      readonly aggregate: boolean;
      readonly window: WindowSpec | null;
      /** ORDER BY inside the call (string_agg(x ORDER BY y)): read, never the value itself. */
      readonly orderBy: readonly BoundExpr[];
      /** FILTER (WHERE ...) of an aggregate. */
      readonly filter: BoundExpr | null;
    }
  | { readonly kind: 'case'; readonly checks: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[]; readonly elseExpr: BoundExpr | null }
  | { readonly kind: 'operator'; readonly op: string; readonly args: readonly BoundExpr[] }
  | { readonly kind: 'subquery'; readonly subqueryType: string; readonly relation: Relation; readonly child: BoundExpr | null }
  | { readonly kind: 'lambda'; readonly params: readonly RelColumn[]; readonly body: BoundExpr };

export type BoundKind = BoundExpr['kind'];
