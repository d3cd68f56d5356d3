// Binds a query (SELECT or set operation, with its CTEs) into a Relation: output columns with
// types and collapsed lineage deps, plus the row deps (joins, filters, grouping, sorting).
import type { Expr, QueryNode, SelectNode, SetOpNode, OrderItem } from '../parse/ast.js';
import type { BoundExpr, RelColumn, Relation } from './bound.js';
import type { BindContext, CteScope } from './bind-context.js';
import { EMPTY_FROM, type Scope } from './scope.js';
import { bindFromRef, renameColumns } from './bind-from.js';
import { bindExpr, hasAggregate, type ExprEnv } from './bind-expr.js';
import { expandStar, type SelectItem } from './expand-star.js';
import { expandColumns } from './expand-columns.js';
import { bindRecursiveCte } from './bind-recursive-cte.js';
import { expressionName, isNameExact } from './expression-name.js';
import { inferType } from '../types/infer-type.js';
import { structFields } from '../types/type-text.js';
import { superOf } from '../types/promote.js';
import { exprDeps, indirect, depsOfExpr, compose } from '../lineage/expr-deps.js';
import { addDep, sortedDeps, type DepSet } from '../lineage/dep-set.js';
import { fieldDeps } from '../lineage/struct-fields.js';

/** Where an expression starts in the text: binary operators are located at their operator. */
function startLoc(e: Expr): number {
  if (e.kind === 'function' && e.isOperator && e.args.length === 2) return startLoc(e.args[0]);
  if (e.kind === 'operator' && e.args.length > 0 && e.loc < 0) return startLoc(e.args[0]);
  return e.loc;
}

/** Integer constant used as an ordinal (GROUP BY 1, ORDER BY 2). */
function ordinal(e: Expr): number | null {
  return e.kind === 'constant' && (e.type === 'INTEGER' || e.type === 'BIGINT') && typeof e.value === 'number' ? e.value : null;
}

function itemByOrdinal(items: readonly SelectItem[], e: Expr): BoundExpr | null {
  const n = ordinal(e);
  return n !== null && n >= 1 && n <= items.length ? items[n - 1].expr : null;
}

function bindSelect(q: SelectNode, ctx: BindContext, ctes: CteScope | null, outer: Scope | null, top: boolean): Relation {
  const rowDeps: DepSet = new Set();
  const from = q.from ? bindFromRef(q.from, { ctx, ctes, outer, rowDeps }) : EMPTY_FROM;
  const aliases = new Map<string, BoundExpr>();
  const env: ExprEnv = { ctx, scope: { from, parent: outer }, ctes, aliases, lambdaParams: null };

  const items: SelectItem[] = [];
  for (const e of q.select) {
    if (e.kind === 'star' && !e.columns && !e.unsupported) {
      items.push(...expandStar(e, env));
      continue;
    }
    const expanded = expandColumns(e, env, top);
    if (expanded) {
      items.push(...expanded);
      continue;
    }
    if (e.kind === 'star') {
      bindExpr(e, env); // a star form that cannot be analyzed: reports it
      continue;
    }
    const bound = bindExpr(e, env);
    const unpacked = unnestStruct(bound);
    if (unpacked) {
      items.push(...unpacked);
      continue;
    }
    // DuckDB names an unaliased column reference after the column it binds to, spelled as that
    // column is (`SELECT AMOUNT` of a column `amount` builds a column `amount`).
    const name = e.alias || (e.kind === 'column' && bound.kind === 'column' ? bound.column.name : expressionName(e));
    if (top && !e.alias && !isNameExact(e)) {
      ctx.report('SQL_UNNAMED_COLUMN', `output column has no alias; DuckDB will name it ${JSON.stringify(name)}`, startLoc(e), 'add AS <name>');
    }
    if (e.alias) aliases.set(e.alias.toLowerCase(), bound);
    items.push({ name, expr: bound, named: e.alias !== '' });
  }

  if (q.where) exprDeps(bindExpr(q.where, env), indirect('FILTER'), rowDeps);
  if (q.groupAll) {
    for (const it of items) if (!hasAggregate(it.expr)) exprDeps(it.expr, indirect('GROUP_BY'), rowDeps);
  }
  for (const g of q.groupBy) exprDeps(itemByOrdinal(items, g) ?? bindExpr(g, env), indirect('GROUP_BY'), rowDeps);
  if (q.having) exprDeps(bindExpr(q.having, env), indirect('FILTER'), rowDeps);
  if (q.qualify) exprDeps(bindExpr(q.qualify, env), indirect('FILTER'), rowDeps);
  // DISTINCT ON keeps one row per key: the keys group (INDIRECT GROUP_BY) and the ORDER BY picks
  // the surviving row (INDIRECT SORT), as a LIMIT picks which rows exist.
  for (const k of q.distinctOn) exprDeps(itemByName(items, k) ?? bindExpr(k, env), indirect('GROUP_BY'), rowDeps);
  if (q.limit || q.distinctOn.length > 0) bindOrder(q.orderBy, items, env, rowDeps);

  const columns: RelColumn[] = items.map((it) => withFields({ name: it.name, type: inferType(it.expr), deps: depsOfExpr(it.expr) }, it.expr));
  return { columns, rowDeps: sortedDeps(rowDeps) };
}

/** `unnest(s)` of a STRUCT in the select list becomes one column per field, named after it
 *  (DuckDB ignores an alias there). */
function unnestStruct(e: BoundExpr): SelectItem[] | null {
  if (e.kind !== 'function' || e.name !== 'unnest' || e.args.length !== 1 || e.window !== null) return null;
  const child = e.args[0];
  const fields = structFields(inferType(child));
  return fields ? fields.map((f) => ({ name: f.name, expr: { kind: 'field', child, name: f.name }, named: true })) : null;
}

/** Keeps a struct column's per-field lineage when its fields are known apart. */
function withFields(col: RelColumn, e: BoundExpr): RelColumn {
  const fields = fieldDeps(e, (x) => depsOfExpr(x));
  return fields ? { ...col, fields } : col;
}

/** A select item named by ordinal or by its output name (ORDER BY / DISTINCT ON resolve these first). */
function itemByName(items: readonly SelectItem[], e: Expr): BoundExpr | null {
  const byOrdinal = itemByOrdinal(items, e);
  if (byOrdinal) return byOrdinal;
  if (e.kind !== 'column' || e.names.length !== 1) return null;
  const key = e.names[0].toLowerCase();
  return items.find((it) => it.name.toLowerCase() === key)?.expr ?? null;
}

/** ORDER BY matters for lineage only under LIMIT or DISTINCT ON (it then decides which rows exist): INDIRECT SORT. */
function bindOrder(orderBy: readonly OrderItem[], items: readonly SelectItem[], env: ExprEnv, rowDeps: DepSet): void {
  for (const o of orderBy) exprDeps(itemByName(items, o.expr) ?? bindExpr(o.expr, env), indirect('SORT'), rowDeps);
}

function bindSetOp(q: SetOpNode, ctx: BindContext, ctes: CteScope | null, outer: Scope | null, top: boolean): Relation {
  const left = bindQuery(q.left, ctx, ctes, outer, top);
  const right = bindQuery(q.right, ctx, ctes, outer, false);
  const rowDeps: DepSet = new Set();
  for (const d of [...left.rowDeps, ...right.rowDeps]) addDep(rowDeps, d);
  let pairs: [RelColumn | null, RelColumn | null][];
  if (q.op === 'UNION_BY_NAME') {
    const names = [...left.columns.map((c) => c.name)];
    for (const c of right.columns) if (!names.some((n) => n.toLowerCase() === c.name.toLowerCase())) names.push(c.name);
    const find = (rel: Relation, n: string) => rel.columns.find((c) => c.name.toLowerCase() === n.toLowerCase()) ?? null;
    pairs = names.map((n) => [find(left, n), find(right, n)]);
  } else {
    if (left.columns.length !== right.columns.length) {
      ctx.report('SQL_SET_OP_ARITY', `${q.op.replace(/_/g, ' ')} branches have ${left.columns.length} and ${right.columns.length} columns`, -1);
    }
    pairs = left.columns.map((c, i) => [c, right.columns[i] ?? null]);
  }
  const filtering = q.op === 'EXCEPT' || q.op === 'INTERSECT';
  const columns: RelColumn[] = pairs.map(([l, r]) => {
    const deps: DepSet = new Set();
    for (const d of l?.deps ?? []) addDep(deps, d);
    if (filtering) for (const d of r?.deps ?? []) addDep(rowDeps, compose(indirect('FILTER'), d));
    else for (const d of r?.deps ?? []) addDep(deps, d);
    const type = l && r ? superOf(l.type, r.type) : (l ?? r)!.type;
    return { name: (l ?? r)!.name, type, deps: sortedDeps(deps) };
  });
  if (q.limit) {
    for (const o of q.orderBy) {
      const n = ordinal(o.expr);
      const key = o.expr.kind === 'column' ? o.expr.names[o.expr.names.length - 1].toLowerCase() : null;
      const col = n !== null ? columns[n - 1] : columns.find((c) => c.name.toLowerCase() === key);
      for (const d of col?.deps ?? []) addDep(rowDeps, compose(indirect('SORT'), d));
    }
  }
  return { columns, rowDeps: sortedDeps(rowDeps) };
}

/** Binds a query node. `outer` is the scope of an enclosing query (correlated subqueries, LATERAL);
 *  `top` marks the model's own output (for naming warnings). */
export function bindQuery(q: QueryNode, ctx: BindContext, ctes: CteScope | null, outer: Scope | null, top: boolean): Relation {
  let scope = ctes;
  if (q.ctes.length > 0) {
    const byName = new Map<string, Relation>();
    scope = { byName, parent: ctes };
    for (const cte of q.ctes) {
      const rel = bindQuery(cte.query, ctx, scope, null, false);
      byName.set(cte.name.toLowerCase(), renameColumns(rel, cte.columnAliases));
    }
  }
  switch (q.kind) {
    case 'select': return bindSelect(q, ctx, scope, outer, top);
    case 'setop': return bindSetOp(q, ctx, scope, outer, top);
    case 'recursive': return bindRecursiveCte(q, ctx, scope, outer);
  }
}
