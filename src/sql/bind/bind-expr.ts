// Binds one AST expression in a scope: resolves column names (table aliases, USING columns,
// lateral select aliases, outer queries, lambda parameters), binds subqueries, and reports
// unknown or ambiguous columns. A failed reference binds to an UNKNOWN constant so binding goes on.
import type { Expr, ExprKind } from '../parse/ast.js';
import type { BoundExpr, RelColumn } from './bound.js';
import type { BindContext, CteScope } from './bind-context.js';
import { findColumn, findEntry, lookupUnqualified, visibleNames, type Scope } from './scope.js';
import { bindQuery } from './bind-query.js';
import { didYouMean } from '../../util/did-you-mean.js';
import { AGGREGATE_FUNCTIONS } from '../types/aggregate-names.js';
import { doubtful, implicitCastWarning } from '../types/doubtful.js';
import { VOLATILE_COLUMN_NAMES } from '../volatile/volatile-functions.js';
import { inferType } from '../types/infer-type.js';
import { listElement, UNKNOWN } from '../types/type-text.js';
import { depsOfExpr } from '../lineage/expr-deps.js';

export interface ExprEnv {
  readonly ctx: BindContext;
  readonly scope: Scope;
  readonly ctes: CteScope | null;
  /** Explicit select-list aliases bound so far (lateral column aliases), by lower-case name. */
  readonly aliases: ReadonlyMap<string, BoundExpr> | null;
  /** Lambda parameters in scope, by lower-case name. */
  readonly lambdaParams: ReadonlyMap<string, RelColumn> | null;
  /** The column COLUMNS(...) stands for while one expansion of a select item is bound (expand-columns.ts). */
  readonly columns?: BoundExpr;
}


/** Functions whose `x -> ...` arguments DuckDB binds as lambdas (those with a LAMBDA parameter in
 *  duckdb_functions(); a test keeps them in step); anywhere else `a -> b` is the JSON operator. */
export const LAMBDA_FUNCTIONS: ReadonlySet<string> = new Set([
  'list_transform', 'array_transform', 'apply', 'list_apply', 'array_apply',
  'list_filter', 'array_filter', 'filter', 'list_reduce', 'array_reduce', 'reduce',
]);

export const ERROR_EXPR: BoundExpr = { kind: 'constant', type: UNKNOWN, isNull: false, value: null };

function withFields(base: BoundExpr, rest: readonly string[]): BoundExpr {
  let e = base;
  for (const name of rest) e = { kind: 'field', child: e, name };
  return e;
}

function hint(name: string, candidates: Iterable<string>): string | undefined {
  const m = didYouMean(name, candidates);
  return m ? `did you mean "${m}"?` : undefined;
}

function resolveColumn(names: readonly string[], loc: number, env: ExprEnv): BoundExpr {
  const first = names[0];
  const lp = env.lambdaParams?.get(first.toLowerCase());
  if (lp) return withFields({ kind: 'column', column: lp }, names.slice(1));
  for (let s: Scope | null = env.scope; s; s = s.parent) {
    if (names.length >= 2) {
      const entry = findEntry(s.from, first);
      if (entry) {
        const col = findColumn(entry.relation, names[1]);
        if (col) return withFields({ kind: 'column', column: col }, names.slice(2));
        env.ctx.report('SQL_UNKNOWN_COLUMN', `column "${names[1]}" not found in "${entry.alias}"`, loc, hint(names[1], entry.relation.columns.map((c) => c.name)));
        return ERROR_EXPR;
      }
    }
    const c = lookupUnqualified(s.from, first);
    if (c === 'ambiguous') {
      const tables = s.from.entries.filter((e) => findColumn(e.relation, first)).map((e) => e.alias || '(subquery)');
      env.ctx.report('SQL_AMBIGUOUS_COLUMN', `column "${first}" is ambiguous: it exists in ${tables.map((t) => `"${t}"`).join(' and ')}`, loc, `qualify it, e.g. ${tables[0]}.${first}`);
      return ERROR_EXPR;
    }
    if (c) return withFields({ kind: 'column', column: c }, names.slice(1));
    if (s === env.scope && env.aliases) {
      const a = env.aliases.get(first.toLowerCase());
      if (a) return withFields(a, names.slice(1));
    }
  }
  if (names.length === 1 && VOLATILE_COLUMN_NAMES.has(first.toLowerCase())) {
    return { kind: 'function', name: first.toLowerCase(), args: [], argNames: [], aggregate: false, window: null, orderBy: [], filter: null };
  }
  const shown = names.join('.');
  const candidates = [...visibleNames(env.scope), ...(env.aliases ? env.aliases.keys() : [])];
  env.ctx.report('SQL_UNKNOWN_COLUMN', `column "${shown}" not found`, loc, hint(names.length >= 2 ? names[1] : first, candidates));
  return ERROR_EXPR;
}

/** Lambda arguments see their parameters as columns of the list's element type. */
function bindLambdaArgs(args: readonly Expr[], env: ExprEnv): BoundExpr[] {
  const out: BoundExpr[] = [];
  for (const a of args) {
    if (a.kind !== 'lambda') {
      out.push(bindExpr(a, env));
      continue;
    }
    const list = out[0];
    const elem = list ? listElement(inferType(list)) ?? UNKNOWN : UNKNOWN;
    const deps = list ? depsOfExpr(list) : [];
    const params = a.params.map((name, i) => ({ name, type: i === 0 || a.params.length === 2 ? elem : 'BIGINT', deps }));
    const lambdaParams = new Map(env.lambdaParams ?? []);
    for (const p of params) lambdaParams.set(p.name.toLowerCase(), p);
    out.push({ kind: 'lambda', params, body: bindExpr(a.body, { ...env, lambdaParams }) });
  }
  return out;
}

type Handler<K extends ExprKind> = (e: Extract<Expr, { kind: K }>, env: ExprEnv) => BoundExpr;

const HANDLERS: { readonly [K in ExprKind]: Handler<K> } = {
  column: (e, env) => resolveColumn(e.names, e.loc, env),
  constant: (e) => ({ kind: 'constant', type: e.type, isNull: e.isNull, value: e.value }),
  star: (e, env) => {
    if (e.columns && env.columns) return env.columns;
    const message = e.unsupported ? `* ${e.unsupported} (...) cannot be analyzed`
      : e.columns ? 'COLUMNS(...) is only supported in the select list'
        : '* is only supported as a select-list item (use COLUMNS(*) inside an expression)';
    env.ctx.report('SQL_UNSUPPORTED', message, e.loc);
    return ERROR_EXPR;
  },
  cast: (e, env) => ({ kind: 'cast', child: bindExpr(e.child, env), type: e.type }),
  function: (e, env) => ({
    kind: 'function',
    name: e.name,
    args: LAMBDA_FUNCTIONS.has(e.name) && e.args.some((a) => a.kind === 'lambda') ? bindLambdaArgs(e.args, env) : e.args.map((a) => bindExpr(a, env)),
    argNames: e.args.map((a) => a.alias),
    aggregate: AGGREGATE_FUNCTIONS.has(e.name),
    window: null,
    orderBy: e.orderBy.map((o) => bindExpr(o.expr, env)),
    filter: e.filter ? bindExpr(e.filter, env) : null,
  }),
  window: (e, env) => ({
    kind: 'function',
    name: e.name,
    args: e.args.map((a) => bindExpr(a, env)),
    argNames: e.args.map((a) => a.alias),
    aggregate: false,
    window: {
      partitions: e.partitions.map((p) => bindExpr(p, env)),
      orders: e.orders.map((o) => bindExpr(o.expr, env)),
      extras: e.extras.map((x) => bindExpr(x, env)),
    },
    orderBy: [],
    filter: e.filter ? bindExpr(e.filter, env) : null,
  }),
  case: (e, env) => ({
    kind: 'case',
    checks: e.checks.map((c) => ({ when: bindExpr(c.when, env), then: bindExpr(c.then, env) })),
    elseExpr: e.elseExpr ? bindExpr(e.elseExpr, env) : null,
  }),
  operator: (e, env) => ({ kind: 'operator', op: e.op, args: e.args.map((a) => bindExpr(a, env)) }),
  subquery: (e, env) => ({
    kind: 'subquery',
    subqueryType: e.subqueryType,
    relation: bindQuery(e.query, env.ctx, env.ctes, env.scope, false),
    child: e.child ? bindExpr(e.child, env) : null,
  }),
  // Outside a lambda function's arguments, `j -> 'path'` is the JSON operator: json_extract(j, 'path').
  lambda: (e, env) => (e.lhs
    ? { kind: 'function', name: '->', args: [bindExpr(e.lhs, env), bindExpr(e.body, env)], argNames: ['', ''], aggregate: false, window: null, orderBy: [], filter: null }
    : { kind: 'lambda', params: [], body: bindExpr(e.body, env) }),
  unsupported: (e, env) => {
    env.ctx.report('SQL_UNSUPPORTED', `unsupported expression (${e.what})`, e.loc);
    return ERROR_EXPR;
  },
};

export function bindExpr(e: Expr, env: ExprEnv): BoundExpr {
  const bound = (HANDLERS[e.kind] as (x: Expr, env: ExprEnv) => BoundExpr)(e, env);
  const doubt = env.ctx.doubt;
  if (doubt && !doubt.unsure && doubtful(bound)) doubt.unsure = true;
  if (bound.kind === 'operator') {
    const warning = implicitCastWarning(bound);
    if (warning) env.ctx.report('SQL_IMPLICIT_CAST', warning, e.loc >= 0 ? e.loc : e.kind === 'operator' ? e.args[0]?.loc ?? -1 : -1, 'cast one side explicitly (TRY_CAST keeps NULL for values that do not convert)');
  }
  return bound;
}

/** True when the expression aggregates (outside window functions and subqueries). */
export function hasAggregate(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'function':
      return (e.aggregate && e.window === null) || e.args.some(hasAggregate);
    case 'field':
    case 'cast':
      return hasAggregate(e.child);
    case 'case':
      return e.checks.some((c) => hasAggregate(c.when) || hasAggregate(c.then)) || (e.elseExpr !== null && hasAggregate(e.elseExpr));
    case 'operator':
      return e.args.some(hasAggregate);
    default:
      return false;
  }
}
