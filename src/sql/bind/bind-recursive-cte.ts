// Binds a WITH RECURSIVE CTE (`anchor UNION [ALL] step`). Names and types are the anchor's:
// DuckDB casts the step's rows to them. Lineage is a fixpoint: the step reads the CTE itself, so
// each column's deps are the anchor's plus the step's, where the step's self-reference carries
// the deps found so far; the step is re-bound until nothing new is added (dep sets only grow
// and are finite, so this ends).
import type { RecursiveNode } from '../parse/ast.js';
import type { Dep, RelColumn, Relation } from './bound.js';
import type { BindContext, CteScope } from './bind-context.js';
import type { Scope } from './scope.js';
import { findColumn } from './scope.js';
import { bindQuery } from './bind-query.js';
import { renameColumns } from './bind-from.js';
import { compose, indirect } from '../lineage/expr-deps.js';
import { sortedDeps } from '../lineage/dep-set.js';

function union(a: readonly Dep[], b: readonly Dep[]): Dep[] {
  return [...new Set([...a, ...b])];
}

function size(rel: Relation): number {
  return rel.columns.reduce((n, c) => n + c.deps.length, rel.rowDeps.length);
}

export function bindRecursiveCte(q: RecursiveNode, ctx: BindContext, ctes: CteScope | null, outer: Scope | null): Relation {
  const anchor = renameColumns(bindQuery(q.anchor, ctx, ctes, outer, false), q.columnAliases);
  // Every pass binds the same step text: report its mistakes once.
  const quiet: BindContext = { ...ctx, report: () => undefined };
  let current: Relation = anchor;
  for (let pass = 0; ; pass++) {
    const self: CteScope = { byName: new Map([[q.name.toLowerCase(), current]]), parent: ctes };
    const step = bindQuery(q.step, pass === 0 ? ctx : quiet, self, outer, false);
    if (pass === 0 && step.columns.length !== anchor.columns.length) {
      ctx.report('SQL_SET_OP_ARITY', `recursive CTE "${q.name}": the anchor has ${anchor.columns.length} columns and the recursive part ${step.columns.length}`, -1);
    }
    const columns: RelColumn[] = current.columns.map((c, i) => ({ ...c, deps: union(c.deps, step.columns[i]?.deps ?? []) }));
    let rowDeps = union(current.rowDeps, step.rowDeps);
    // USING KEY keeps one row per key: the key decides which rows exist, like a GROUP BY key.
    for (const k of q.usingKey) {
      const col = findColumn({ columns, rowDeps }, k.names[k.names.length - 1]);
      if (!col) {
        if (pass === 0) ctx.report('SQL_UNKNOWN_COLUMN', `USING KEY column "${k.names.join('.')}" is not a column of "${q.name}"`, k.loc);
        continue;
      }
      rowDeps = union(rowDeps, col.deps.map((d) => compose(indirect('GROUP_BY'), d)));
    }
    const next: Relation = { columns, rowDeps };
    if (size(next) === size(current)) {
      return { columns: columns.map((c) => ({ ...c, deps: sortedDeps(c.deps) })), rowDeps: sortedDeps(rowDeps) };
    }
    current = next;
  }
}
