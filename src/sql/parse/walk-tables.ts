// Visits every base-table reference of a query, everywhere (CTEs, FROM, joins, subqueries in
// expressions), with the names of the CTEs visible at that point, as DuckDB scopes them:
// a CTE sees the CTEs declared before it in its WITH, and every enclosing WITH.
import type { BaseTableRef, Expr, ExprKind, QueryNode, TableRef } from './ast.js';

export interface CteNames {
  readonly names: ReadonlySet<string>;
  /** Recursive CTEs with USING KEY whose step is being walked: `recurring.<name>` reads them too. */
  readonly recurring?: ReadonlySet<string>;
  readonly parent: CteNames | null;
}

export function cteVisible(scope: CteNames | null, name: string): boolean {
  const key = name.toLowerCase();
  for (let s = scope; s; s = s.parent) if (s.names.has(key)) return true;
  return false;
}

/** True when `recurring.<name>` names a USING KEY recursive CTE in scope. */
export function recurringVisible(scope: CteNames | null, name: string): boolean {
  const key = name.toLowerCase();
  for (let s = scope; s; s = s.parent) if (s.recurring?.has(key)) return true;
  return false;
}

type Visit = (ref: BaseTableRef, ctes: CteNames | null) => void;

const CHILDREN: { readonly [K in ExprKind]: (e: Extract<Expr, { kind: K }>) => readonly Expr[] } = {
  column: () => [],
  constant: () => [],
  star: (e) => e.replace.map((r) => r.expr),
  cast: (e) => [e.child],
  function: (e) => [...e.args, ...e.orderBy.map((o) => o.expr), ...(e.filter ? [e.filter] : [])],
  window: (e) => [...e.args, ...e.partitions, ...e.orders.map((o) => o.expr), ...e.extras, ...(e.filter ? [e.filter] : [])],
  case: (e) => [...e.checks.flatMap((c) => [c.when, c.then]), ...(e.elseExpr ? [e.elseExpr] : [])],
  operator: (e) => e.args,
  subquery: (e) => (e.child ? [e.child] : []),
  lambda: (e) => [e.body],
  unsupported: () => [],
};

/** The direct sub-expressions of an expression (a subquery's own query is not among them). */
export function exprChildren(e: Expr): readonly Expr[] {
  return (CHILDREN[e.kind] as (x: Expr) => readonly Expr[])(e);
}

function walkExpr(e: Expr | null, ctes: CteNames | null, visit: Visit): void {
  if (!e) return;
  if (e.kind === 'subquery') walkQuery(e.query, ctes, visit);
  for (const c of exprChildren(e)) walkExpr(c, ctes, visit);
}

function walkTable(t: TableRef | null, ctes: CteNames | null, visit: Visit): void {
  if (!t) return;
  switch (t.kind) {
    case 'base':
      visit(t, ctes);
      return;
    case 'subquery':
      walkQuery(t.query, ctes, visit);
      return;
    case 'join':
      walkTable(t.left, ctes, visit);
      walkTable(t.right, ctes, visit);
      walkExpr(t.condition, ctes, visit);
      return;
    case 'table-function':
      walkExpr(t.fn, ctes, visit);
      return;
    case 'values':
      for (const r of t.rows) for (const e of r) walkExpr(e, ctes, visit);
      return;
    case 'pivot':
      walkTable(t.source, ctes, visit);
      for (const e of t.aggregates) walkExpr(e, ctes, visit);
      for (const p of t.pivots) {
        for (const e of p.exprs) walkExpr(e, ctes, visit);
        for (const en of p.entries) walkExpr(en.expr, ctes, visit);
      }
  }
}

export function walkQuery(q: QueryNode, outer: CteNames | null, visit: Visit): void {
  let ctes = outer;
  if (q.ctes.length > 0) {
    const names = new Set<string>();
    ctes = { names, parent: outer };
    for (const c of q.ctes) {
      walkQuery(c.query, ctes, visit);
      names.add(c.name.toLowerCase());
    }
  }
  if (q.kind === 'recursive') {
    // The anchor cannot see the CTE (DuckDB resolves the name outside it); the step can.
    walkQuery(q.anchor, ctes, visit);
    const self = new Set([q.name.toLowerCase()]);
    walkQuery(q.step, { names: self, recurring: q.usingKey.length > 0 ? self : undefined, parent: ctes }, visit);
    return;
  }
  if (q.kind === 'setop') {
    walkQuery(q.left, ctes, visit);
    walkQuery(q.right, ctes, visit);
    for (const o of q.orderBy) walkExpr(o.expr, ctes, visit);
    return;
  }
  walkTable(q.from, ctes, visit);
  for (const e of q.select) walkExpr(e, ctes, visit);
  for (const e of [q.where, q.having, q.qualify, ...q.groupBy, ...q.orderBy.map((o) => o.expr)]) walkExpr(e, ctes, visit);
}
