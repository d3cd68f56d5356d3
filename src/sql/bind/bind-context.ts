// What binding one model needs: the relations of its inputs, how each table reference was
// resolved (resolve pass), the visible CTEs, and a sink for diagnostics.
import type { BaseTableRef } from '../parse/ast.js';
import type { SqlDiagnosticCode } from '../diagnostic-codes.js';
import type { Relation } from './bound.js';

/** How the resolve pass classified one FROM reference. */
export type TableResolution = { readonly kind: 'cte' } | { readonly kind: 'input'; readonly name: string };

export interface BindContext {
  /** Model inputs by their project name (exact spelling). */
  readonly inputs: ReadonlyMap<string, Relation>;
  readonly resolutions: ReadonlyMap<BaseTableRef, TableResolution>;
  report(code: SqlDiagnosticCode, message: string, loc: number, hint?: string): void;
  /** Set when an expression's type or validity cannot be vouched for (types/doubtful.ts): the
   *  caller then asks DuckDB's binder about this model. Absent: nobody asks. */
  readonly doubt?: { unsure: boolean };
}

/** CTEs visible at a point of the query, innermost first. */
export interface CteScope {
  readonly byName: ReadonlyMap<string, Relation>;
  readonly parent: CteScope | null;
}

export function lookupCte(scope: CteScope | null, name: string): Relation | null {
  const key = name.toLowerCase();
  for (let s = scope; s; s = s.parent) {
    const r = s.byName.get(key);
    if (r) return r;
  }
  return null;
}
