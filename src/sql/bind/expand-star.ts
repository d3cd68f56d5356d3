// Expands `*` and `t.*` in a select list from the schemas in scope, applying EXCLUDE and
// REPLACE; USING-merged join columns appear once, at the left table's position.
import type { StarExpr } from '../parse/ast.js';
import type { BoundExpr } from './bound.js';
import { findEntry, type ScopeEntry } from './scope.js';
import { bindExpr, type ExprEnv } from './bind-expr.js';
import { didYouMean } from '../../util/did-you-mean.js';

export interface SelectItem {
  readonly name: string;
  readonly expr: BoundExpr;
  /** False when DuckDB derives the name from the expression text. */
  readonly named: boolean;
}

export function expandStar(star: StarExpr, env: ExprEnv): SelectItem[] {
  const from = env.scope.from;
  let entries: readonly ScopeEntry[] = from.entries;
  if (star.relation !== '') {
    const entry = findEntry(from, star.relation);
    if (!entry) {
      const m = didYouMean(star.relation, from.entries.map((e) => e.alias));
      env.ctx.report('SQL_UNKNOWN_TABLE', `"${star.relation}.*": no table "${star.relation}" in FROM`, star.loc, m ? `did you mean "${m}"?` : undefined);
      return [];
    }
    entries = [entry];
  } else if (entries.length === 0) {
    env.ctx.report('SQL_UNKNOWN_COLUMN', '"*" with no FROM clause', star.loc);
    return [];
  }
  const exclude = new Set(star.exclude.map((n) => n.toLowerCase()));
  const replace = new Map(star.replace.map((r) => [r.name.toLowerCase(), r]));
  const used = new Set<string>();
  const items: SelectItem[] = [];
  for (const entry of entries) {
    for (const original of entry.relation.columns) {
      let col = original;
      if (star.relation === '' && from.starReplace.has(original)) {
        const r = from.starReplace.get(original);
        if (!r) continue;
        col = r;
      }
      const key = col.name.toLowerCase();
      if (exclude.has(key)) {
        used.add(key);
        continue;
      }
      const rep = replace.get(key);
      if (rep) used.add(key);
      // The column takes the name as the REPLACE spells it (DuckDB: `REPLACE (x AS AMOUNT)` on
      // a column `amount` builds a column `AMOUNT`).
      items.push({ name: rep ? rep.name : col.name, expr: rep ? bindExpr(rep.expr, env) : { kind: 'column', column: col }, named: true });
    }
  }
  for (const name of [...star.exclude, ...star.replace.map((r) => r.name)]) {
    if (!used.has(name.toLowerCase())) {
      env.ctx.report('SQL_UNKNOWN_COLUMN', `column "${name}" in EXCLUDE/REPLACE is not produced by the star`, star.loc);
    }
  }
  return items;
}
