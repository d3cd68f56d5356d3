// Binds a FROM clause into a FromScope: each table reference becomes a relation under its alias;
// joins merge USING/NATURAL columns and add their keys and conditions as INDIRECT JOIN deps.
import type { TableRef, TableRefKind } from '../parse/ast.js';
import type { RelColumn, Relation } from './bound.js';
import type { BindContext, CteScope } from './bind-context.js';
import { lookupCte } from './bind-context.js';
import { EMPTY_FROM, lookupUnqualified, type FromScope, type Scope, type ScopeEntry } from './scope.js';
import { bindQuery } from './bind-query.js';
import { bindExpr } from './bind-expr.js';
import { bindPivot } from './bind-pivot.js';
import { superOf, commonSupertype } from '../types/promote.js';
import { typedOf, inferType } from '../types/infer-type.js';
import { UNKNOWN, listElement } from '../types/type-text.js';
import { exprDeps, compose, indirect, IDENTITY, depsOfExpr } from '../lineage/expr-deps.js';
import { addDep, sortedDeps, type DepSet } from '../lineage/dep-set.js';
import { fieldDeps } from '../lineage/struct-fields.js';

export interface FromEnv {
  readonly ctx: BindContext;
  readonly ctes: CteScope | null;
  /** The enclosing scope: outer query, plus FROM items to the left (DuckDB binds laterally). */
  readonly outer: Scope | null;
  /** Row deps of the query being bound (joins and inputs' own row deps). */
  readonly rowDeps: DepSet;
}

export function renameColumns(rel: Relation, aliases: readonly string[]): Relation {
  if (aliases.length === 0) return rel;
  return { rowDeps: rel.rowDeps, columns: rel.columns.map((c, i) => (i < aliases.length ? { ...c, name: aliases[i] } : c)) };
}

function single(alias: string, relation: Relation, env: FromEnv): FromScope {
  for (const d of relation.rowDeps) addDep(env.rowDeps, d);
  return { entries: [{ alias, relation }], merged: new Map(), starReplace: new Map() };
}


type Handler<K extends TableRefKind> = (ref: Extract<TableRef, { kind: K }>, env: FromEnv) => FromScope;

/** coalesce() transforms: a FULL join's merged key is no longer either side's value as is. */
const THROUGH_COALESCE = { type: 'DIRECT', subtype: 'TRANSFORMATION', masking: false } as const;

const GENERATORS: Readonly<Record<string, string>> = { range: 'range', generate_series: 'generate_series' };

const HANDLERS: { readonly [K in TableRefKind]: Handler<K> } = {
  base: (ref, env) => {
    const res = env.ctx.resolutions.get(ref);
    const rel = res?.kind === 'input' ? env.ctx.inputs.get(res.name) : lookupCte(env.ctes, ref.name);
    if (!rel) throw new Error(`invariant: table reference "${ref.name}" was not resolved`);
    return single(ref.alias || ref.name, renameColumns(rel, ref.columnAliases), env);
  },
  subquery: (ref, env) => {
    const rel = bindQuery(ref.query, env.ctx, env.ctes, env.outer, false);
    return single(ref.alias, renameColumns(rel, ref.columnAliases), env);
  },
  join: (ref, env) => {
    const left = bindFromRef(ref.left, env);
    const right = bindFromRef(ref.right, { ...env, outer: { from: left, parent: env.outer } });
    const semi = ref.joinType === 'SEMI' || ref.joinType === 'ANTI';
    const entries: ScopeEntry[] = semi ? [...left.entries] : [...left.entries, ...right.entries];
    const seen = new Set<string>();
    for (const e of [...left.entries, ...right.entries]) {
      const k = e.alias.toLowerCase();
      if (k !== '' && seen.has(k)) env.ctx.report('SQL_DUPLICATE_ALIAS', `duplicate table alias "${e.alias}" in FROM`, ref.loc >= 0 ? ref.loc : ref.right.loc, 'give one of the tables another alias');
      seen.add(k);
    }
    const merged = new Map([...left.merged, ...(semi ? [] : right.merged)]);
    const starReplace = new Map([...left.starReplace, ...right.starReplace]);
    let using = ref.using;
    if (ref.refType === 'NATURAL') {
      using = [];
      for (const e of left.entries) for (const c of e.relation.columns) if (lookupUnqualified(right, c.name) !== null) using = [...using, c.name];
    }
    for (const name of using) {
      const lc = lookupUnqualified(left, name);
      const rc = lookupUnqualified(right, name);
      if (lc === null || lc === 'ambiguous' || rc === null || rc === 'ambiguous') {
        const side = lc === null || lc === 'ambiguous' ? 'left' : 'right';
        const problem = (side === 'left' ? lc : rc) === 'ambiguous' ? 'is ambiguous on' : 'is missing from';
        env.ctx.report(problem === 'is ambiguous on' ? 'SQL_AMBIGUOUS_COLUMN' : 'SQL_UNKNOWN_COLUMN', `USING column "${name}" ${problem} the ${side} side of the join`, ref.loc >= 0 ? ref.loc : ref.right.loc);
        continue;
      }
      for (const d of [...lc.deps, ...rc.deps]) addDep(env.rowDeps, compose(indirect('JOIN'), d));
      // A FULL join's key is coalesce(left.k, right.k): both sides' values reach it.
      const full = ref.joinType === 'FULL' || ref.joinType === 'OUTER';
      const deps = full ? sortedDeps(new Set([...lc.deps, ...rc.deps].map((d) => compose(THROUGH_COALESCE, d)))) : ref.joinType === 'RIGHT' ? rc.deps : lc.deps;
      const m: RelColumn = { name: lc.name, type: superOf(lc.type, rc.type), deps };
      merged.set(name.toLowerCase(), m);
      starReplace.set(lc, m);
      starReplace.set(rc, null);
    }
    const from: FromScope = { entries, merged, starReplace };
    if (ref.condition) {
      const env2 = { ctx: env.ctx, scope: { from: { entries: [...left.entries, ...right.entries], merged, starReplace }, parent: env.outer }, ctes: env.ctes, aliases: null, lambdaParams: null };
      exprDeps(bindExpr(ref.condition, env2), indirect('JOIN'), env.rowDeps);
    }
    return from;
  },
  'table-function': (ref, env) => {
    const fn = ref.fn;
    const scope: Scope = env.outer ?? { from: EMPTY_FROM, parent: null };
    const exprEnv = { ctx: env.ctx, scope, ctes: env.ctes, aliases: null, lambdaParams: null };
    if (fn.name === 'unnest') {
      const arg = fn.args[0] ? bindExpr(fn.args[0], exprEnv) : null;
      const type = arg ? listElement(inferType(arg)) ?? UNKNOWN : UNKNOWN;
      const fields = arg ? fieldDeps(arg, (x) => depsOfExpr(x)) : null;
      const col: RelColumn = { name: ref.columnAliases[0] ?? 'unnest', type, deps: arg ? depsOfExpr(arg, { type: 'DIRECT', subtype: 'TRANSFORMATION', masking: false }) : [], ...(fields ? { fields } : {}) };
      return single(ref.alias || 'unnest', { columns: [col], rowDeps: [] }, env);
    }
    const gen = GENERATORS[fn.name];
    if (gen) {
      const args = fn.args.map((a) => bindExpr(a, exprEnv));
      const deps: DepSet = new Set();
      for (const a of args) exprDeps(a, indirect('FILTER'), deps);
      const col: RelColumn = { name: ref.columnAliases[0] ?? gen, type: args.some((a) => inferType(a).startsWith('TIMESTAMP')) ? 'TIMESTAMP' : 'BIGINT', deps: [] };
      return single(ref.alias || gen, { columns: [col], rowDeps: sortedDeps(deps) }, env);
    }
    env.ctx.report('SQL_UNSUPPORTED', `table function ${fn.name}() cannot be analyzed`, ref.loc, 'read files through a source declared in sources.yaml');
    return single(ref.alias || fn.name, { columns: [], rowDeps: [] }, env);
  },
  pivot: (ref, env) => {
    const inner = bindFromRef(ref.source, { ...env, outer: env.outer });
    const exprEnv = { ctx: env.ctx, scope: { from: inner, parent: env.outer }, ctes: env.ctes, aliases: null, lambdaParams: null };
    return single(ref.alias, renameColumns(bindPivot(ref, inner, exprEnv), ref.columnAliases), env);
  },
  values: (ref, env) => {
    const exprEnv = { ctx: env.ctx, scope: env.outer ?? { from: EMPTY_FROM, parent: null }, ctes: env.ctes, aliases: null, lambdaParams: null };
    const rows = ref.rows.map((r) => r.map((e) => bindExpr(e, exprEnv)));
    const width = rows[0]?.length ?? 0;
    const columns: RelColumn[] = [];
    for (let i = 0; i < width; i++) {
      const deps: DepSet = new Set();
      for (const r of rows) if (r[i]) exprDeps(r[i], IDENTITY, deps);
      columns.push({ name: ref.columnAliases[i] ?? `col${i}`, type: commonSupertype(rows.map((r) => (r[i] ? typedOf(r[i]) : { type: 'NULL', literal: 'null' as const }))), deps: sortedDeps(deps) });
    }
    return single(ref.alias || 'valueslist', { columns, rowDeps: [] }, env);
  },
};


export function bindFromRef(ref: TableRef, env: FromEnv): FromScope {
  return (HANDLERS[ref.kind] as (r: TableRef, e: FromEnv) => FromScope)(ref, env);
}
