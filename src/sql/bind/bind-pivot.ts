// Binds `FROM src PIVOT (aggs FOR col IN (...) GROUP BY g)` and `FROM src UNPIVOT (val FOR name IN
// (...))` into a relation, with the columns DuckDB gives them. PIVOT's value columns are named
// after the IN values (joined by '_' across FOR clauses, then the aggregate's alias or text when
// it has one or there are several); they read their aggregate (DIRECT) and the FOR columns that
// route rows to them (INDIRECT FILTER); the group columns group every row (INDIRECT GROUP_BY).
// Without an IN list the columns depend on the data: a diagnostic, never a guess.
import type { PivotRef } from '../parse/ast.js';
import type { BoundExpr, Dep, RelColumn, Relation } from './bound.js';
import type { FromScope } from './scope.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { expressionName } from './expression-name.js';
import { inferType, typedOf } from '../types/infer-type.js';
import { commonSupertype } from '../types/promote.js';
import { UNKNOWN } from '../types/type-text.js';
import { exprDeps, depsOfExpr, compose, indirect } from '../lineage/expr-deps.js';
import { addDep, sortedDeps, type DepSet } from '../lineage/dep-set.js';

function columnsOf(from: FromScope): RelColumn[] {
  return from.entries.flatMap((e) => e.relation.columns);
}

/** The relation columns an expression reads. */
function readColumns(e: BoundExpr, out: Set<RelColumn>): void {
  switch (e.kind) {
    case 'column': out.add(e.column); return;
    case 'field': case 'cast': readColumns(e.child, out); return;
    case 'function': for (const a of [...e.args, ...e.orderBy, ...(e.filter ? [e.filter] : [])]) readColumns(a, out); return;
    case 'operator': for (const a of e.args) readColumns(a, out); return;
    case 'case': for (const c of e.checks) { readColumns(c.when, out); readColumns(c.then, out); } if (e.elseExpr) readColumns(e.elseExpr, out); return;
    case 'lambda': readColumns(e.body, out); return;
    default: return;
  }
}

function cartesian(lists: readonly (readonly string[])[]): string[] {
  return lists.reduce<string[]>((acc, l) => acc.flatMap((a) => l.map((x) => (a === '' ? x : `${a}_${x}`))), ['']);
}

export function bindPivot(ref: PivotRef, source: FromScope, env: ExprEnv): Relation {
  const all = columnsOf(source);
  const rowDeps: DepSet = new Set();
  if (ref.pivots.some((p) => p.entries.length === 0 || p.entries.some((e) => e.expr && ref.unpivotNames.length === 0))) {
    env.ctx.report('SQL_PIVOT_VALUES', `${ref.unpivotNames.length > 0 ? 'UNPIVOT' : 'PIVOT'} without an explicit IN (...) list: its output columns depend on the data`, ref.loc,
      ref.unpivotNames.length > 0 ? 'list the columns: IN (a, b, ...)' : 'list the values: FOR col IN (\'v1\', \'v2\', ...)');
    return { columns: [], rowDeps: [] };
  }
  return ref.unpivotNames.length > 0 ? unpivot(ref, all, env, rowDeps) : pivot(ref, all, env, rowDeps);
}

function pivot(ref: PivotRef, all: readonly RelColumn[], env: ExprEnv, rowDeps: DepSet): Relation {
  const aggs = ref.aggregates.map((a) => bindExpr(a, env));
  const fors = ref.pivots.flatMap((p) => p.exprs).map((e) => bindExpr(e, env));
  const used = new Set<RelColumn>();
  for (const e of [...aggs, ...fors]) readColumns(e, used);
  let groups: RelColumn[];
  if (ref.groups.length > 0) {
    groups = [];
    for (const g of ref.groups) {
      const c = all.find((x) => x.name.toLowerCase() === g.toLowerCase());
      if (c) groups.push(c);
      else env.ctx.report('SQL_UNKNOWN_COLUMN', `PIVOT GROUP BY column "${g}" not found`, ref.loc);
    }
  } else {
    groups = all.filter((c) => !used.has(c)); // DuckDB groups by every column the PIVOT does not read
  }
  for (const g of groups) for (const d of g.deps) addDep(rowDeps, compose(indirect('GROUP_BY'), d));
  const routing: DepSet = new Set();
  for (const f of fors) exprDeps(f, indirect('FILTER'), routing);
  const names = cartesian(ref.pivots.map((p) => p.entries.map((e) => e.alias || e.values.join('_'))));
  const columns: RelColumn[] = groups.map((g) => ({ name: g.name, type: g.type, deps: g.deps }));
  for (const n of names) {
    aggs.forEach((agg, i) => {
      const alias = ref.aggregates[i].alias;
      const suffix = alias !== '' || aggs.length > 1 ? `_${alias || expressionName(ref.aggregates[i])}` : '';
      const deps: DepSet = new Set();
      for (const d of depsOfExpr(agg)) addDep(deps, d);
      for (const d of routing) addDep(deps, d);
      columns.push({ name: `${n}${suffix}`, type: inferType(agg), deps: sortedDeps(deps) });
    });
  }
  return { columns, rowDeps: sortedDeps(rowDeps) };
}

function unpivot(ref: PivotRef, all: readonly RelColumn[], env: ExprEnv, rowDeps: DepSet): Relation {
  const p = ref.pivots[0];
  if (ref.pivots.length !== 1 || ref.unpivotNames.length !== 1 || p.unpivotNames.length !== 1 || p.entries.some((e) => !e.expr && e.values.length !== 1)) {
    env.ctx.report('SQL_UNSUPPORTED', 'UNPIVOT into several value columns cannot be analyzed', ref.loc);
    return { columns: [], rowDeps: [] };
  }
  const values: BoundExpr[] = [];
  const used = new Set<RelColumn>();
  for (const e of p.entries) {
    if (e.expr) {
      const b = bindExpr(e.expr, env);
      readColumns(b, used);
      values.push(b);
      continue;
    }
    const c = all.find((x) => x.name.toLowerCase() === e.values[0].toLowerCase()) ?? null;
    if (!c) {
      env.ctx.report('SQL_UNKNOWN_COLUMN', `UNPIVOT column "${e.values[0]}" not found`, ref.loc);
      continue;
    }
    used.add(c);
    values.push({ kind: 'column', column: c });
  }
  const valueDeps: DepSet = new Set();
  for (const v of values) exprDeps(v, { type: 'DIRECT', subtype: 'IDENTITY', masking: false }, valueDeps);
  // Rows whose value is NULL are dropped unless INCLUDE NULLS: the values decide which rows exist.
  if (!ref.includeNulls) for (const d of valueDeps) addDep(rowDeps, compose(indirect('FILTER'), d));
  const kept: RelColumn[] = all.filter((c) => !used.has(c)).map((c) => ({ name: c.name, type: c.type, deps: c.deps }));
  const typed = values.map(typedOf);
  const type = commonSupertype(typed);
  // DuckDB unpivots into one column only types it can widen to each other, never text to another type.
  const distinct = [...new Set(typed.map((t) => t.type))];
  if (distinct.length > 1 && (type === UNKNOWN || distinct.includes('VARCHAR'))) {
    env.ctx.report('SQL_TYPE_ERROR', `cannot unpivot columns of types ${distinct.join(' and ')} into one column`, ref.loc, 'cast the listed columns to one type: IN (CAST(a AS VARCHAR), b)');
  }
  const columns: RelColumn[] = [...kept, { name: p.unpivotNames[0], type: 'VARCHAR', deps: [] as Dep[] }, { name: ref.unpivotNames[0], type, deps: sortedDeps(valueDeps) }];
  return { columns, rowDeps: sortedDeps(rowDeps) };
}
