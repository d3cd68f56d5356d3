// Expands `*` and `t.*` in a select list from the schemas in scope, applying EXCLUDE and
// REPLACE; USING-merged join columns appear once, at the left table's position. `s.*` on a
// STRUCT column (no table s in FROM) expands to the struct's fields.
import type { StarExpr } from '../parse/ast.js';
import type { BoundExpr } from './bound.js';
import { findEntry, lookupUnqualified, type ScopeEntry } from './scope.js';
import { structFields } from '../types/type-text.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { didYouMean } from '../../util/did-you-mean.js';

export interface SelectItem {
  readonly name: string;
  readonly expr: BoundExpr;
  /** False when DuckDB derives the name from the expression text. */
  readonly named: boolean;
}

/** `s.*` where s is a STRUCT column, not a table: one item per field, named after it (as DuckDB does). */
function structStar(star: StarExpr, env: ExprEnv): { name: string; expr: BoundExpr }[] | null {
  const col = lookupUnqualified(env.scope.from, star.relation);
  if (col === null || col === 'ambiguous') return null;
  return structFields(col.type)?.map((f) => ({ name: f.name, expr: { kind: 'field', child: { kind: 'column', column: col }, name: f.name } })) ?? null;
}

export function expandStar(star: StarExpr, env: ExprEnv): SelectItem[] {
  const from = env.scope.from;
  let entries: readonly ScopeEntry[] = from.entries;
  const entry = star.relation === '' ? null : findEntry(from, star.relation);
  let candidates = star.relation !== '' && entry === null ? structStar(star, env) : null;
  if (entry !== null) entries = [entry];
  else if (star.relation !== '' && candidates === null) {
    const m = didYouMean(star.relation, from.entries.map((e) => e.alias));
    env.ctx.report('SQL_UNKNOWN_TABLE', `"${star.relation}.*": no table "${star.relation}" in FROM`, star.loc, m ? `did you mean "${m}"?` : undefined);
    return [];
  } else if (entries.length === 0) {
    env.ctx.report('SQL_UNKNOWN_COLUMN', '"*" with no FROM clause', star.loc);
    return [];
  }
  const exclude = new Set(star.exclude.map((n) => n.toLowerCase()));
  const replace = new Map(star.replace.map((r) => [r.name.toLowerCase(), r]));
  const used = new Set<string>();
  const items: SelectItem[] = [];
  if (candidates === null) {
    candidates = [];
    for (const entry of entries) {
      for (const original of entry.relation.columns) {
        let col = original;
        if (star.relation === '' && from.starReplace.has(original)) {
          const r = from.starReplace.get(original);
          if (!r) continue;
          col = r;
        }
        candidates.push({ name: col.name, expr: { kind: 'column', column: col } });
      }
    }
  }
  for (const c of candidates) {
    const key = c.name.toLowerCase();
    if (exclude.has(key)) {
      used.add(key);
      continue;
    }
    const rep = replace.get(key);
    if (rep) used.add(key);
    // The column takes the name as the REPLACE spells it (DuckDB: `REPLACE (x AS AMOUNT)` on a
    // column `amount` builds a column `AMOUNT`).
    items.push({ name: rep ? rep.name : c.name, expr: rep ? bindExpr(rep.expr, env) : c.expr, named: true });
  }
  for (const name of [...star.exclude, ...star.replace.map((r) => r.name)]) {
    if (!used.has(name.toLowerCase())) {
      env.ctx.report('SQL_UNKNOWN_COLUMN', `column "${name}" in EXCLUDE/REPLACE is not produced by the star`, star.loc);
    }
  }
  return items;
}
