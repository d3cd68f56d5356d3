// Binds `source PIVOT (...)` and `source UNPIVOT (...)` (and DuckDB's `(PIVOT source ON ...)` in
// FROM) into a relation, naming and typing the columns as DuckDB does:
// - PIVOT: the GROUP BY columns (or, without one, every source column neither pivoted nor
//   aggregated), then one column per IN-list combination and aggregate, named `<value>` (one
//   aggregate without an alias) or `<value>_<alias or aggregate text>`, several pivots' values
//   joined by `_`. A pivot column's value is its aggregate's inputs (DIRECT AGGREGATION); the
//   pivoted columns choose which rows it aggregates (INDIRECT FILTER); the group keys decide the
//   rows (INDIRECT GROUP_BY). Without an IN list the columns depend on the data: unsupported.
// - UNPIVOT: the source columns not unpivoted, the name column (VARCHAR: the column names, no
//   input), then the value column, DIRECT from every unpivoted column, of their common type.
import type { PivotRef } from '../parse/ast.js';
import type { BoundExpr, RelColumn } from './bound.js';
import { lookupUnqualified, type FromScope } from './scope.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { expressionName } from './expression-name.js';
import { inferType } from '../types/infer-type.js';
import { superOf } from '../types/promote.js';
import { UNKNOWN } from '../types/type-text.js';
import { addDep, sortedDeps, type DepSet } from '../lineage/dep-set.js';
import { compose, depsOfExpr, exprDeps, indirect } from '../lineage/expr-deps.js';
import type { FromEnv } from './bind-from.js';

export function bindPivot(ref: PivotRef, env: FromEnv, source: FromScope): FromScope {
  const exprEnv: ExprEnv = { ctx: env.ctx, scope: { from: source, parent: env.outer }, ctes: env.ctes, aliases: null, lambdaParams: null };
  const sourceColumns = source.entries.flatMap((e) => e.relation.columns);
  const columns = ref.valueNames.length > 0 ? unpivotColumns(ref, env, source, sourceColumns) : pivotColumns(ref, env, exprEnv, source, sourceColumns);
  return { entries: [{ alias: ref.alias, relation: { columns, rowDeps: [] } }], merged: new Map(), starReplace: new Map() };
}

function pivotColumns(ref: PivotRef, env: FromEnv, exprEnv: ExprEnv, source: FromScope, sourceColumns: readonly RelColumn[]): RelColumn[] {
  const aggregates = ref.aggregates.map((a) => ({ ast: a, bound: bindExpr(a, exprEnv) }));
  const pivotExprs = ref.pivots.flatMap((p) => p.exprs).map((e) => bindExpr(e, exprEnv));
  const used = new Set<RelColumn>();
  for (const e of [...aggregates.map((a) => a.bound), ...pivotExprs]) columnsRead(e, used);

  let groups: RelColumn[];
  if (ref.groups.length > 0) {
    groups = [];
    for (const name of ref.groups) {
      const c = lookupUnqualified(source, name);
      if (c === null || c === 'ambiguous') env.ctx.report(c === null ? 'SQL_UNKNOWN_COLUMN' : 'SQL_AMBIGUOUS_COLUMN', `PIVOT GROUP BY column "${name}" ${c === null ? 'is not a column of its source' : 'is ambiguous'}`, ref.loc);
      else groups.push(c);
    }
  } else {
    groups = sourceColumns.filter((c) => !used.has(c));
  }
  for (const g of groups) for (const d of g.deps) addDep(env.rowDeps, compose(indirect('GROUP_BY'), d));

  const open = ref.pivots.find((p) => p.entries.length === 0 || p.enumName !== '' || p.entries.some((e) => e.star));
  if (open || ref.pivots.length === 0) {
    env.ctx.report('SQL_UNSUPPORTED', 'PIVOT without an IN list: its columns depend on the data, so they cannot be known at compile time', ref.loc, "list the values: ON k IN ('a', 'b')");
    return groups.map((g) => ({ name: g.name, type: g.type, deps: g.deps }));
  }
  // Which rows a pivot column aggregates: the pivoted columns' values (as a FILTER would).
  const chooser: DepSet = new Set();
  for (const e of pivotExprs) exprDeps(e, indirect('FILTER'), chooser);

  let combos: string[][] = [[]];
  for (const p of ref.pivots) combos = combos.flatMap((parts) => p.entries.map((e) => [...parts, e.alias || e.values.map(valueText).join('_')]));
  const out: RelColumn[] = groups.map((g) => ({ name: g.name, type: g.type, deps: g.deps }));
  for (const parts of combos) {
    for (const a of aggregates) {
      const suffix = aggregates.length === 1 && !a.ast.alias ? '' : `_${a.ast.alias || expressionName(a.ast)}`;
      const deps: DepSet = new Set(chooser);
      for (const d of depsOfExpr(a.bound)) addDep(deps, d);
      out.push({ name: `${parts.join('_')}${suffix}`, type: inferType(a.bound), deps: sortedDeps(deps) });
    }
  }
  return out;
}

function unpivotColumns(ref: PivotRef, env: FromEnv, source: FromScope, sourceColumns: readonly RelColumn[]): RelColumn[] {
  const spec = ref.pivots[0];
  if (ref.pivots.length !== 1 || ref.valueNames.length !== 1 || spec.names.length !== 1 || spec.entries.some((e) => e.star || e.values.length !== 1)) {
    env.ctx.report('SQL_UNSUPPORTED', 'UNPIVOT into several value columns, or ON a star form, cannot be analyzed', ref.loc, 'unpivot one list of named columns into one value column');
    return [...sourceColumns];
  }
  const unpivoted: RelColumn[] = [];
  for (const e of spec.entries) {
    const name = String(e.values[0]);
    const c = lookupUnqualified(source, name);
    if (c === null || c === 'ambiguous') env.ctx.report('SQL_UNKNOWN_COLUMN', `UNPIVOT column "${name}" ${c === null ? 'is not a column of its source' : 'is ambiguous'}`, ref.loc);
    else unpivoted.push(c);
  }
  const deps: DepSet = new Set();
  for (const c of unpivoted) for (const d of c.deps) addDep(deps, d);
  const type = unpivoted.length === 0 ? UNKNOWN : unpivoted.map((c) => c.type).reduce(superOf);
  return [
    ...sourceColumns.filter((c) => !unpivoted.includes(c)).map((c) => ({ name: c.name, type: c.type, deps: c.deps })),
    { name: spec.names[0], type: 'VARCHAR', deps: [] },
    { name: ref.valueNames[0], type, deps: sortedDeps(deps) },
  ];
}

/** A pivot value as DuckDB writes it into a column name. */
function valueText(v: unknown): string {
  return v === null ? 'NULL' : String(v);
}

/** The columns of the source an expression reads. */
function columnsRead(e: BoundExpr, out: Set<RelColumn>): void {
  switch (e.kind) {
    case 'column': out.add(e.column); return;
    case 'field': case 'cast': columnsRead(e.child, out); return;
    case 'function': for (const x of [...e.args, ...e.orderBy, ...(e.filter ? [e.filter] : [])]) columnsRead(x, out); return;
    case 'case': for (const c of e.checks) { columnsRead(c.when, out); columnsRead(c.then, out); } if (e.elseExpr) columnsRead(e.elseExpr, out); return;
    case 'operator': for (const x of e.args) columnsRead(x, out); return;
    case 'lambda': columnsRead(e.body, out); return;
    case 'subquery': if (e.child) columnsRead(e.child, out); return;
    case 'constant': return;
  }
}
